"""``records.not_child_centred``: words a child should not find about themselves in their record.

Children read their records, sometimes years later (Reg 36; the Guide, paragraphs 14.4 to 14.5:
records written so the child can understand them). Ofsted found records that would not help the
children reading them (scenarios.md, B4). Each term here comes with a plainer, kinder way to say
it. A text that reads far above the child's level is also shown (a rough reading grade from
sentence and word length).
"""

import re

from hearth.risk.checks.base import TextFinding, excerpt, sentences, words

# term pattern → plain alternative
TERMS: dict[str, str] = {
    r"abscond(?:ed|ing|s|er|ers)?": "left without saying where they were going / went missing",
    r"attention[- ]seek(?:ing|er|s)": "wanting someone to notice how they feel",
    r"manipulat(?:ive|ing|ed|es|e)": "trying to get what they need",
    r"kick(?:ed|ing|s)? off": "became upset or angry (say what happened)",
    r"non[- ]?complian(?:t|ce)": "did not agree to (say what)",
    r"placement (?:breakdown|broke down|breaking down|disruption)": "the move ended before it was planned to",
    r"refus(?:ed|es|ing) to engage": "did not want to talk about it then",
    r"(?:disengaged|not engaging|failed to engage|fails to engage)": "did not want to take part (say in what)",
    r"promiscu(?:ous|ity)": "at risk of sexual exploitation (they are a victim, not the cause)",
    r"putting (?:her|him|them)sel(?:f|ves) at risk": "at risk of harm from others",
    r"(?:prostitut\w+|sells? (?:her|him)self)": "being sexually exploited",
    r"(?:in|engaged in) a relationship with (?:an? )?(?:older|adult) (?:man|male|men)": "being groomed or exploited by an adult",
    r"challenging behaviou?rs?": "describe what happened and why it might have happened",
    r"(?:aggressive|violent) (?:child|young person|boy|girl)": "describe the behaviour, not the child",
    r"(?:difficult|naughty|troubled|problem) (?:child|young person|boy|girl)": "describe what happened, not the child",
    r"naughty": "describe what happened",
    r"(?:chose|choosing|chooses|choice) to (?:be sexually active|have sex|sleep with)": "being sexually exploited (a child cannot consent to exploitation)",
    r"(?:kicked|kicking|kick) (?:his|her|their) heels": "waited",
    r"\blac\b": "children in care",
    r"\bcla\b": "children in care",
    r"\byp\b": "the child's name",
    r"service users?": "the child's name",
    r"sanction(?:s|ed)?": "consequence",
    r"(?:respite|respite care)": "short break",
    r"liar|lied to (?:staff|us|me|them)|(?:is|was|were) lying (?:to|about)": "said something that was not true (if you must say it)",
    r"(?:threw|throws|throwing) a (?:tantrum|strop|wobbly)": "became very upset",
    r"(?:tantrum|strop|meltdown)s?": "became very upset",
    r"(?:contact|contact session)s? (?:with|for) (?:mum|dad|mother|father|family)": "family time",
    r"\bbad behaviou?r\b": "describe what happened",
    r"(?:defiant|defiance)": "did not agree (say what they said)",
    r"(?:sly|devious|sneaky)": "describe what happened",
    r"(?:bed[- ]?wett(?:ing|er))": "wet the bed (keep this private and kind)",
    r"(?:deviant|perverted)": "harmful sexual behaviour (name the behaviour)",
    r"(?:absent without leave|awol)": "not where they were expected to be",
    r"(?:on a rota|observation level|obs level) [0-9]": "how often staff check on them",
}
COMPILED = [(re.compile(rf"\b(?:{p})\b", re.IGNORECASE), alt) for p, alt in TERMS.items()]
# Any of the terms: most texts hold none, and one search says so where one per term would be needed.
ANY_TERM = re.compile("|".join(rf"\b(?:{p})\b" for p in TERMS), re.IGNORECASE)
QUOTED_TO_AVOID = re.compile(
    r"\b(?:avoid(?:s|ing)? (?:saying|the words?|using)|instead of|rather than|never say)\W+(?:\w+\W+){0,2}$",
    re.IGNORECASE,
)


def stigmatising_terms(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, the words found, the plainer alternative) for each term in the text."""
    if ANY_TERM.search(text) is None:
        return []
    found = []
    taken: list[tuple[int, int]] = []
    for pattern, alt in COMPILED:
        for m in pattern.finditer(text):
            if any(s <= m.start() < e for s, e in taken):
                continue
            if QUOTED_TO_AVOID.search(text[max(0, m.start() - 40) : m.start()]):
                continue  # "we say 'went missing' rather than 'absconded'"
            taken.append((m.start(), m.end()))
            found.append((m.start(), m.end(), m.group(0), alt))
    return sorted(found)


VOWEL_GROUPS = re.compile(r"[aeiouy]+")


def _syllables(word: str) -> int:
    """A rough count of a word's syllables: its groups of vowels, less a silent final "e"."""
    lower = word.lower()
    groups = VOWEL_GROUPS.findall(lower)
    count = len(groups) - (1 if lower.endswith("e") and len(groups) > 1 else 0)
    return max(1, count)


def reading_grade(text: str) -> float:
    """Flesch-Kincaid grade: roughly the school year a reader needs (US grade; add 1 for England's years)."""
    ws = words(text)
    ss = sentences(text)
    if not ws or not ss:
        return 0.0
    syllables = sum(_syllables(w) for w in ws)
    return 0.39 * (len(ws) / len(ss)) + 11.8 * (syllables / len(ws)) - 15.59


def child_centred_findings(text: str, *, where: str = "", age: int | None = None) -> list[TextFinding]:
    """Stigmatising or jargon terms, each with a plainer way to say it; and text far above the child's level."""
    findings = [
        TextFinding(
            code="records.not_child_centred",
            where=where,
            message=f"“{words_found}” may hurt or confuse the child reading this later. Try: {alt}.",
            excerpt=excerpt(text, start, end),
            suggestion=alt,
        )
        for start, end, words_found, alt in stigmatising_terms(text)
    ]
    if age is not None and len(words(text)) >= 40:
        grade = reading_grade(text)
        school_year = age - 4  # England: Year 1 at age 5 to 6
        if grade > school_year + 4:
            findings.append(
                TextFinding(
                    code="records.not_child_centred",
                    where=where,
                    message=f"Reads at about school year {grade + 1:.0f}, well above a {age}-year-old's: use shorter sentences and everyday words.",
                )
            )
    return findings
