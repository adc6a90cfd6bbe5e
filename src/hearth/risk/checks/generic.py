"""``risk.generic_strategy``: a strategy copied from another child, or with nothing about this child.

Ofsted found a self-harm risk assessment "generic" for a child with a long history of self-harm
(scenarios.md, A6), and has long criticised tick-box documents that do not tell staff what to
do (domain.md, section 8). Two signs: near-identical wording to another child's strategy once
names and pronouns are set aside (similarity ≥ 0.9), and a strategy that, once words that could
be said of any child are set aside ("staff", "monitor", "appropriately", "procedures", "risk":
``generic_words.txt``), holds fewer than three words of detail: a place, a time, an object, an
activity, a person.
"""

import functools
from collections.abc import Iterable, Iterator
from difflib import SequenceMatcher
from pathlib import Path
from typing import Protocol

from hearth.risk.checks.base import TextFinding, words
from hearth.risk.indicators.text import stem, tokenise

SIMILAR = 0.9
MIN_SPECIFIC_WORDS = 3
GENERIC_WORDS_FILE = Path(__file__).with_name("generic_words.txt")


@functools.cache
def _generic_words() -> tuple[frozenset[str], frozenset[str]]:
    """The words of ``generic_words.txt``, and the stems of those of five letters or more (a
    shorter word's stem meets too many others: "even" is not "evening")."""
    listed = {
        word
        for line in GENERIC_WORDS_FILE.read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
        for word in line.split()
    }
    return frozenset(listed), frozenset(stem(w) for w in listed if len(w) >= 5)


def is_generic(word: str) -> bool:
    """True for a word that says nothing about one child on its own ("monitoring", "risks")."""
    listed, stems = _generic_words()
    if word in listed or stem(word) in stems:
        return True
    return any(word.endswith(end) and word[: -len(end)] in listed for end in ("s", "ed", "ing", "ly"))


# Third-person pronouns become one token: "her" is both "his" and "him", so copy-paste shows through.
PRONOUNS = dict.fromkeys(
    (
        "he",
        "she",
        "they",
        "him",
        "her",
        "them",
        "his",
        "hers",
        "their",
        "theirs",
        "himself",
        "herself",
        "themself",
        "themselves",
    ),
    "<p>",
)


def normalise(text: str, names: tuple[str, ...] = ()) -> list[str]:
    """Words with the child's names replaced and pronouns made neutral: copy-paste shows through."""
    lowered = {n.lower() for n in names if n}
    out = []
    for w in words(text):
        base = w[:-2] if w.endswith("'s") else w
        if base in lowered:
            out.append("<child>")
        else:
            out.append(PRONOUNS.get(w, w))
    return out


@functools.lru_cache(maxsize=200_000)
def normalised(text: str, names: tuple[str, ...] = ()) -> tuple[str, ...]:
    """``normalise``, remembered: an audit compares each strategy with every other in the provider,
    so each is normalised once rather than once per comparison."""
    return tuple(normalise(text, names))


def similarity(a: str, b: str, names_a: tuple[str, ...] = (), names_b: tuple[str, ...] = ()) -> float:
    """How alike two strategies are (0 to 1), once names and pronouns are set aside."""
    wa, wb = normalise(a, names_a), normalise(b, names_b)
    if not wa or not wb:
        return 0.0
    return SequenceMatcher(None, wa, wb, autojunk=False).ratio()


def specific_words(text: str, names: tuple[str, ...] = ()) -> list[str]:
    """The words of a strategy that say something about this child and what to do: not a word of
    ``generic_words.txt`` ("staff", "monitor", "appropriately", "procedures", "risk"), not the
    child's name. A time or a number counts ("21:00", "15 minutes"), as does a short name written
    in capitals ("PE")."""
    lowered = {n.lower() for n in names if n}
    kept = []
    for token in tokenise(text):
        word = token.norm.removesuffix("'s")
        if word in lowered or is_generic(word):
            continue
        if len(word) > 2 or word[:1].isdigit() or (len(word) == 2 and token.text.isupper()):
            kept.append(word)
    return kept


def boilerplate_only(text: str, names: tuple[str, ...] = ()) -> bool:
    """True when a written strategy holds fewer than three words about this child and what to do."""
    return bool(text.strip()) and len(specific_words(text, names)) < MIN_SPECIFIC_WORDS


class NearStrategies(Protocol):
    """Other strategies to compare one with, found fast (``generic_index.OtherStrategies``)."""

    def near(self, mine: tuple[str, ...]) -> Iterator[tuple[str, tuple[str, ...]]]: ...


def generic_strategy_findings(
    text: str,
    *,
    where: str,
    names: tuple[str, ...] = (),
    others: "list[tuple[str, str, tuple[str, ...]]] | NearStrategies" = (),  # type: ignore[assignment]
) -> list[TextFinding]:
    """Findings for one strategy: boilerplate only, or near-identical to another child's (``others``
    is a list of (label, text, that child's names), or a provider's strategies less this child's
    own: ``generic_index.OtherStrategies``)."""
    findings: list[TextFinding] = []
    if boilerplate_only(text, names):
        findings.append(
            TextFinding(
                code="risk.generic_strategy",
                where=where,
                message="Says nothing specific to this child: write what staff actually do, for this child, and who they call.",
                excerpt=" ".join(text.split())[:160],
                suggestion="Name the triggers you will look for, the words or places that help, and the steps in order.",
            )
        )
    mine = normalised(text, names)
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(mine)  # SequenceMatcher caches what it learns about seq2: compare many to one
    candidates: Iterable[tuple[str, tuple[str, ...]]]
    if isinstance(others, list | tuple):
        candidates = [(label, normalised(other, other_names)) for label, other, other_names in others]
    else:
        candidates = others.near(mine)
    for label, other_words in candidates:
        matcher.set_seq1(other_words)
        # real_quick_ratio and quick_ratio are cheap upper bounds of ratio: most strategies stop there.
        if not mine or matcher.real_quick_ratio() < SIMILAR or matcher.quick_ratio() < SIMILAR:
            continue
        score = matcher.ratio()
        if score >= SIMILAR:
            findings.append(
                TextFinding(
                    code="risk.generic_strategy",
                    where=where,
                    message=f"Near-identical ({score:.0%}) to {label}: a strategy should be written for this child.",
                    excerpt=" ".join(text.split())[:160],
                )
            )
            break
    return findings
