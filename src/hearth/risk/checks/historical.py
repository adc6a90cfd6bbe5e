"""``records.historical_in_current``: old events in the current-risk text.

The current view must lead with current risks; events more than 12 months before the review
belong in the history section (domain.md section 8; scenarios.md, B2 "full of old history").
The check finds dates and times in the text: full dates, months with years, years on their
own ("in 2019"), "N years ago", "when she was 9", and school years ("in Year 4").
"""

import calendar
import datetime
import re

from hearth.risk.checks.base import TextFinding, excerpt

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTH = "|".join(sorted((m for m in MONTHS), key=len, reverse=True))
NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "a": 1,
    "several": 3,
    "many": 3,
    "few": 2,
}

NUMERIC_DATE = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b")
DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?({MONTH})\.? (\d{{4}})\b", re.IGNORECASE)
MONTH_YEAR = re.compile(rf"\b({MONTH})\.?,? (\d{{4}})\b", re.IGNORECASE)
YEAR = re.compile(
    r"\b(?:in|during|since|from|until|by|of|summer|winter|spring|autumn|early|late|back in)\s+(?:the )?(?:summer |winter |spring |autumn |early |late |end of |start of )?((?:19|20)\d\d)\b",
    re.IGNORECASE,
)
BETWEEN = re.compile(r"\bbetween ((?:19|20)\d\d) and ((?:19|20)\d\d)\b", re.IGNORECASE)
AGO = re.compile(
    r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|a|several|many|few)\s+years?\s+ago\b", re.IGNORECASE
)
OVER_A_YEAR = re.compile(
    r"\b(?:over|more than) (?:a|one) year ago\b|\blast year\b(?=.*\b(?:before|earlier)\b)", re.IGNORECASE
)
WHEN_AGED = re.compile(
    r"\b(?:when|since) (?:he|she|they|\w+) (?:was|were) (?:aged )?(\d{1,2})\b|\bat (?:the )?age (?:of )?(\d{1,2})\b|\baged (\d{1,2})\b(?= ?,? ?(?:he|she|they|\w+) (?:was|went|had|began|started|moved|lived|disclosed|ran))",
    re.IGNORECASE,
)
SCHOOL_YEAR = re.compile(r"\bin year (\d{1,2})\b", re.IGNORECASE)
CHILDHOOD = re.compile(
    r"\b(?:as a (?:baby|toddler|young child|small child|little girl|little boy)|in (?:nursery|infant school|primary school|reception))\b",
    re.IGNORECASE,
)


def _end_of_month(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def historical_mentions(
    text: str, *, as_of: datetime.date, age: int | None = None, where: str = ""
) -> list[TextFinding]:
    """Mentions of events that ended more than 12 months before ``as_of`` (the review date)."""
    cutoff = as_of - datetime.timedelta(days=365)
    hits: list[tuple[int, int, str]] = []

    def add(m: re.Match[str], latest: datetime.date | None, why: str = "") -> None:
        if latest is not None and latest < cutoff:
            hits.append((m.start(), m.end(), why or f"{latest:%B %Y}"))

    for m in NUMERIC_DATE.finditer(text):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
        year = year + 2000 if year < 100 else year
        try:
            add(m, datetime.date(year, month, day))
        except ValueError:
            continue
    for m in DAY_MONTH_YEAR.finditer(text):
        try:
            add(m, datetime.date(int(m[3]), MONTHS[m[2].lower().rstrip(".")], int(m[1])))
        except (ValueError, KeyError):
            continue
    for m in MONTH_YEAR.finditer(text):
        add(m, _end_of_month(int(m[2]), MONTHS[m[1].lower().rstrip(".")]))
    for m in YEAR.finditer(text):
        add(m, datetime.date(int(m[1]), 12, 31))
    for m in BETWEEN.finditer(text):
        add(m, datetime.date(int(m[2]), 12, 31))
    for m in AGO.finditer(text):
        n = int(m[1]) if m[1].isdigit() else NUMBER_WORDS[m[1].lower()]
        if n >= 2 or m[1].lower() in {"several", "many", "few"}:
            hits.append((m.start(), m.end(), m[0]))
    for m in OVER_A_YEAR.finditer(text):
        hits.append((m.start(), m.end(), m[0]))
    if age is not None:
        for m in WHEN_AGED.finditer(text):
            aged = int(next(g for g in m.groups() if g))
            if aged < age - 1:
                hits.append((m.start(), m.end(), f"when aged {aged}"))
        for m in SCHOOL_YEAR.finditer(text):
            school_age = int(m[1]) + 5
            if school_age < age - 1:
                hits.append((m.start(), m.end(), f"Year {m[1]}"))
    for m in CHILDHOOD.finditer(text):
        hits.append((m.start(), m.end(), m[0]))

    findings = []
    covered: list[tuple[int, int]] = []
    for start, end, when in sorted(hits):
        if any(s <= start < e for s, e in covered):
            continue
        covered.append((start, end))
        findings.append(
            TextFinding(
                code="records.historical_in_current",
                where=where,
                message=f"Describes events from more than 12 months ago ({when}): move them to the history section.",
                excerpt=excerpt(text, start, end),
            )
        )
    return findings
