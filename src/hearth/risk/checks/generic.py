"""``risk.generic_strategy``: a strategy copied from another child, or with nothing about this child.

Ofsted found a self-harm risk assessment "generic" for a child with a long history of self-harm
(scenarios.md, A6), and has long criticised tick-box documents that do not tell staff what to
do (domain.md, section 8). Two signs: near-identical wording to another child's strategy once
names and pronouns are set aside (similarity ≥ 0.9), and a strategy that, once stock phrases
("staff to monitor", "follow policy", "inform the manager") are removed, says almost nothing.
"""

import functools
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from difflib import SequenceMatcher

from hearth.risk.checks.base import TextFinding, words

SIMILAR = 0.9
MIN_SPECIFIC_WORDS = 4

BOILERPLATE = [
    r"staff (?:to|will|should|must) (?:continue to )?(?:closely )?(?:monitor|observe|supervise|support|be aware|remain vigilant|follow|use|offer|encourage)",
    r"(?:follow|in line with|as per|according to|adhere to) (?:the )?(?:home's |company |organisational )?(?:policy|policies|procedures?|guidance|protocol|training|care plan|risk assessment)",
    r"(?:inform|notify|tell|contact|report to|update) (?:the )?(?:manager|on[- ]call|management|senior|social worker|placing authority|police)",
    r"(?:as|when|where) (?:appropriate|necessary|needed|required)",
    r"(?:de[- ]?escalation|de[- ]?escalate) techniques?",
    r"record (?:all )?(?:incidents?|concerns?|everything)",
    r"(?:any|all) concerns?",
    r"remain (?:vigilant|alert|calm)",
    r"(?:monitor|observe) (?:closely|behaviour|mood|presentation|for signs)",
    r"(?:keep|kept) (?:safe|under review)",
    r"(?:risk|this) (?:will be|to be|is) (?:reviewed|monitored)",
    r"(?:in|with) (?:a )?(?:timely|safe|calm|consistent) manner",
]
BOILERPLATE_RE = re.compile("|".join(f"(?:{p})" for p in BOILERPLATE), re.IGNORECASE)

# Words that carry no detail about a child on their own.
EMPTY = frozenset(
    """a about after all also an and any appropriate are as at aware be been before behaviour behaviours
    being by can care child child's concern concerns consistent continue continues cope could do during
    ensure every follow for from given guidance has have he her him his if in incident incidents inform
    into is it its keep kept manager may monitor monitored monitoring must necessary needed needs not of
    offer offered on or other person plan plans policy procedure procedures provide put record recorded
    remain report required review reviewed risk risks safe safety she should signs so staff support
    supported supportive that the their them there they this to try under use used using via well when
    where which who will with would yp young people team member members professional professionals
    relevant required appropriate appropriately ensure ensures any all time times need as well be""".split()  # noqa: SIM905 (a word list reads best as words)
)
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
    """What is left of a strategy once stock phrases, names and empty words are taken out."""
    stripped = BOILERPLATE_RE.sub(" ", text)
    lowered = {n.lower() for n in names if n}
    return [w for w in words(stripped) if w not in EMPTY and w.rstrip("'s") not in lowered and len(w) > 2]


def boilerplate_only(text: str, names: tuple[str, ...] = ()) -> bool:
    """True when a written strategy holds fewer than four words about this child and what to do."""
    return bool(text.strip()) and len(specific_words(text, names)) < MIN_SPECIFIC_WORDS


# A word or a trigram of a strategy's normalised words, and which occurrence of it in the strategy
# (0 for the first): two strategies share as many of these as their words (or trigrams) have in
# common, counting repeats.
Element = tuple[tuple[str, ...], int]


class StrategyIndex:
    """Every strategy of a provider, indexed so that finding the ones near-identical to a strategy
    does not mean comparing it with every other in the provider (a large provider holds tens of
    thousands, many sharing stock sentences).

    It misses none. Two strategies of a and b normalised words with similarity 0.9 or more
    (``SequenceMatcher.ratio``) are of lengths within 0.9 of each other, and match at least
    0.45(a + b) words, one to one, in at most 0.1(a + b) + 1 blocks (the unmatched words part
    them). So they share at least 0.45(a + b) words (``shared_words_needed``), and, each block of
    L words giving L - 2 trigrams found in both, at least 0.25(a + b) - 2 trigrams
    (``shared_trigrams_needed``); at least one once a + b is over 8 (below that only an exact copy
    reaches 0.9, and exact copies are looked up directly). Ordering every strategy's words and
    trigrams rarest first, two sets sharing t elements share one among the first (size - t + 1)
    of each (prefix filtering): only those rarest are indexed and looked up, and a strategy is
    compared word by word only with those sharing one of its rarest words, one of its rarest
    trigrams, and as many words and trigrams as a near copy must.
    """

    def __init__(self, strategies: "list[tuple[object, str, str, tuple[str, ...]]]") -> None:
        """``strategies``: (owner, label, text, names); a strategy is never compared with its owner's."""
        # Words and trigrams are numbered as they are first seen, so that the sets compared are of
        # numbers: a tuple's hash is worked out afresh each time, a number's is itself.
        self.numbers: dict[Element, int] = {}
        self.frequency: list[int] = []  # by number: how many strategies hold the element
        self.items: list[tuple[object, str, tuple[str, ...], frozenset[int], frozenset[int]]] = []
        self.exact: dict[tuple[str, ...], list[int]] = {}
        for owner, label, text, names in strategies:
            normal = normalised(text, names)
            words, grams = self.encode(_tagged(normal, 1), grow=True), self.encode(_tagged(normal, 3), grow=True)
            self.exact.setdefault(normal, []).append(len(self.items))
            self.items.append((owner, label, normal, words, grams))
            for number in words | grams:
                self.frequency[number] += 1
        self.lengths = [len(item[2]) for item in self.items]
        self.word_sets = [item[3] for item in self.items]
        self.by_word: dict[int, list[int]] = {}
        self.by_trigram: dict[int, list[int]] = {}
        for index, (_, _, normal, words, grams) in enumerate(self.items):
            for word in self.rarest(words, _least_words(len(normal))):
                self.by_word.setdefault(word, []).append(index)
            for gram in self.rarest(grams, _least_trigrams(len(normal))):
                self.by_trigram.setdefault(gram, []).append(index)

    def encode(self, elements: list[Element], *, grow: bool = False) -> frozenset[int]:
        """The elements' numbers; one the index has never seen gets a negative number of its own
        (it cannot be shared with any strategy of the index) unless ``grow`` adds it."""
        out: list[int] = []
        for element in elements:
            number = self.numbers.get(element)
            if number is None:
                if grow:
                    number = self.numbers[element] = len(self.frequency)
                    self.frequency.append(0)
                else:
                    number = -1 - len(out)
            out.append(number)
        return frozenset(out)

    def rarest(self, numbers: frozenset[int], needed: int) -> list[int]:
        """Of a strategy's words (or trigrams), those a near copy sharing ``needed`` of them must
        share one of: the rarest in the provider (an element it has never seen first)."""
        frequency = self.frequency
        ordered = sorted(numbers, key=lambda n: (frequency[n] if n >= 0 else 0, n))
        return ordered[: max(0, len(ordered) - needed + 1)]

    def others(self, owner: object) -> "OtherStrategies":
        return OtherStrategies(self, owner)


def shared_words_needed(a: float, b: float) -> float:
    """The fewest words two strategies of a and b words near-identical to each other share."""
    return SIMILAR / 2 * (a + b)


def shared_trigrams_needed(a: float, b: float) -> float:
    """The fewest trigrams two strategies of a and b words near-identical to each other share."""
    return (SIMILAR / 2 - 2 * (1 - SIMILAR)) * (a + b) - 2


def _shortest_copy(a: int) -> float:
    return SIMILAR / (2 - SIMILAR) * a  # 2 min(a, b) / (a + b) >= SIMILAR


def _least_words(a: int) -> int:
    """The fewest words a strategy of ``a`` words shares with any near copy."""
    return max(1, math.ceil(shared_words_needed(a, _shortest_copy(a)) - 1e-9))


def _least_trigrams(a: int) -> int:
    """The fewest trigrams a strategy of ``a`` words shares with any near copy longer than 8 words
    together with it: at least one."""
    return max(1, math.ceil(shared_trigrams_needed(a, _shortest_copy(a)) - 1e-9))


class OtherStrategies:
    """The strategies of an index that are not ``owner``'s: what ``generic_strategy_findings``
    compares a strategy with."""

    def __init__(self, index: StrategyIndex, owner: object) -> None:
        self.index, self.owner = index, owner

    def near(self, mine: tuple[str, ...]) -> Iterator[tuple[str, tuple[str, ...]]]:
        """(label, words) of every other strategy that could be near-identical to ``mine``: an exact
        copy if there is one, else those passing the index's filters. Yielded one by one, in the
        index's order: the caller stops at the first near copy."""
        index, items = self.index, self.index.items
        for i in index.exact.get(mine, ()):
            if items[i][0] != self.owner:
                yield items[i][1], items[i][2]
                return
        a = len(mine)
        words, grams = index.encode(_tagged(mine, 1)), index.encode(_tagged(mine, 3))
        by_word: set[int] = set()
        for word in index.rarest(words, _least_words(a)):
            by_word.update(index.by_word.get(word, ()))
        by_trigram: set[int] = set()
        for gram in index.rarest(grams, _least_trigrams(a)):
            by_trigram.update(index.by_trigram.get(gram, ()))
        candidates = sorted(by_word & by_trigram)
        if not candidates:
            return
        # Where strategies draw on the same stock sentences there are thousands of candidates:
        # the words each shares are counted by set operations mapped over them.
        shared = map(len, map(words.intersection, [index.word_sets[i] for i in candidates]))
        for i, n in zip(candidates, shared, strict=True):
            b = index.lengths[i]
            if 2 * n < SIMILAR * (a + b) - 1e-9:  # also rules out lengths too far apart
                continue
            owner, label, other, _, other_grams = items[i]
            if owner != self.owner and len(grams & other_grams) >= shared_trigrams_needed(a, b) - 1e-9:
                yield label, other


def _tagged(normal: tuple[str, ...], n: int) -> list[Element]:
    """Each run of ``n`` words with its occurrence number, so that one said twice is two elements."""
    seen: Counter[tuple[str, ...]] = Counter()
    out = []
    for i in range(len(normal) - n + 1):
        run = normal[i : i + n]
        out.append((run, seen[run]))
        seen[run] += 1
    return out


def generic_strategy_findings(
    text: str,
    *,
    where: str,
    names: tuple[str, ...] = (),
    others: "list[tuple[str, str, tuple[str, ...]]] | OtherStrategies" = (),  # type: ignore[assignment]
) -> list[TextFinding]:
    """Findings for one strategy: boilerplate only, or near-identical to another child's (``others``
    is a list of (label, text, that child's names), or a provider's ``StrategyIndex`` less this
    child's own)."""
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
    if isinstance(others, OtherStrategies):
        candidates = others.near(mine)
    else:
        candidates = [(label, normalised(other, other_names)) for label, other, other_names in others]
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
