"""Finding, among a provider's tens of thousands of strategies, the few that could be
near-identical to one, without comparing it with every other (``risk.generic_strategy``'s copy
check: ``generic.py``)."""

import bisect
import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Iterator

from hearth.risk.checks.generic import SIMILAR, normalised

# A word or a trigram of a strategy's normalised words; said again, it is paired with which time
# it is (1 for the second): two strategies share as many of these as their words (or trigrams)
# have in common, counting repeats (``_tagged``).
Element = str | tuple[str, ...] | tuple[str | tuple[str, ...], int]


class StrategyIndex:
    """Every strategy of a provider, indexed so that finding the ones near-identical to a strategy
    does not mean comparing it with every other in the provider (a large provider holds tens of
    thousands, many sharing stock sentences).

    It misses none. Two strategies of a and b normalised words with similarity 0.9 or more
    (``SequenceMatcher.ratio``) are of lengths within 0.9 of each other (b from 9a/11 to 11a/9),
    and match at least 0.45(a + b) words, one to one, in at most 0.1(a + b) + 1 blocks (the
    unmatched words part them). So they share at least 0.45(a + b) words (``shared_words_needed``),
    and, each block of L words giving L - 2 trigrams found in both, at least 0.25(a + b) - 2
    trigrams (``shared_trigrams_needed``); at least one once a + b is over 8 (below that only an
    exact copy reaches 0.9, and exact copies are looked up directly).

    Prefix filtering: order every strategy's words (and trigrams) rarest first. Two sets sharing at
    least t elements have their first k shared elements (k <= t) among the first (size - t + k) of
    each: the k-th shared element has at most (size - t) unshared and (k - 1) shared elements
    before it. So each strategy is indexed under its first (size - t + k) words and trigrams, t
    being the fewest it shares with any near copy, and a strategy is compared word by word only with
    those of a length that could be near, found under at least k of its own first (size - t + k)
    words and at least k of its trigrams (k = ``extra_hits``, or t if smaller). Strategies are
    numbered shortest first, so a range of lengths is a range of numbers; an element found in many
    strategies keeps them as a bit set (an int), and hits are counted for every strategy at once,
    in binary, with a few operations on whole numbers per element, not a loop over strategies.
    Checked against comparing every pair by property tests (``risk/tests/test_generic_index.py``).
    """

    def __init__(
        self,
        strategies: "list[tuple[object, str, str, tuple[str, ...]]]",
        *,
        extra_hits: int = 32,
        dense_from: int = 512,
    ) -> None:
        """``strategies``: (owner, label, text, names); a strategy is never compared with its owner's.
        ``extra_hits`` is k above; an element held by ``dense_from`` strategies or more keeps them as
        a bit set, fewer as a list (a bit set costs a bit for every strategy the index holds)."""
        self.hits = extra_hits
        # Words and trigrams are numbered, rarest in the provider first, so that the sets compared
        # are of numbers (a tuple's hash is worked out afresh each time, a number's is itself) and
        # a strategy's elements sorted are its rarest first. First they are numbered as first seen.
        seen: defaultdict[Element, int] = defaultdict(itertools.count().__next__)
        number = seen.__getitem__  # a new element gets the next number
        frequency: Counter[int] = Counter()  # by number as first seen: how many strategies hold it
        normals = [(normalised(text, names), owner, label) for owner, label, text, names in strategies]
        normals.sort(key=lambda n: len(n[0]))  # stable: equal lengths keep the order given
        first: list[tuple[frozenset[int], frozenset[int]]] = []
        for normal, _, _ in normals:
            words = frozenset(map(number, _tagged(normal, 1)))
            grams = frozenset(map(number, _tagged(normal, 3)))
            frequency.update(words)
            frequency.update(grams)
            first.append((words, grams))
        rank = [0] * len(seen)
        for position, n in enumerate(sorted(range(len(seen)), key=lambda n: (frequency[n], n))):
            rank[n] = position
        renumber = rank.__getitem__
        self.numbers: dict[Element, int] = {e: rank[n] for e, n in seen.items()}
        self.items: list[tuple[object, str, tuple[str, ...], frozenset[int], frozenset[int]]] = [
            (owner, label, normal, frozenset(map(renumber, words)), frozenset(map(renumber, grams)))
            for (normal, owner, label), (words, grams) in zip(normals, first, strict=True)
        ]
        self.exact: dict[tuple[str, ...], list[int]] = {}
        for i, item in enumerate(self.items):
            self.exact.setdefault(item[2], []).append(i)
        self.lengths = [len(item[2]) for item in self.items]
        self.word_sets = [item[3] for item in self.items]
        by_word: defaultdict[int, list[int]] = defaultdict(list)
        by_trigram: defaultdict[int, list[int]] = defaultdict(list)
        for index, (_, _, normal, words, grams) in enumerate(self.items):
            for word in self.rarest(words, _least_words(len(normal)) - extra_hits + 1):
                by_word[word].append(index)
            for gram in self.rarest(grams, _least_trigrams(len(normal)) - extra_hits + 1):
                by_trigram[gram].append(index)
        self.by_word = _Postings(by_word, dense_from)
        self.by_trigram = _Postings(by_trigram, dense_from)

    def encode(self, elements: list[Element]) -> frozenset[int]:
        """The elements' numbers; one the index has never seen gets a negative number of its own:
        it cannot be shared with any strategy of the index, and is rarer than any."""
        numbers = [self.numbers.get(e) for e in elements]
        return frozenset(-1 - i if n is None else n for i, n in enumerate(numbers))

    @staticmethod
    def rarest(numbers: frozenset[int], needed: int) -> list[int]:
        """Of a strategy's words (or trigrams), the first (size - needed + 1), rarest in the provider
        first (an element it has never seen first): a near copy sharing ``needed`` of them shares
        one of these (all of them when ``needed`` is under 1)."""
        return sorted(numbers)[: max(0, len(numbers) - needed + 1)]

    def lengths_near(self, a: int) -> int:
        """The strategies whose length could be near-identical to one of ``a`` words, as a bit set."""
        low = bisect.bisect_left(self.lengths, _shortest_copy(a) - 1e-9)
        high = bisect.bisect_right(self.lengths, a / _shortest_copy(1) + 1e-9)
        return ((1 << high) - 1) ^ ((1 << low) - 1)

    def others(self, owner: object) -> "OtherStrategies":
        return OtherStrategies(self, owner)


class _Postings:
    """Which strategies each word (or trigram) is indexed under: a bit set (an int, bit i for the
    i-th strategy) for an element held by many, a list for one held by few."""

    def __init__(self, lists: dict[int, list[int]], dense_from: int) -> None:
        self.dense = {e: _bits(held) for e, held in lists.items() if len(held) >= dense_from}
        self.sparse = {e: sorted(held) for e, held in lists.items() if len(held) < dense_from}  # cut by bisection

    def found_under(self, elements: list[int], k: int, among: int) -> int:
        """The strategies of ``among`` (a bit set) indexed under at least ``k`` of ``elements``, as
        a bit set. Dense elements are counted for every strategy at once, in binary: bit i of
        ``digits[d]`` is digit d of strategy i's count, and adding an element's bit set is a
        ripple-carry addition. The bit sets are cut to ``among``'s span first, and so are the
        lists (they are in order of strategy)."""
        if not among:
            return 0
        low = (among & -among).bit_length() - 1
        among >>= low
        high = low + among.bit_length()
        digits: list[int] = []
        few: Counter[int] = Counter()
        for element in elements:
            held = self.dense.get(element)
            if held is None:
                listed = self.sparse.get(element)
                if listed:
                    few.update(listed[bisect.bisect_left(listed, low) : bisect.bisect_left(listed, high)])
                continue
            carry = (held >> low) & among
            for d, digit in enumerate(digits):
                if not carry:
                    break
                digits[d], carry = digit ^ carry, digit & carry
            if carry:
                digits.append(carry)
        found = _at_least(digits, k, among)
        if few:
            # A strategy's bit in a bit set of thousands is read from its bytes: shifting the whole
            # number to reach it costs as much as the number is long.
            size = (among.bit_length() + 7) // 8
            span = among.to_bytes(size, "little")
            columns = [digit.to_bytes(size, "little") for digit in digits]  # each within ``among``
            more: list[int] = []
            for strategy, n in few.items():
                bit = strategy - low
                byte, mask = bit >> 3, 1 << (bit & 7)
                if not span[byte] & mask:
                    continue
                if n >= k or n + sum(1 << d for d, column in enumerate(columns) if column[byte] & mask) >= k:
                    more.append(bit)
            if more:
                found |= _bits(more)
        return found << low


def _at_least(digits: list[int], k: int, among: int) -> int:
    """Of ``among``, the strategies whose count (in binary: bit i of ``digits[d]`` is digit d of
    strategy i's) is ``k`` or more: compared digit by digit from the highest, as a comparator does."""
    if k.bit_length() > len(digits):
        return 0  # no count reaches k
    greater, equal = 0, among  # so far, above k; so far, equal to k
    for d in range(len(digits) - 1, -1, -1):
        digit = digits[d]
        if (k >> d) & 1:
            equal &= digit
        else:
            greater |= equal & digit
            equal &= ~digit
    return greater | equal


def _bits(numbers: list[int]) -> int:
    """The numbers as a bit set."""
    out = bytearray(max(numbers) // 8 + 1)
    for n in numbers:
        out[n >> 3] |= 1 << (n & 7)
    return int.from_bytes(out, "little")


def _numbers(bits: int) -> list[int]:
    """The bit set as numbers, smallest first (found in its binary digits, lowest first)."""
    digits = bin(bits)[:1:-1]
    out = []
    at = digits.find("1")
    while at >= 0:
        out.append(at)
        at = digits.find("1", at + 1)
    return out


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
        copy if there is one, else those passing the index's filters. Yielded one by one, shortest
        first: the caller stops at the first near copy."""
        index, items = self.index, self.index.items
        for i in index.exact.get(mine, ()):
            if items[i][0] != self.owner:
                yield items[i][1], items[i][2]
                return
        a = len(mine)
        words, grams = index.encode(_tagged(mine, 1)), index.encode(_tagged(mine, 3))
        least_words, least_trigrams = _least_words(a), _least_trigrams(a)
        k = min(index.hits, least_words)
        found = index.by_word.found_under(index.rarest(words, least_words - k + 1), k, index.lengths_near(a))
        if found:
            k = min(index.hits, least_trigrams)
            found = index.by_trigram.found_under(index.rarest(grams, least_trigrams - k + 1), k, found)
        candidates = _numbers(found)
        # The words each candidate shares are counted by set operations mapped over them.
        shared = map(len, map(words.intersection, [index.word_sets[i] for i in candidates]))
        for i, n in zip(candidates, shared, strict=True):
            b = index.lengths[i]
            if 2 * n < SIMILAR * (a + b) - 1e-9:
                continue
            owner, label, other, _, other_grams = items[i]
            if owner != self.owner and len(grams & other_grams) >= shared_trigrams_needed(a, b) - 1e-9:
                yield label, other


def _tagged(normal: tuple[str, ...], n: int) -> list[Element]:
    """Each run of ``n`` words, a run said again being another element each time: the run itself
    the first time, (run, k) the k-th time after. Counted first, so that only the repeated runs
    are spelled out one by one (a strategy's words are nearly all its own, once)."""
    # The runs of n: the shorter tails end the zip at the last whole run.
    runs: Counter[str | tuple[str, ...]] = Counter(
        normal if n == 1 else zip(*(normal[i:] for i in range(n)), strict=False)
    )
    elements: list[Element] = list(runs)
    for run, count in runs.items():
        if count > 1:
            elements += [(run, k) for k in range(1, count)]
    return elements
