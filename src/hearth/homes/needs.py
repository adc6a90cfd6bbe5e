"""The vocabulary of needs a statement of purpose's range is written in, and a child's needs too.

Reg 14(1)(a) permits an admission only if the child's needs fall within the range in the home's
statement of purpose (Schedule 1, paragraph 1), so both sides must use the same words.
"""

NEEDS: dict[str, str] = {
    "emotional_behavioural_difficulties": "Emotional and behavioural difficulties",
    "learning_disability": "Learning disability",
    "autism": "Autism",
    "physical_disability": "Physical disability",
    "mental_health": "Mental health needs",
    "self_harm": "Self-harm",
    "trauma_attachment": "Trauma and attachment difficulties",
    "sexual_exploitation_risk": "Risk of child sexual exploitation",
    "criminal_exploitation_risk": "Risk of child criminal exploitation",
    "harmful_sexual_behaviour": "Harmful sexual behaviour",
    "substance_misuse": "Substance misuse",
    "offending": "Offending behaviour",
    "going_missing": "Going missing",
    "unaccompanied_asylum_seeker": "Unaccompanied asylum-seeking child",
    "complex_health": "Complex health needs",
    "education_disrupted": "Disrupted education",
}

SEXES = {"female": "Girls", "male": "Boys", "mixed": "Girls and boys"}


def need_label(code: str) -> str:
    return NEEDS.get(code, code.replace("_", " ").capitalize())
