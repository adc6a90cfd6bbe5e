"""Tokens as staff write them: spans kept, text-speak expanded, misspellings corrected, words stemmed.

Every token keeps its place in the original text, so whatever a concept matches can be shown to
the writer in their own words. A token's ``norm`` is its lower-case form after the text-speak
table (``fone`` → ``phone``, ``wudnt`` → ``wouldnt``) and, for longer words, after correcting a
single-letter slip towards a word the concepts use (``exspensive`` → ``expensive``); its ``stem``
strips common endings so that ``phones``, ``cutting`` and ``picked`` meet ``phone``, ``cut`` and
``pick``.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from hearth.risk.indicators.spelling import REAL_WORDS, TEXT_SPEAK

# Words that end a clause for negation and that separate sentences for combining signals.
CLAUSE_WORDS = frozenset({"but", "however", "although", "though", "whereas", "yet", "then"})
_TOKEN = re.compile(
    r"£\s?\d[\d,]*(?:\.\d+)?k?|\d+(?:[:.]\d+)?(?:am|pm|st|nd|rd|th|x)?|[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)*|£+"
)
_CLAUSE_BREAK = re.compile(r"[.;:!?\n()]|\s[-\u2013\u2014]\s")
_SENTENCE_BREAK = re.compile(r"[.!?\n](?:\s|$)")


@dataclass(frozen=True)
class Token:
    text: str  # as written
    start: int
    end: int
    norm: str  # lower case, text-speak expanded, a slip corrected
    stem: str
    capital: bool  # written with a capital, not at the start of a sentence
    clause: int  # negation does not carry across clauses
    sentence: int


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix-stripper: the same for a concept's words and the text's, which is all it needs."""
    w = word.lower().replace("\u2019", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.replace("'", "")
    if len(w) <= 3:
        return w
    for suffix, keep in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and not (suffix == "s" and w.endswith("ss")):
            w = w[: -len(suffix)] + keep
            break
    if len(w) >= 4 and w[-1] == w[-2] and w[-1] not in "lsz":
        w = w[:-1]  # cutt → cut, dropp → drop
    if len(w) >= 5 and w.endswith("e"):
        w = w[:-1]  # phone/phon(es); short words keep it, so "care" and "car" stay apart
    return w


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _one_slip(typed: str, word: str) -> bool:
    """True if ``typed`` is ``word`` with one letter dropped, one added or two neighbours swapped,
    never at the first letter. Substitutions are not corrected: too many turn one real word into
    another ("showed" into "shoved", "talked" into "walked")."""
    if typed == word or abs(len(typed) - len(word)) > 1 or typed[0] != word[0]:
        return False
    if len(typed) == len(word):
        diff = [i for i, (x, y) in enumerate(zip(typed, word, strict=True)) if x != y]
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and typed[diff[0]] == word[diff[1]]
            and typed[diff[1]] == word[diff[0]]
        )
    short, long_ = (typed, word) if len(typed) < len(word) else (word, typed)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(1, len(long_)))


class Speller:
    """Corrects one slip in a word of six letters or more towards a word the concepts use."""

    MIN_LENGTH = 6

    def __init__(self, vocabulary: Iterable[str]) -> None:
        self.vocabulary = frozenset(w for w in vocabulary if w.isalpha())
        self._by_delete: dict[str, set[str]] = {}
        for word in self.vocabulary:
            if len(word) >= self.MIN_LENGTH:
                for key in _deletes(word) | {word}:
                    self._by_delete.setdefault(key, set()).add(word)

    def correct(self, word: str) -> str:
        if len(word) < self.MIN_LENGTH or word in self.vocabulary or word in REAL_WORDS or not word.isalpha():
            return word
        candidates: set[str] = set()
        for key in _deletes(word) | {word}:
            candidates |= self._by_delete.get(key, set())
        close = sorted(c for c in candidates if _one_slip(word, c))
        return close[0] if len(close) == 1 else word


def tokenise(text: str, speller: Speller | None = None) -> list[Token]:
    clause_breaks = [m.start() for m in _CLAUSE_BREAK.finditer(text)]
    sentence_breaks = [m.start() for m in _SENTENCE_BREAK.finditer(text)]
    tokens: list[Token] = []
    clause = sentence = 0
    ci = si = 0
    previous_end = 0
    for m in _TOKEN.finditer(text):
        while ci < len(clause_breaks) and clause_breaks[ci] < m.start():
            if clause_breaks[ci] >= previous_end:
                clause += 1
            ci += 1
        sentence_started = False
        while si < len(sentence_breaks) and sentence_breaks[si] < m.start():
            sentence += 1
            sentence_started = True
            si += 1
        raw = m.group(0)
        lower = raw.lower().replace("\u2019", "'")
        if lower in CLAUSE_WORDS:
            clause += 1
        norm = TEXT_SPEAK.get(lower, TEXT_SPEAK.get(lower.replace("'", ""), lower))
        if speller is not None and norm == lower:
            norm = speller.correct(norm)
        at_start = not tokens or sentence_started
        tokens.append(
            Token(raw, m.start(), m.end(), norm, stem(norm), raw[:1].isupper() and not at_start, clause, sentence)
        )
        previous_end = m.end()
    return _young_people_are_children(tokens)


def _young_people_are_children(tokens: list[Token]) -> list[Token]:
    """Staff name a child "the young person": that person is the child, not an adult with them."""
    for i in range(1, len(tokens)):
        if tokens[i - 1].norm == "young" and tokens[i].norm in {"person", "people", "persons"}:
            tokens[i] = replace(tokens[i], norm="child", stem="child")
    return tokens
