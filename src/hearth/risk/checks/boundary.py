"""``risk.boundary_breach``: a plan that relies on a staff member's personal life.

Staff keep professional boundaries (Reg 12, Reg 13; safer-care practice): a child in crisis is
told to ring the home or the on-call manager, never a worker's personal mobile; staff do not
befriend a child on personal social media, take a child to their own home or involve their own
family, or promise their own time off. Ofsted found a plan telling a child to ring the
manager's personal mobile (scenarios.md, A7).
"""

import functools
import re
from collections.abc import Iterator

from hearth.risk.checks.base import TextFinding, excerpt

ROLE = r"(?:staff(?: member)?|worker|key ?worker|manager|carer|deputy|senior|night staff)"
SOCIAL = r"(?:facebook|instagram|snapchat|snap|tiktok|twitter|whats ?app|social media|socials)"
FAMILY = r"(?:family|husband|wife|partner|son|daughter|children|kids|mum|dad|mother|father|brother|sister|relatives?)"
ACT = r"(?:add|adds|added|adding|follow|follows|followed|friend|friends|friended|message|messages|messaged|messaging|dm|dms)"
PLACE = r"(?:home|house|flat|place)"
FREE_TIME = r"(?:own time|spare time|free time|days? off|time off|holidays?|annual leave)"


def _patterns(staff: str) -> list[tuple[str, str]]:
    """``staff`` matches a reference to a member of staff: a role word, or a staff member's name."""
    return [
        (
            r"\b(?:personal|private) (?:mobile|phone|mobile number|phone number|number|email|e-mail)\b",
            "a personal phone or email",
        ),
        (r"\bown (?:mobile|phone|mobile number|phone number|number)\b", "a worker's own phone"),
        (rf"\b{staff}'s (?:mobile|phone|number|mobile number|phone number)\b", "a staff member's own phone"),
        (rf"\b(?:personal|private) {SOCIAL}(?: accounts?| pages?| profiles?)?", "personal social media"),
        (
            rf"\b{ACT}\b (?:\w+ ){{0,2}}on (?:my|his|her|their|{staff}'s) (?:personal )?{SOCIAL}",
            "a worker's social media",
        ),
        (rf"\bfriend requests? (?:from|to) (?:a )?{staff}", "a friend request between a worker and a child"),
        (
            rf"\b(?:to|at|in|visit|visits|visiting|stay|stays|staying) (?:the )?(?:{staff}'s|my) (?:own )?{PLACE}\b",
            "a staff member's own home",
        ),
        (rf"\b{staff}'s (?:own )?{PLACE}\b", "a staff member's own home"),
        (rf"\b{staff}'s {FAMILY}\b", "a staff member's family"),
        (rf"\b(?:in|on|during) (?:my|his|her|their|{staff}'s) {FREE_TIME}\b", "a staff member's own time"),
        (
            r"\b(?:off[- ]duty|outside (?:of )?(?:work|working hours|(?:his|her|their|my) shifts?)|when (?:not|off) (?:on )?(?:shift|duty|work))\b",
            "contact when a worker is off duty",
        ),
        (rf"\b{staff}'s (?:own )?(?:car|vehicle)\b", "a staff member's own car"),
        (rf"\b{staff} on (?:his|her|their) (?:personal |own )?(?:mobile|phone|number)\b", "a worker's own phone"),
        (rf"\b{ACT}\b {staff} (?:as a friend )?on (?:\w+ )?{SOCIAL}", "a worker's social media"),
        (rf"\b{staff} (?:has |have )?{ACT} \w+ (?:as a friend )?on (?:\w+ )?{SOCIAL}", "a worker's social media"),
        (
            r"\bwhen (?:he|she|they|\w+) (?:is|are) (?:not on shift|off shift|not at work|not working)\b",
            "contact when a worker is off duty",
        ),
        (
            r"\b(?:take|takes|taking|bring|brings|bringing) \w+ (?:back )?home with (?:them|him|her|me)\b",
            "a staff member's own home",
        ),
    ]


# Any one-word name ("Dana", "O'Brien", "Smith-Jones"; not the "'s" after it); whether it is a
# staff member's is decided after the match, so one compiled set serves every home and child.
WORD_NAME = r"\w+(?:(?:['\u2019](?!s\b)|-)\w+)*"


@functools.cache
def _compiled(spaced_names: tuple[str, ...]) -> list[tuple[re.Pattern[str], str]]:
    """The patterns, with a staff reference being a role word or a name (captured as ``name``).
    Names with a space in them ("de Souza") cannot be told from two words, so they are spelled
    out (a home with none, which is nearly all, shares one compiled set with every other)."""
    spelled = "".join(f"{re.escape(n)}|" for n in spaced_names)
    staff = f"(?:(?:the )?{ROLE}|(?-i:(?P<name>{spelled}{WORD_NAME})))"
    return [(re.compile(p, re.IGNORECASE), why) for p, why in _patterns(staff)]


@functools.cache
def _any(spaced_names: tuple[str, ...]) -> re.Pattern[str]:
    """What any text some pattern matches must hold, as one search: most texts hold none, and one
    search says so where one per pattern would be needed. A pattern that starts with a staff
    reference is cut to what follows it (a match of the whole holds a match of its end), since a
    name, any word, at the start of an alternative is tried at every position of the text."""
    spelled = "".join(f"{re.escape(n)}|" for n in spaced_names)
    staff = f"(?:(?:the )?{ROLE}|(?-i:(?:{spelled}{WORD_NAME})))"
    ends = [p.removeprefix(rf"\b{staff}") for p, _ in _patterns(staff)]
    return re.compile("|".join(f"(?:{p})" for p in ends), re.IGNORECASE)


# The home's own lines and other professionals are fine: "ring the on-call phone", "the social worker's number".
ALLOWED_BEFORE = re.compile(
    r"(?:on[- ]call|office|home's|the home|duty|social|youth offending|police|school) $", re.IGNORECASE
)


NEGATED = re.compile(
    r"\b(?:do not|don't|does not|must not|mustn't|never|will not|won't|should not|are not allowed to|may not)\b[^.;]*$",
    re.IGNORECASE,
)


def boundary_breaches(
    text: str, *, where: str = "", child_names: tuple[str, ...] = (), staff_names: tuple[str, ...] = ()
) -> list[TextFinding]:
    """Phrases that make a plan depend on a worker's personal phone, social media, home, family or time.

    ``staff_names`` (the home's staff names) let "Dana's mobile" be recognised as a worker's; any
    other name's phone or family (a friend's mum) is not a staff boundary.
    """
    findings: list[TextFinding] = []
    taken: list[tuple[int, int]] = []
    children = {n.lower() for n in child_names if n}
    staff = set(staff_names) - set(child_names)  # a worker who shares the child's name is not told apart
    spaced = tuple(sorted(n for n in staff if " " in n))
    if _any(spaced).search(text) is None:
        return findings
    for pattern, why in _compiled(spaced):
        for m in _matches(pattern, text, staff):
            start = m.start()
            if ALLOWED_BEFORE.search(text[max(0, start - 20) : start]):
                continue
            if any(s <= start < e for s, e in taken):
                continue
            if re.search(r"(?:child|young person)'s\s*$", text[max(0, start - 20) : start + 1], re.IGNORECASE):
                continue
            owner = re.search(r"(\w+)'s\s*$", text[max(0, start - 30) : start])
            if owner and owner.group(1).lower() in children:
                continue  # the child's own phone or family
            if NEGATED.search(text[max(0, start - 40) : start]):
                continue  # "staff do not add children on personal social media"
            taken.append((m.start(), m.end()))
            findings.append(
                TextFinding(
                    code="risk.boundary_breach",
                    where=where,
                    message=f"Relies on {why}: staff keep professional boundaries, so name the home's phone or the on-call manager instead.",
                    excerpt=excerpt(text, m.start(), m.end()),
                    suggestion="Use the home's phone, the on-call rota or an agreed professional contact.",
                )
            )
    return findings


def _matches(pattern: re.Pattern[str], text: str, staff: set[str]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, less matches whose staff reference is a name not in ``staff``
    (a friend's mum, the child's own phone); after one of those, the search goes on from the next
    character, so a true match overlapping it is still found."""
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        name = m.groupdict().get("name")
        if name is not None and name not in staff:
            pos = m.start() + 1
            continue
        yield m
        pos = m.end() if m.end() > m.start() else m.end() + 1
