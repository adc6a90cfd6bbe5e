"""The word index behind ``repeated_sentence_share`` finds exactly the repeats that comparing each
sentence with every earlier one finds."""

from difflib import SequenceMatcher

from hypothesis import given, settings
from hypothesis import strategies as st

from hearth.risk.checks.base import sentences
from hearth.risk.checks.length import CONTAINED, NEAR_REPEAT, _content, _key, repeated_sentence_share


def _every_pair(texts: list[str]) -> tuple[float, list[str]]:
    """The plain comparison: each sentence against every earlier one that was not itself a repeat."""
    seen: list[list[str]] = []
    seen_content: list[frozenset[str]] = []
    exact: set[tuple[str, ...]] = set()
    repeats: list[str] = []
    total = 0
    for text in texts:
        for sentence in sentences(text):
            key = _key(sentence)
            if len(key) < 4:
                continue
            total += 1
            content = _content(sentence)
            contained = any(
                min(len(content), len(c)) >= 3 and len(content & c) / min(len(content), len(c)) >= CONTAINED
                for c in seen_content
            )
            near = any(
                abs(len(key) - len(k)) <= max(3, len(k) // 5)
                and SequenceMatcher(None, key, k, autojunk=False).ratio() >= NEAR_REPEAT
                for k in seen
            )
            if tuple(key) in exact or contained or near:
                repeats.append(sentence)
            else:
                seen.append(key)
                seen_content.append(content)
            exact.add(tuple(key))
    return (len(repeats) / total if total else 0.0), repeats


WORD = st.sampled_from(
    "she he staff will call the police if missing after one hour and check park shop 2 times at night her mum".split()  # noqa: SIM905
)
SENTENCE = st.lists(WORD, min_size=2, max_size=14).map(lambda ws: " ".join(ws).capitalize() + ".")
TEXT = st.lists(SENTENCE, min_size=0, max_size=12).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=4))
def test_the_indexed_comparison_finds_what_every_pair_finds(texts: list[str]) -> None:
    assert repeated_sentence_share(texts) == _every_pair(texts)
