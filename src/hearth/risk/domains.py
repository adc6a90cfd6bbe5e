"""Risk domains (rules.md, "Domains and indicators"): the vocabulary incidents, log entries and
risk assessments share."""

DOMAINS: dict[str, str] = {
    "cse": "Child sexual exploitation",
    "cce": "Child criminal exploitation and county lines",
    "missing": "Going missing",
    "self_harm": "Self-harm",
    "bullying_victim": "Being bullied",
    "bullying_others": "Bullying others",
    "substance_misuse": "Substance misuse",
    "online": "Online safety",
    "harmful_sexual_behaviour": "Harmful sexual behaviour",
    "violence": "Violence and aggression",
    "radicalisation": "Radicalisation",
    "other": "Other",
}


def domain_label(code: str) -> str:
    return DOMAINS.get(code, code)
