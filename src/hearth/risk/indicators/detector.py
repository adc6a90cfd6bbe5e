"""Possible concerns in free text, recognised from combinations of meaning (rules.md "Domains and indicators").

A category fires when one of its signals does. A signal needs one or more concepts, each present
and not negated, all within a few words of each other ("a new phone" and "wouldn't say who gave
it"); it is explained away by a concept in the same sentence ("bought with her pocket money",
"at a county lines awareness talk"). What fired is shown to the writer as the words of each
concept, so a manager can see why. Nothing here decides anything: a person does.

The concepts and signals were written from public indicator lists (docs/concern-detection.md)
and tuned only on ``corpus/tuning``; ``hearth indicators evaluate`` reports the held-out
``corpus/test`` figures. Change a concept or a signal only with those two commands, and bump
``DETECTOR_VERSION`` (it is stored with each log entry).
"""

from dataclasses import dataclass
from functools import cache
from itertools import pairwise, product

from hearth.risk.indicators.concepts import all_concepts
from hearth.risk.indicators.matching import Occurrence, PhraseIndex, compile_phrase
from hearth.risk.indicators.text import Speller, Token, tokenise

DETECTOR_VERSION = "2026-12-05.1"
WINDOW = 25  # tokens between the first and last concept of a signal


@dataclass(frozen=True)
class Signal:
    needs: tuple[str, ...]
    unless: tuple[str, ...] = ()
    window: int = WINDOW
    distinct: int = 1  # for a single concept: how many separate occurrences it needs


def s(*needs: str, unless: tuple[str, ...] = (), window: int = WINDOW, distinct: int = 1) -> Signal:
    return Signal(tuple(needs), unless, window, distinct)


EDU = ("education_context",)
LEGIT = ("legit_source",)
LEGIT_EDU = ("legit_source", "education_context")

SIGNALS: dict[str, list[Signal]] = {
    "cse": [
        s("sexual_strong", unless=("education_context", "routine")),
        s("sexual_health", unless=("education_context", "routine")),
        s("older_partner", unless=LEGIT),
        s("sexual_weak", "older_strong"),
        s("sexual_weak", "man"),
        s("sexual_weak", "unwanted"),
        s("sexual_weak", "party_place"),
        s("sexual_weak", "online_place"),
        s("image_request", "man", unless=LEGIT),
        s("exploitation_word", "online_place", unless=LEGIT_EDU),
        s("party_place", "man", unless=LEGIT),
        s("party_place", "older_strong", unless=LEGIT),
        s("party_place", "man", "given_substances", unless=LEGIT),
        s("party_place", "intoxicated", "man", unless=LEGIT),
    ],
    "cce": [
        s("drug_supply", unless=EDU),
        s("errand", "out_of_area"),
        s("errand", "older_strong"),
        s("extra_phone", "big_money"),
        s("debt_strong"),
        s("drug_kit", "drugs", unless=("kitchen",)),
        s("drug_kit", "extra_phone", unless=("kitchen",)),
        s("drug_kit", "carrying", unless=("kitchen",)),
        s("drug_kit", "money", unless=("kitchen",)),
        s("debt", "threat"),
        s("debt", "gang_strong"),
        s("debt", "gang_weak"),
        s("debt", "drugs"),
        s("debt", "money", unless=LEGIT),
        s("weapon", unless=("education_context", "kitchen")),
        s("gang_strong", unless=("education_context", "gang_up")),
        s("gang_weak", "threat"),
        s("gang_threat", unless=EDU),
        s("drugs", "money", unless=LEGIT),
        s("drugs", "carrying", unless=LEGIT_EDU),
        s("drugs", "police_found"),
        s("violence_injury_strong", unless=("education_context",)),
        s("violence_injury", "debt"),
        s("violence_injury", "secrecy"),
        s("violence_injury", "gang_weak"),
        s("violence_injury", "big_money"),
        s("violence_injury", "punishment"),
        s("punishment", "threat"),
        s("punishment", "debt"),
        s("errand", "man"),
        s("errand", "lift"),
        s("paid_errand", "money", unless=LEGIT),
        s("paid_errand", "got_paid", unless=LEGIT),
        s("working_for", "debt"),
        s("working_for", "money", unless=LEGIT),
        s("working_for", "older_strong"),
        s("money_mule", unless=EDU),
        s("hotel", "big_money"),
        s("hotel", "drugs"),
        s("hotel", "extra_phone"),
        s("phone_pressure", "money", unless=LEGIT),
        s("thing", "man", "errand"),
    ],
    "exploitation": [
        s("big_money", unless=LEGIT),
        s("extra_phone", unless=LEGIT),
        s("new_thing", "secrecy", unless=LEGIT),
        s("thing", "secrecy", unless=LEGIT),
        s("money", "secrecy", unless=LEGIT),
        s("unknown_person", unless=("legit_source", "protective")),
        s("older_strong", unless=LEGIT),
        s("older_partner", unless=LEGIT),
        s("older_weak", "lift", unless=LEGIT),
        s("older_weak", "thing", unless=LEGIT),
        s("older_weak", "money", unless=LEGIT),
        s("older_weak", "secrecy", unless=LEGIT),
        s("man", "lift", unless=LEGIT),
        s("man", "thing", "secrecy", unless=LEGIT),
        s("lift", "night", unless=LEGIT),
        s("lift", "secrecy", unless=LEGIT),
        s("out_of_area", unless=LEGIT),
        s("exploitation_word", unless=LEGIT_EDU),
        s("gave_her", unless=LEGIT),
        s("flaunting", unless=LEGIT),
        s("phone_pressure", unless=LEGIT),
        s("money", "new_thing", unless=LEGIT),
        s("controlling"),
        s("given_substances", unless=LEGIT),
        s("intoxicated", "thing", unless=LEGIT),
        s("intoxicated", "money", unless=LEGIT),
        s("injury", "secrecy", unless=LEGIT),
        s("meet_up", "online_place", unless=LEGIT),
    ],
    "missing": [
        s("missing", unless=EDU),
        s("missing_hint", distinct=2, window=40),
    ],
    "self_harm": [
        s("self_harm_act", unless=("education_context", "violence_injury_strong")),
        s("suicidal", unless=EDU),
        s("self_harm_hint", distinct=2, window=40),
    ],
    "bullying": [
        s("bullying_strong", unless=("education_context", "playful")),
        s("bullying_weak", "repeated_or_hurt", unless=("playful",)),
        s("bullying_weak", "peer_group", window=12, unless=("playful",)),
    ],
    "radicalisation": [
        s("radical_strong", unless=EDU),
        s("radical_group", "radical_hostility", window=12, unless=EDU),
        s("radical_strong", "endorsement"),
        s("radical_weak", "endorsement"),
        s("radical_influence", "online_place"),
        s("racist", "radical_group", window=12, unless=EDU),
        s("racist", "radical_hostility", window=8, unless=EDU),
        s("radical_influence", "radical_hostility", window=20, unless=EDU),
        s("misogyny", unless=EDU),
    ],
    "online_harm": [
        s("online_harm_content", unless=("legit_source", "education_context", "protective")),
        s("online_secrecy", unless=("legit_source", "protective")),
        s("online_place", "unknown_person", unless=("legit_source", "protective")),
        s("online_place", "older_strong", unless=("legit_source", "protective")),
        s("online_place", "online_contact", "man", unless=("legit_source", "protective")),
        s("online_place", "online_contact", "online_secrecy_weak", unless=("legit_source", "protective")),
        s("online_contact", "secrecy", "online_secrecy_weak", unless=("legit_source", "protective")),
        s("phone", "online_contact", "online_secrecy_weak", unless=("legit_source", "protective")),
        s("phone", "online_contact", "unknown_person", unless=("legit_source", "protective")),
        s("image_request", "online_place", unless=("legit_source", "protective")),
        s("image_request", "man", unless=("legit_source", "protective")),
        s("meet_up", "online_place", unless=("legit_source", "protective")),
        s("sexual_strong", "online_place", unless=("legit_source", "education_context")),
        s("bullying_strong", "online_place", window=15),
        s("bullying_strong", "online_contact", window=15),
    ],
}
CATEGORIES = tuple(SIGNALS)

# What a category is called on a page ("Possible {label}").
CATEGORY_LABELS: dict[str, str] = {
    "cse": "sexual exploitation",
    "cce": "criminal exploitation or county lines",
    "exploitation": "exploitation",
    "missing": "going missing",
    "self_harm": "self-harm or suicidal thoughts",
    "bullying": "bullying",
    "radicalisation": "radicalisation",
    "online_harm": "harm online",
}


def concern_label(category: str) -> str:
    """``Possible sexual exploitation``: a category in plain words."""
    return f"Possible {CATEGORY_LABELS.get(category, 'concern')}"


@dataclass(frozen=True)
class Match:
    """One signal that fired: its category, the writer's own words that led to it, and where they are."""

    category: str
    words: str
    start: int
    end: int


@cache
def _index() -> PhraseIndex:
    return PhraseIndex([compile_phrase(c, p) for c, phrases in all_concepts().items() for p in phrases])


@cache
def _speller() -> Speller:
    vocabulary = {
        w.strip("?*").lower()
        for ps in all_concepts().values()
        for p in ps
        for slot in p.split()
        for w in slot.split("|")
    }
    return Speller(vocabulary)


def _fire(signal: Signal, by_concept: dict[str, list[Occurrence]], tokens: list[Token]) -> list[Occurrence] | None:
    """The occurrences that satisfy ``signal``, nearest together, or None.

    Each combination is built around an occurrence of the first concept from the others within
    the window of it, so a long entry costs little more than a short one."""
    pools = [[o for o in by_concept.get(c, ()) if not o.negated] for c in signal.needs]
    if not all(pools):
        return None
    explained = {tokens[o.start].sentence for c in signal.unless for o in by_concept.get(c, ())}
    if signal.distinct > 1:
        for first in pools[0]:
            for other in pools[0]:
                near = 0 <= other.start - first.start <= signal.window and other.start >= first.end
                if near and tokens[other.start].stem != tokens[first.start].stem:
                    return [first, other]
        return None
    best: list[Occurrence] | None = None
    best_span = signal.window + 1
    for anchor in pools[0]:
        nearby = [[o for o in pool if abs(o.start - anchor.start) <= signal.window] for pool in pools[1:]]
        for rest in product(*nearby):
            combo = (anchor, *rest)
            span = max(o.end for o in combo) - min(o.start for o in combo)
            if span >= best_span:
                continue
            ordered = sorted(combo, key=lambda o: o.start)
            if any(b.start < a.end for a, b in pairwise(ordered)):
                continue  # one run of words cannot be two signs
            if any(tokens[o.start].sentence in explained for o in combo):
                continue
            best, best_span = list(combo), span
    return best


def detect(text: str) -> list[Match]:
    """Every possible concern in ``text``: a match for each way a category was recognised, with the
    writer's words that led to it."""
    tokens = tokenise(text, _speller())
    if not tokens:
        return []
    by_concept: dict[str, list[Occurrence]] = {}
    for occurrence in _index().occurrences(tokens):
        by_concept.setdefault(occurrence.concept, []).append(occurrence)
    found: list[Match] = []
    for category, signals in SIGNALS.items():
        shown: set[tuple[int, int]] = set()  # each run of words is shown once per category
        for signal in signals:
            fired = _fire(signal, by_concept, tokens)
            if not fired or {(o.start, o.end) for o in fired} <= shown:
                continue
            shown |= {(o.start, o.end) for o in fired}
            fired.sort(key=lambda o: o.start)
            words = " … ".join(text[tokens[o.start].start : tokens[o.end - 1].end] for o in fired)
            found.append(Match(category, words, tokens[fired[0].start].start, tokens[fired[-1].end - 1].end))
    found.extend(_criminal_exploitation(found, by_concept, tokens, text))
    found.sort(key=lambda m: (m.start, m.category))
    return found


def _criminal_exploitation(
    found: list[Match], by_concept: dict[str, list[Occurrence]], tokens: list[Token], text: str
) -> list[Match]:
    """Signs common to both kinds of exploitation, in an entry about drugs, weapons, gangs, debts or
    arrests, are signs of criminal exploitation too (Home Office county lines guidance)."""
    if "cce" in {m.category for m in found}:
        return []
    common = [m for m in found if m.category == "exploitation"][:1]
    context = [o for o in by_concept.get("criminal_context", ()) if not o.negated]
    if not common or not context:
        return []
    words = text[tokens[context[0].start].start : tokens[context[0].end - 1].end]
    first = common[0]
    return [
        Match(
            "cce",
            f"{first.words} … {words}",
            min(first.start, tokens[context[0].start].start),
            max(first.end, tokens[context[0].end - 1].end),
        )
    ]


def categories_in(text: str) -> dict[str, list[str]]:
    """Categories found, each with the words that led to it (stored on a log entry)."""
    out: dict[str, list[str]] = {}
    for m in detect(text):
        out.setdefault(m.category, []).append(m.words)
    return out


def exploitation_categories() -> frozenset[str]:
    """Categories that count as exploitation indicators (rule protection.concern_not_actioned)."""
    return frozenset({"cse", "cce", "exploitation"})
