"""Concept phrases and where they occur in a text, with negation.

A concept is a set of phrases. A phrase is a run of slots separated by spaces:

- ``phone|mobile|sim``: one of these words, compared by stem (``phones`` meets ``phone``);
- ``=olders``: this spelling only (its stem would be ``older``);
- ``exploit*``: any word beginning so;
- ``NAME``: a word written with a capital that does not start a sentence (a person or a place);
- ``MONEY``: a sum (``£40``, ``£££``); ``BIGMONEY``: a sum of £100 or more;
- ``NUM``: a number; ``ADULTAGE``: an adult's age (``22``, ``30s``, ``twenties``);
- ``NIGHT``: a time between midnight and six (``02:10``, ``3am``, ``midnight``);
- a slot ending ``?`` may be left out; ``~3`` skips up to three words of the same clause;
- ``$``: the clause ends here; ``!his|her``: the next word is not one of these (nothing is used up).

An occurrence is negated when a negation cue ("no", "not", "denied", "no concerns about" …)
stands within six words before it in the same clause; "wouldn't say", "didn't come back" and
the like are not cues, because they are themselves signs.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from hearth.risk.indicators.text import Token, stem

NEGATION_CUES = frozenset(
    {
        "no",
        "not",
        "never",
        "nor",
        "denied",
        "denies",
        "deny",
        "didnt",
        "doesnt",
        "wasnt",
        "isnt",
        "hasnt",
        "havent",
        "dont",
        "nothing",
        "none",
        "noone",
        "neither",
        "free",
        "ruled",
        "aint",
    }
)
# Negated verbs: "didn't come back" and "not to tell" are signs, "didn't have any cuts" is not.
VERB_NEGATORS = frozenset({"not", "didnt", "doesnt", "wasnt", "isnt", "hasnt", "havent", "dont", "aint"})
# A verb negator followed by one of these is a sign, not a negation: "didn't say", "not come back".
CUE_EXCEPTIONS = frozenset(
    {
        "say",
        "said",
        "explain",
        "tell",
        "told",
        "know",
        "knew",
        "come",
        "came",
        "return",
        "returned",
        "turn",
        "answer",
        "answering",
        "recognise",
        "introduce",
        "want",
        "back",
        "home",
        "seen",
        "heard",
        "account",
        "at",
        "in",
        "allowed",
        "get",
        "let",
        "go",
        "pay",
        "allow",
        "stop",
        "like",
        "anymore",
        "your",
        "see",
        "understand",
        "care",
        "a",
        "the",
        "to",
        "sure",
    }
)
NEGATION_WINDOW = 6
_WEEKDAY_OR_MONTH = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "i",
        "police",
        "staff",
        "christmas",
        "easter",
        "eid",
        "ramadan",
    ]
)


@dataclass(frozen=True, eq=False)
class Slot:
    words: frozenset[str]  # stems
    prefixes: tuple[str, ...]
    kinds: frozenset[str]  # NAME, MONEY, BIGMONEY, NUM, ADULTAGE, NIGHT, $
    optional: bool = False
    gap: int = 0  # ~N
    exact: frozenset[str] = frozenset()  # =word: this spelling only, not its stem
    refuse: "Slot | None" = None  # !a|b: the next word is none of these

    def accepts(self, token: Token) -> bool:
        if token.stem in self.words or token.norm in self.words or token.norm in self.exact:
            return True
        if any(token.norm.startswith(p) for p in self.prefixes):
            return True
        return any(_KIND_TESTS[k](token) for k in self.kinds if k != "$")


def _money(t: Token) -> float | None:
    m = re.fullmatch(r"£\s?([\d,]+(?:\.\d+)?)(k?)", t.norm)
    if m:
        value = float(m.group(1).replace(",", "") or 0)
        return value * 1000 if m.group(2) else value
    return 0.0 if t.norm.startswith("£") else None


def _night(t: Token) -> bool:
    m = re.fullmatch(r"(\d{1,2})[:.]?(\d{2})?(am|pm)?", t.norm)
    if t.norm in {"midnight", "2am", "3am", "4am", "1am", "5am"}:
        return True
    if not m or m.group(3) == "pm" or (m.group(2) is None and m.group(3) is None):
        return False
    return int(m.group(1)) < 6 and (m.group(2) is not None or m.group(3) == "am")


def _adult_age(t: Token) -> bool:
    if t.norm in {"twenties", "thirties", "forties", "fifties", "20s", "30s", "40s", "50s"}:
        return True
    m = re.fullmatch(r"(\d{2})(?:s)?", t.norm)
    return m is not None and 18 <= int(m.group(1)) <= 69


_KIND_TESTS = {
    "NAME": lambda t: t.capital and t.stem not in _WEEKDAY_OR_MONTH and t.stem.isalpha(),
    "MONEY": lambda t: _money(t) is not None,
    "BIGMONEY": lambda t: (_money(t) or 0) >= 100,
    "NUM": lambda t: t.norm.isdigit(),
    "ADULTAGE": _adult_age,
    "NIGHT": _night,
}


def _slot(spec: str) -> Slot:
    if spec.startswith("!"):
        return Slot(frozenset(), (), frozenset(), optional=True, refuse=_slot(spec[1:]))
    optional = spec.endswith("?") and len(spec) > 1
    spec = spec.rstrip("?") if optional else spec
    if spec.startswith("~"):
        return Slot(frozenset(), (), frozenset(), optional=True, gap=int(spec[1:] or 3))
    words: set[str] = set()
    exact: set[str] = set()
    prefixes: list[str] = []
    kinds: set[str] = set()
    for alt in spec.split("|"):
        if alt in _KIND_TESTS or alt == "$":
            kinds.add(alt)
        elif alt.endswith("*"):
            prefixes.append(alt[:-1].lower())
        elif alt.startswith("="):
            exact.add(alt[1:].lower())
        else:
            words.add(alt.lower())
            words.add(stem(alt))
    return Slot(frozenset(words), tuple(prefixes), frozenset(kinds), optional, exact=frozenset(exact))


@dataclass(frozen=True, eq=False)
class Phrase:
    concept: str
    text: str
    slots: tuple[Slot, ...]


def compile_phrase(concept: str, text: str) -> Phrase:
    return Phrase(concept, text, tuple(_slot(s) for s in text.split()))


def _match(slots: Sequence[Slot], tokens: Sequence[Token], i: int, clause: int) -> int | None:
    """The index after the longest match of ``slots`` at ``tokens[i]``, or None."""
    if not slots:
        return i
    slot, rest = slots[0], slots[1:]
    if slot.refuse is not None:
        refused = i < len(tokens) and tokens[i].clause == clause and slot.refuse.accepts(tokens[i])
        return None if refused else _match(rest, tokens, i, clause)
    if "$" in slot.kinds:
        ends = i >= len(tokens) or tokens[i].clause != clause
        return _match(rest, tokens, i, clause) if ends else None
    if slot.gap:
        for skip in range(slot.gap, -1, -1):
            j = i + skip
            if j <= len(tokens) and all(t.clause == clause for t in tokens[i:j]):
                end = _match(rest, tokens, j, clause)
                if end is not None:
                    return end
        return None
    if i < len(tokens) and tokens[i].clause == clause and slot.accepts(tokens[i]):
        end = _match(rest, tokens, i + 1, clause)
        if end is not None:
            return end
    if slot.optional:
        return _match(rest, tokens, i, clause)
    return None


@dataclass(frozen=True)
class Occurrence:
    concept: str
    start: int  # token indexes, end exclusive
    end: int
    negated: bool


def negated_at(tokens: Sequence[Token], start: int) -> bool:
    clause = tokens[start].clause
    for j in range(start - 1, max(-1, start - 1 - NEGATION_WINDOW), -1):
        if tokens[j].clause != clause:
            return False
        if tokens[j].norm in NEGATION_CUES and not any(t.norm in {"if", "unless"} for t in tokens[max(0, j - 3) : j]):
            if tokens[j].norm not in VERB_NEGATORS:
                return True
            following = tokens[j + 1].norm if j + 1 < len(tokens) else ""
            if following not in CUE_EXCEPTIONS and stem(following) not in CUE_EXCEPTIONS:
                return True
    return False


class PhraseIndex:
    """Phrases grouped by the words their first slot accepts (stems, and exact spellings), so each
    token tries only a few; a phrase whose first slot is a kind, a prefix or may be skipped is
    tried everywhere."""

    def __init__(self, phrases: Sequence[Phrase]) -> None:
        self.by_first: dict[str, list[Phrase]] = {}
        self.by_exact: dict[str, list[Phrase]] = {}
        self.anywhere: list[Phrase] = []
        for phrase in phrases:
            first = phrase.slots[0]
            if first.optional or first.prefixes or first.kinds or first.gap or first.refuse:
                self.anywhere.append(phrase)
                continue
            for word in first.words:
                self.by_first.setdefault(word, []).append(phrase)
            for word in first.exact:
                self.by_exact.setdefault(word, []).append(phrase)

    def occurrences(self, tokens: Sequence[Token]) -> list[Occurrence]:
        found: dict[tuple[str, int], Occurrence] = {}
        for i, token in enumerate(tokens):
            candidates = self.by_first.get(token.stem, [])
            if token.norm != token.stem:
                candidates = candidates + self.by_first.get(token.norm, [])
            if token.norm in self.by_exact:
                candidates = candidates + self.by_exact[token.norm]
            for phrase in (*candidates, *self.anywhere):  # a phrase met twice finds the same match
                end = _match(phrase.slots, tokens, i, token.clause)
                if end is None or end == i:
                    continue
                key = (phrase.concept, i)
                if key not in found or found[key].end < end:
                    found[key] = Occurrence(phrase.concept, i, end, negated_at(tokens, i))
        return sorted(found.values(), key=lambda o: (o.start, o.concept))
