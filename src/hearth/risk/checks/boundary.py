"""``risk.boundary_breach``: a plan that relies on a staff member's personal life.

Staff keep professional boundaries (Reg 12, Reg 13; safer-care practice): a child in crisis is
told to ring the home or the on-call manager, never a worker's personal mobile; staff do not
befriend a child on personal social media, take a child to their own home or involve their own
family, give lifts in their own car or promise their own time off. Ofsted found a plan telling a
child to ring the manager's personal mobile (scenarios.md, A7).

How it reads a plan. The words are concepts in ``boundary.txt`` (a worker, the child, a phone,
social media, a house, a car, family, time off duty …), matched by the concern detector's
tokeniser and phrase matcher (``risk/indicators``), with the home's staff names read as
"staffname" and the child's as "childname". A breach is a personal thing that belongs to a
worker, decided by whose it is:

- written as a worker's ("Dana's husband", "the manager's caravan", "my number") or as personal
  ("personal mobiles", "their own vehicles"), unless it is the child's or the home's;
- after "his", "her" or "their", read as belonging to the nearest person named before it for
  things a child has too (a phone, a mum, free time), and as a worker's when a worker is named in
  the sentence for things a child in care does not have (a house, a car, a husband, days off);
- social media with a worker named and a word of contact ("Helen has friended Demi on TikTok",
  "Mo may WhatsApp his key worker"), unless the home's own phone or account is the one used.

A negation earlier in the clause ("staff do not give out personal numbers") clears it.
"""

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import NamedTuple

from hearth.risk.checks.base import TextFinding, excerpt
from hearth.risk.indicators.concepts import read_concepts
from hearth.risk.indicators.matching import Occurrence, PhraseIndex, compile_phrase
from hearth.risk.indicators.text import Token, tokenise

CONCEPTS = Path(__file__).with_name("boundary.txt")

WHY = {
    "phone": "a worker's own phone or email",
    "social": "a worker's social media",
    "place": "a staff member's own home",
    "home": "a staff member's own home",
    "to_own_home": "a staff member's own home",
    "family": "a staff member's family",
    "adult_family": "a staff member's family",
    "off_duty": "a staff member's own time",
    "own_time": "a staff member's own time",
    "car": "a staff member's own car",
    "money": "a staff member's own money",
    "lending": "a staff member's own money",
    "worker_life": "a staff member's own life outside work",
    "any_time": "a staff member's own time",
    "mobile_number": "a worker's own phone or email",
}
# Found with a worker named anywhere in the sentence, whoever's they are.
NEEDS_A_WORKER = frozenset({"off_duty", "lending"})
# Found only with a worker named by name and a word of calling ("contact Asha at any time").
NEEDS_A_NAMED_CALL = frozenset({"any_time", "mobile_number"})
UK_MOBILE = re.compile(r"(?:\+44\s?7|07)\d{3}\s?\d{3}\s?\d{3}")
# After "his"/"her"/"their": things a child has too belong to the nearest person named before;
# the rest are a worker's whenever a worker is named in the sentence.
NEAREST_OWNER = frozenset({"phone", "social", "home", "family"})
# Read as the sentence's first person named: "Leah takes Kayla shopping in her own time".
SUBJECT_OWNER = frozenset({"own_time"})
# "staff" and "the team" are "their", never "his" or "her".
PLURAL_ONLY = frozenset({"staff", "staff's", "team", "staffs"})
# Written "personal" or "own" with no owner: a worker's.
PERSONAL_IS_ENOUGH = frozenset({"phone", "social", "place", "home", "car", "money"})
# Read as a worker's only when written "own" or as a worker's: "gives her money" is not "her money".
NEEDS_OWN = frozenset({"money"})
SKIPPED_BEFORE_OBJECT = frozenset({"personal", "adjective"})
NEGATIONS = frozenset(
    [
        "not",
        "never",
        "no",
        "dont",
        "doesnt",
        "mustnt",
        "cannot",
        "cant",
        "shouldnt",
        "wont",
        "nor",
        "avoid",
        "instead",
        "rather",
        "refrain",
        "forbidden",
        "prohibited",
        "neither",
    ]
)
REPORTED_SPEECH = re.compile(r"[\"\u201c\u201d]|\b(?:said|says|saying|stated|disclosed)\b", re.I)
# A word of contact is about a worker only this close to one: "Helen has friended Demi on TikTok".
CONTACT_REACH = 8
# "a friend", "her messages": a noun, not someone getting in touch.
DETERMINERS = frozenset(
    ["a", "an", "the", "her", "his", "their", "my", "this", "that", "any", "some", "these", "those"]
)
# A platform is a word of contact only when someone follows it: "WhatsApp his key worker",
# "FaceTime Marcus" (not "a secret Snapchat account").
PLATFORM_AS_VERB = frozenset(
    ["him", "her", "them", "me", "us", "his", "their", "staffname", "childname", "staff", "the"]
)
# "from her phone", "using his own mobile": the sender's, the sentence's first person.
SENDING = frozenset({"from", "using", "off", "via"})
CONDITIONS = frozenset({"if", "when", "unless", "until", "whenever"})


@cache
def _index() -> PhraseIndex:
    concepts = read_concepts(CONCEPTS)
    return PhraseIndex([compile_phrase(c, p) for c, phrases in concepts.items() for p in phrases])


@dataclass(frozen=True)
class _Hit:
    start: int  # token indexes, end exclusive
    end: int
    kind: str


def boundary_breaches(
    text: str, *, where: str = "", child_names: tuple[str, ...] = (), staff_names: tuple[str, ...] = ()
) -> list[TextFinding]:
    """What in ``text`` makes a plan depend on a worker's personal phone, social media, home, family,
    car, money or time. ``staff_names`` (the home's staff names) let "Dana's mobile" be read as a
    worker's; any other name's phone or family (a friend's mum) is not a staff boundary. A worker
    who shares the child's name is read as the child."""
    tokens = _with_names(tokenise(text), staff_names, child_names)
    if not tokens:
        return []
    occurrences = _index().occurrences(tokens) + _mobile_numbers(text, tokens)
    findings: list[TextFinding] = []
    taken: list[tuple[int, int]] = []
    for hit in _hits(text, tokens, occurrences):
        if any(s <= hit.start < e or hit.start <= s < hit.end for s, e in taken):
            continue
        taken.append((hit.start, hit.end))
        start, end = tokens[hit.start].start, tokens[hit.end - 1].end
        findings.append(
            TextFinding(
                code="risk.boundary_breach",
                where=where,
                message=f"Relies on {WHY[hit.kind]}: staff keep professional boundaries, so name the home's phone or the on-call manager instead.",
                excerpt=excerpt(text, start, end),
                suggestion="Use the home's phone, the on-call rota or an agreed professional contact.",
            )
        )
    return findings


def _mobile_numbers(text: str, tokens: list[Token]) -> list[Occurrence]:
    """A UK mobile number written out (07700 900456): a person's own phone, unless the sentence
    says it is the home's or the on-call one."""
    found = []
    for m in UK_MOBILE.finditer(text):
        inside = [i for i, t in enumerate(tokens) if m.start() <= t.start < m.end()]
        if inside:
            found.append(Occurrence("mobile_number", inside[0], inside[-1] + 1, negated=False))
    return found


def _with_names(tokens: list[Token], staff_names: Sequence[str], child_names: Sequence[str]) -> list[Token]:
    """Tokens with a staff member's name read as one word ``staffname`` and a child's as
    ``childname`` (``…'s`` when possessive). Staff names are compared as written (a capital),
    children's in any case; a name of several words ("de Souza", "Ann-Marie") becomes one token."""
    children = {n.lower() for n in child_names if n}
    staff = [n for n in staff_names if n and n.lower() not in children]
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for as_, group in (("staffname", staff), ("childname", [n for n in child_names if n])):
        for name in group:
            words = _words(name) if as_ == "staffname" else tuple(w.lower() for w in _words(name))
            if words:
                by_first.setdefault(words[0], []).append((words, as_))
    for candidates in by_first.values():
        candidates.sort(key=lambda c: -len(c[0]))
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        first = _bare(tokens[i].text)
        for words, as_ in by_first.get(first, []) + by_first.get(first.lower(), []):
            found = [_bare(t.text) for t in tokens[i : i + len(words)]]
            if as_ == "childname":
                found = [w.lower() for w in found]
            if found == list(words):
                last = tokens[i + len(words) - 1]
                possessive = _bare(last.text) != last.text
                norm = as_ + ("'s" if possessive else "")
                out.append(dataclasses.replace(tokens[i], end=last.end, norm=norm, stem=as_))
                i += len(words)
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


def _words(name: str) -> tuple[str, ...]:
    """A name as the tokeniser splits it: "Ann-Marie" is two words, "O'Brien" one."""
    return tuple(re.findall(r"[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)*", name))


def _bare(word: str) -> str:
    return word[:-2] if word[-2:] in {"'s", "\u2019s"} else word


def _hits(text: str, tokens: list[Token], occurrences: list[Occurrence]) -> list[_Hit]:
    by_sentence: dict[int, list[Occurrence]] = {}
    for o in occurrences:
        by_sentence.setdefault(tokens[o.start].sentence, []).append(o)
    hits: list[_Hit] = []
    for found in by_sentence.values():
        hits += _sentence_hits(text, tokens, found)
    return [h for h in sorted(hits, key=lambda h: h.start) if not _negated(text, tokens, h.start)]


def _sentence_hits(text: str, tokens: list[Token], found: list[Occurrence]) -> list[_Hit]:
    professional = [o for o in found if o.concept == "professional"]

    def inside_professional(o: Occurrence) -> bool:
        return any(p.start <= o.start < p.end or o.start <= p.start < o.end for p in professional)

    kinds: dict[str, list[Occurrence]] = {}
    for o in found:
        if o.concept in {"staff", "staff_possessive", "social"} and inside_professional(o):
            continue
        kinds.setdefault(o.concept, []).append(o)
    number = tokens[found[0].start].sentence
    sentence = " ".join(t.text for t in tokens if t.sentence == number)
    reported = bool(REPORTED_SPEECH.search(sentence))
    people = _people(tokens, kinds, number, reported=reported)
    workers_named = any(p.worker for p in people)
    hits = []
    for kind in WHY:
        for o in kinds.get(kind, []):
            if kind in {"to_own_home", "worker_life"} or (kind in NEEDS_A_WORKER and workers_named):
                hits.append(_Hit(o.start, o.end, kind))
            elif kind in NEEDS_A_NAMED_CALL:
                said_already = kind == "mobile_number" and any(h.kind == "phone" for h in hits)
                if not said_already and _called_by_name(tokens, kinds):
                    hits.append(_Hit(o.start, o.end, kind))
            elif kind not in NEEDS_A_WORKER:
                at = _owner_at(o, kinds)
                whose = _whose(tokens, kinds, people, at, kind, reported=reported)
                personal = any(p.end <= o.start and p.start >= at for p in kinds.get("personal", []))
                if whose == "staff" or (whose is None and personal and kind in PERSONAL_IS_ENOUGH):
                    hits.append(_Hit(at, o.end, kind))
                elif kind == "social" and whose != "named" and _contact_with_a_worker(tokens, kinds, people):
                    hits.append(_Hit(o.start, o.end, kind))
    return hits


class _Person(NamedTuple):
    at: int  # token index
    worker: bool
    plural: bool  # "staff": "their", never "his" or "her"
    child: bool = False
    unknown: bool = False  # a name that is neither the home's staff nor the child's


def _people(tokens: list[Token], kinds: dict[str, list[Occurrence]], sentence: int, *, reported: bool) -> list[_Person]:
    """Each person named in the sentence, in order. "I" and "me" are the writer, a worker, unless
    the sentence reports what someone said."""
    people = [
        _Person(o.start, True, tokens[o.start].norm in PLURAL_ONLY)
        for c in ("staff", "staff_possessive")
        for o in kinds.get(c, [])
    ]
    if not reported:
        people += [_Person(o.start, True, False) for o in kinds.get("self", [])]
    people += [_Person(o.start, False, False, child=True) for o in kinds.get("child", [])]
    people += [
        _Person(o.start, False, False)
        for c in ("professional", "family", "adult_family", "someone")
        for o in kinds.get(c, [])
    ]
    known = {p.at for p in people}
    people += [
        _Person(i, False, False, unknown=True)
        for i, t in enumerate(tokens)
        if t.sentence == sentence and i not in known and t.capital and t.text.isalpha()
    ]
    return sorted(people)


def _owner_at(o: Occurrence, kinds: dict[str, list[Occurrence]]) -> int:
    """Where the owner of the thing at ``o`` stands: before it, past "own", "personal" and up to
    two describing words ("Leah's teenage son", "their own vehicles")."""
    start = o.start
    for _ in range(3):
        before = [p for c in SKIPPED_BEFORE_OBJECT for p in kinds.get(c, []) if p.end == start]
        if not before:
            break
        start = before[0].start
    return max(start - 1, 0)


def _whose(
    tokens: list[Token],
    kinds: dict[str, list[Occurrence]],
    people: list[_Person],
    at: int,
    kind: str,
    *,
    reported: bool,
) -> str | None:
    """Whose the thing is, from the owner word at ``at``: "staff"; "named" (written as the child's,
    the home's or someone else's); "other" (a pronoun read as someone else's); None (nobody's)."""
    here = {c for c, occurrences in kinds.items() for o in occurrences if o.start <= at < o.end}
    if "work_device" in here:
        return "named"
    if "staff_possessive" in here:
        return "staff"
    if tokens[at].norm.endswith("'s"):
        # "Dana's personal mobile" with Dana not on the home's staff list: an adult's own phone.
        unknown_adult = tokens[at].text[:1].isupper() and tokens[at].stem != "childname"
        personal = at + 1 < len(tokens) and tokens[at + 1].norm in {"personal", "private"}
        return "staff" if kind == "phone" and unknown_adult and personal else "named"
    if "my" in here:
        return "other" if reported else "staff"
    if "pronoun" not in here or (kind in NEEDS_OWN and not _own_after(tokens, at)):
        return None
    singular = tokens[at].norm in {"his", "her", "hers"}
    before = [p for p in people if p.at < at and not (singular and p.plural)]
    if not before:
        return None
    if kind in SUBJECT_OWNER:
        return "staff" if before[0].worker else "other"
    after = tokens[at + 1].norm if at + 1 < len(tokens) else ""
    personal = after in {"personal", "private"}
    if kind == "phone" and (after == "own" or (at > 0 and tokens[at - 1].norm in SENDING)):
        return "staff" if before[0].worker else "other"  # "Asha will message Riley from her own phone"
    if kind == "phone" and personal:
        # "ring Dana on her personal mobile": a worker's, or an adult's the home does not know;
        # the child's only if no worker is named ("Kayla keeps her personal phone in her room").
        nearest = before[-1]
        if nearest.worker or nearest.unknown:
            return "staff"
        return "staff" if nearest.child and any(p.worker for p in people) else "other"
    if kind in NEAREST_OWNER:
        nearest = before[-1]
        if any(nearest.at < o.start < at for o in kinds.get("speech", [])):
            return "other"  # "… with her key worker … and said her boyfriend": the speaker's
        if not nearest.worker and _given_by_a_worker(kinds, before, at):
            return "staff"
        return "staff" if nearest.worker else "other"
    # A house, a car, a husband: not a child's, so a worker's if one is named, unless the nearest
    # person before is another adult ("his mum at her flat") or it is the child's "own flat".
    nearest = before[-1]
    if nearest.worker:
        return "staff"
    if not nearest.child or (kind == "place" and _own_after(tokens, at)):
        return "other"
    return "staff" if any(p.worker for p in people) else "other"


def _own_after(tokens: list[Token], at: int) -> bool:
    return at + 1 < len(tokens) and tokens[at + 1].norm == "own"


def _given_by_a_worker(kinds: dict[str, list[Occurrence]], before: list[_Person], at: int) -> bool:
    """ "Marcus has given Jordan his own number": a worker, then a word of giving, then the child."""
    workers = [p.at for p in before if p.worker]
    return bool(workers) and any(workers[0] < g.start < at for g in kinds.get("giving", []))


def _called_by_name(tokens: list[Token], kinds: dict[str, list[Occurrence]]) -> bool:
    """A worker named by name (not "the manager", who may be on call) and a word of calling, and
    not the home's own phone or the on-call line."""
    named = any(tokens[o.start].stem == "staffname" for o in kinds.get("staff", []) + kinds.get("staff_possessive", []))
    return named and bool(kinds.get("calling")) and not kinds.get("work_device") and not kinds.get("professional")


def _contact_with_a_worker(tokens: list[Token], kinds: dict[str, list[Occurrence]], people: list[_Person]) -> bool:
    """A word of contact within eight words of a worker named, in one clause: not a noun ("a
    friend"), not someone else's ("who messages her", "someone she didn't know followed her"), not a
    platform's name unless someone follows it ("Snapchat him", not "on Snapchat"), and not with
    the home's own phone or account in the sentence."""
    workers = [p.at for p in people if p.worker]
    if kinds.get("work_device"):
        return False
    others = {o.start for o in kinds.get("someone_else", [])}
    platforms = {o.start for o in kinds.get("social", [])}
    return any(
        any(abs(c.start - w) <= CONTACT_REACH and tokens[c.start].clause == tokens[w].clause for w in workers)
        and not (c.start > 0 and tokens[c.start - 1].norm in DETERMINERS)
        and not any(c.start - 4 <= o <= c.start and tokens[o].clause == tokens[c.start].clause for o in others)
        and (c.start not in platforms or (c.end < len(tokens) and tokens[c.end].stem in PLATFORM_AS_VERB))
        for c in kinds.get("contact", [])
    )


def _negated(text: str, tokens: list[Token], start: int) -> bool:
    """A negation earlier in the same clause, with no comma between it and the breach."""
    clause = tokens[start].clause
    for j in range(start - 1, max(-1, start - 12), -1):
        if tokens[j].clause != clause or "," in text[tokens[j].end : tokens[start].start]:
            return False
        if tokens[j].norm.replace("'", "") in NEGATIONS:
            return not any(t.norm in CONDITIONS for t in tokens[max(0, j - 3) : j])
    return False
