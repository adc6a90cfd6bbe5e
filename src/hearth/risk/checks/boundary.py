"""``risk.boundary_breach``: a plan that relies on a staff member's personal life.

Staff keep professional boundaries (Reg 12, Reg 13; the Guide 9.x on safer care): a child in
crisis is told to ring the home or the on-call manager, never a worker's personal mobile; staff
do not befriend a child on personal social media, take a child to their own home or involve
their own family, or promise their own time off. Ofsted found a plan telling a child to ring
the manager's personal mobile (scenarios.md, A7).
"""

import re

from hearth.risk.checks.base import TextFinding, excerpt

STAFF = r"(?:staff(?: member)?|worker|key ?worker|manager|carer|deputy|senior|(?-i:[A-Z][a-z]+))"
PHONE = r"(?:mobile|phone|number|cell|whats ?app)"
SOCIAL = r"(?:facebook|instagram|snapchat|snap|tiktok|twitter|x account|whats ?app|social media|socials)"
FAMILY = r"(?:family|husband|wife|partner|son|daughter|children|kids|mum|dad|mother|father|brother|sister|relatives?)"

PATTERNS: list[tuple[str, str]] = [
    (
        rf"\b(?:personal|private|own) (?:mobile|phone|mobile number|phone number|number|email|e-mail)\b",
        "a staff member's personal phone or email",
    ),
    (
        rf"\b{STAFF}'s (?:mobile|phone|number|mobile number)\b(?! (?:is|was) (?:taken|confiscated|checked))",
        "a named person's own phone",
    ),
    (rf"\b(?:personal|private|own) {SOCIAL}(?: accounts?| pages?| profiles?)?", "personal social media"),
    (
        rf"\b(?:add|adds|added|adding|follow|follows|followed|friend|friends|friended|message|messages|messaged|messaging|dm|dms)\b (?:\w+ ){{0,2}}on (?:my|his|her|their|the manager's|{STAFF}'s) {SOCIAL}",
        "contact through a worker's social media",
    ),
    (r"\bfriend requests?\b", "a friend request on social media"),
    (
        rf"\b(?:to|at|in|visit|visits|visiting|stay|stays|staying) (?:the )?(?:manager's|{STAFF}'s|staff member's|worker's|my|(?:his|her|their) own) (?:own )?(?:home|house|flat|place)\b",
        "a staff member's own home",
    ),
    (rf"\b(?:manager's|staff member's|worker's|{STAFF}'s) {FAMILY}\b", "a staff member's family"),
    (
        r"\b(?:in|on|during) (?:my|his|her|their|the manager's|staff's|staff members') (?:own time|spare time|free time|days? off|time off|holidays?|annual leave)\b",
        "a staff member's own time",
    ),
    (
        r"\b(?:off[- ]duty|outside (?:of )?(?:work|working hours|(?:his|her|their|my) shifts?)|when (?:not|off) (?:on )?(?:shift|duty|work))\b",
        "contact when a worker is off duty",
    ),
    (r"\b(?:her|his|their) own (?:car|vehicle)\b", "a staff member's own car"),
]
COMPILED = [(re.compile(p, re.IGNORECASE), why) for p, why in PATTERNS]
# Names the child uses for the home's own lines are fine: "ring the on-call phone".
ALLOWED_BEFORE = re.compile(
    r"(?:on[- ]call|office|home's|the home|duty|work|house|social|youth offending|police) $", re.IGNORECASE
)
NOT_STAFF = {
    "child",
    "childs",
    "yp",
    "person",
    "mum",
    "dad",
    "mother",
    "father",
    "nan",
    "gran",
    "grandma",
    "brother",
    "sister",
    "aunt",
    "uncle",
    "friend",
    "boyfriend",
    "girlfriend",
    "partner",
    "police",
    "school",
    "teacher",
}


def boundary_breaches(text: str, *, where: str = "", child_names: tuple[str, ...] = ()) -> list[TextFinding]:
    """Phrases that make a plan depend on a worker's personal phone, social media, home, family or time."""
    findings: list[TextFinding] = []
    seen: set[tuple[int, int]] = set()
    lowered_names = {n.lower() for n in child_names if n}
    for pattern, why in COMPILED:
        for m in pattern.finditer(text):
            start = m.start()
            if ALLOWED_BEFORE.search(text[max(0, start - 12) : start]):
                continue
            owner = m.group(0).split("'s", 1)[0].split()[-1].lower() if "'s" in m.group(0) else ""
            if owner and (owner in lowered_names or owner in NOT_STAFF):
                continue  # the child's own phone or family is not a staff boundary
            if any(s <= start < e for s, e in seen):
                continue
            seen.add((m.start(), m.end()))
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
