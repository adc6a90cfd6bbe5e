"""Staff names in the boundary patterns are matched as any word and checked afterwards, so one
compiled set serves every home; it finds exactly what spelling the home's names into each pattern
finds."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from hearth.risk.checks.boundary import ROLE, _any, _compiled, _matches, _patterns

STAFF = ("Dana", "O'Brien", "de Souza", "Marcus")
CHILDREN = ("Jordan", "Marcus")  # a child who shares a worker's name
TOKENS = st.sampled_from(
    [
        *STAFF,
        *CHILDREN,
        "Dana's",
        "O'Brien's",
        "de Souza's",
        "Jordan's",
        "Marcus's",
        "Jay's",
        "the manager's",
        "ring",
        "personal",
        "mobile",
        "phone",
        "home",
        "house",
        "mum",
        "family",
        "car",
        "add",
        "added",
        "on",
        "her",
        "his",
        "snapchat",
        "facebook",
        "to",
        "visit",
        "in",
        "day off",
        "as a friend",
        "friend request from",
        "has",
        "the team",
        "own",
        "when",
        "is",
        "not on shift",
        "off duty",
        "take",
        "her",
        "home with",
        "them",
        "messaged",
        "Instagram",
        "in",
        "my",
        "spare time",
        "friend requests to",
        "staff member",
    ]
)


def _spelled_out(names: set[str]) -> list[re.Pattern[str]]:
    """The patterns as they were written before: the names themselves in each one."""
    spelled = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    staff = f"(?:(?:the )?{ROLE}|(?-i:{spelled}))"
    return [re.compile(p, re.IGNORECASE) for p, _ in _patterns(staff)]


@settings(max_examples=400, deadline=None)
@given(st.lists(TOKENS, min_size=1, max_size=12).map(" ".join))
def test_any_word_then_checked_finds_what_the_spelled_out_names_find(text: str) -> None:
    staff = set(STAFF) - set(CHILDREN)
    ours = _compiled(tuple(sorted(n for n in staff if " " in n)))
    for (pattern, _), spelled in zip(ours, _spelled_out(staff), strict=True):
        found = [(m.start(), m.end()) for m in _matches(pattern, text, staff)]
        assert found == [(m.start(), m.end()) for m in spelled.finditer(text)], (text, spelled.pattern)


def test_one_compiled_set_serves_homes_whose_names_are_single_words() -> None:
    assert _compiled(()) is _compiled(())


SPACED_NAMES = ((), ("de Souza",))


@settings(max_examples=600, deadline=None)
@given(
    st.sampled_from([(spaced, p) for spaced in SPACED_NAMES for p, _ in _compiled(spaced)]).flatmap(
        lambda case: st.tuples(st.just(case[0]), st.from_regex(case[1]))
    )
)
def test_a_text_any_pattern_matches_passes_the_one_search_before_them(case: tuple[tuple[str, ...], str]) -> None:
    """``_any`` is only a quick way to skip texts: every text a pattern matches (made from the
    pattern itself, with anything around it) must pass it."""
    spaced, text = case
    assert any(pattern.search(text) for pattern, _ in _compiled(spaced))
    assert _any(spaced).search(text), text
