"""The provider's strategy index finds every near-identical strategy the plain comparison finds."""

from hypothesis import given, settings
from hypothesis import strategies as st

from hearth.risk.checks.generic import generic_strategy_findings
from hearth.risk.checks.generic_index import StrategyIndex

WORDS = st.sampled_from(
    [
        "call",
        "the",
        "police",
        "if",
        "she",
        "is",
        "missing",
        "after",
        "one",
        "hour",
        "and",
        "check",
        "the",
        "station",
        "park",
        "shop",
    ]
)


def _near_identical(findings: list) -> bool:  # type: ignore[type-arg]
    return any(f.message.startswith("Near-identical") for f in findings)


@settings(max_examples=300, deadline=None)
@given(
    texts=st.lists(st.lists(WORDS, min_size=1, max_size=40), min_size=2, max_size=8),
    edits=st.data(),
    extra_hits=st.sampled_from([1, 2, 5, 12, 40]),
    dense_from=st.sampled_from([1, 2, 3, 512]),
)
def test_the_index_finds_a_near_copy_whenever_comparing_with_every_strategy_does(
    texts: list[list[str]], edits: st.DataObject, extra_hits: int, dense_from: int
) -> None:
    """Whatever the number of extra hits asked for, and whether elements keep their strategies as
    bit sets (``dense_from`` 1: all of them) or as lists, or some of each."""
    strategies: list[tuple[int, str, str, tuple[str, ...]]] = []
    for n, words in enumerate(texts):
        if n and edits.draw(st.booleans()):  # a few edits of the first text: a near copy, or nearly one
            words = list(texts[0])
            for _ in range(edits.draw(st.integers(1, 4))):
                at = edits.draw(st.integers(0, len(words)))
                kind = edits.draw(st.sampled_from(["insert", "delete", "replace"]))
                if kind == "insert" or at == len(words):
                    words.insert(at, edits.draw(WORDS))
                elif kind == "delete" and len(words) > 1:
                    del words[at]
                else:
                    words[at] = edits.draw(WORDS)
        strategies.append((n, f"child {n}", " ".join(words), ()))
    index = StrategyIndex(strategies[1:], extra_hits=extra_hits, dense_from=dense_from)  # type: ignore[arg-type]
    # The first is not in the index: a plan being typed, with words the index has never seen.
    for owner, _, text, _ in strategies:
        everyone = [(label, other, names) for o, label, other, names in strategies[1:] if o != owner]
        by_list = generic_strategy_findings(text, where="x", others=everyone)
        by_index = generic_strategy_findings(text, where="x", others=index.others(owner))
        assert _near_identical(by_list) == _near_identical(by_index), text


def test_the_index_and_the_list_give_the_same_findings() -> None:
    mine = "If Jade is not back by nine, ring her mobile, then check the bus station and the park by the river."
    copy = "If Leah is not back by nine, ring her mobile, then check the bus station and the park by the river."
    other = "Talk with Sam about school each evening; praise the homework he finishes."
    as_list = [("LB's missing plan", copy, ("Leah",)), ("SK's plan", other, ("Sam",))]
    index = StrategyIndex(
        [(2, "LB's missing plan", copy, ("Leah",)), (3, "SK's plan", other, ("Sam",)), (1, "own", mine, ("Jade",))]
    )
    from_list = generic_strategy_findings(mine, where="x", names=("Jade",), others=as_list)
    from_index = generic_strategy_findings(mine, where="x", names=("Jade",), others=index.others(1))
    assert [f.message for f in from_list] == [f.message for f in from_index]
    assert "Near-identical (100%) to LB's missing plan" in from_index[0].message
    assert generic_strategy_findings(other, where="x", names=("Sam",), others=index.others(3)) == []


def test_a_draft_started_empty_does_not_hide_the_version_before_it(world: object) -> None:
    from hearth.risk.selectors import provider_strategies
    from hearth.risk.services import risk_assessment_start
    from hearth.risk.tests.factories import approved_assessment

    approved_assessment(world.child_a, world.home_a)  # type: ignore[attr-defined]
    before = provider_strategies(provider_ids=[world.home_a.provider_id])  # type: ignore[attr-defined]
    assert before
    risk_assessment_start(actor=None, child=world.child_a, home=world.home_a, copy_current=False)  # type: ignore[attr-defined]
    assert provider_strategies(provider_ids=[world.home_a.provider_id]) == before  # type: ignore[attr-defined]


@settings(max_examples=300, deadline=None)
@given(
    lists=st.dictionaries(st.integers(0, 30), st.lists(st.integers(0, 200), min_size=1, max_size=60, unique=True)),
    elements=st.lists(st.integers(0, 35), max_size=40, unique=True),
    k=st.integers(1, 12),
    among=st.sets(st.integers(0, 200)),
    dense_from=st.sampled_from([1, 5, 1000]),
)
def test_found_under_counts_what_counting_one_by_one_counts(
    lists: dict[int, list[int]], elements: list[int], k: int, among: set[int], dense_from: int
) -> None:
    """The bit-set counting (``_Postings.found_under``: binary counters over bit sets, lists for
    the few) against counting each strategy's hits one by one."""
    from hearth.risk.checks.generic_index import _bits, _numbers, _Postings

    postings = _Postings(lists, dense_from)
    hits = {s: sum(1 for e in elements if s in lists.get(e, ())) for s in among}
    expected = sorted(s for s, n in hits.items() if n >= k)
    assert _numbers(postings.found_under(elements, k, _bits(sorted(among)) if among else 0)) == expected
