"""The boundary check (``risk.boundary_breach``): whose a phone, a house or a car is, decided from
the words around it, with the home's staff names and the child's names read for what they are."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hearth.risk.checks.boundary import boundary_breaches

STAFF = ("Dana", "Marcus", "Leah")
CHILDREN = ("Jordan", "Kayla")


def breach(text: str, staff: tuple[str, ...] = STAFF, children: tuple[str, ...] = CHILDREN) -> bool:
    return bool(boundary_breaches(text, staff_names=staff, child_names=children))


@pytest.mark.parametrize(
    "text",
    [
        "Marcus has given Jordan his own number so he can ring him at weekends.",
        "Kayla can text Leah on her personal phone if she feels unsafe at night.",
        "Helen lets Kayla stay at her house when the home is full.",
        "Jamal gives Jordan lifts in his own car after his shift ends.",
        "Leah's teenage son will show Kayla round his college.",
        "Mo may WhatsApp his key worker late at night.",
        "Demi can call Dana on 07700 900456 if she is frightened.",
        "Riley can contact Dana at any time, day or night.",
        "Staff can use their own transport to take Jordan to college.",
        "Jordan can pop round to Marcus's for tea on Sundays.",
        "Dana lent Kayla £20 until her allowance comes through.",
    ],
)
def test_a_workers_personal_life_in_the_plan_is_a_breach(text: str) -> None:
    assert breach(text.replace("Helen", "Dana").replace("Jamal", "Marcus")), text


@pytest.mark.parametrize(
    "text",
    [
        "Staff ring Jordan on his phone if he is late back.",
        "Kayla keeps her personal phone in her room.",
        "Staff take Jordan to see his mum at her flat.",
        "Staff will help Kayla look for her own flat when she turns 18.",
        "Staff to monitor who messages Kayla on Snapchat.",
        "Jordan's key worker will ring his social worker's mobile.",
        "Kayla can message the home's Instagram account if she needs staff.",
        "Staff do not give children their personal numbers or add them on social media.",
        "Jordan said 'my dad's car is red'.",
        "Riley can ring the on-call manager at any time, day or night.",
        "Demi can call the home on 01632 960123 if she is frightened.",
        "If Tyler is missing, staff check his friend Liam's house and the park.",
    ],
)
def test_the_childs_own_things_the_homes_and_other_professionals_are_not(text: str) -> None:
    assert not breach(text), text


def test_a_negation_clears_it_but_one_in_an_earlier_condition_does_not() -> None:
    assert not breach("Staff must never give out their personal numbers.")
    assert breach("If Kayla can't sleep she may send a voice note to Leah's WhatsApp.")
    assert breach("If Kayla does not come back, Dana will ring her on her personal mobile.")


def test_a_child_who_shares_a_workers_name_is_read_as_the_child() -> None:
    assert breach("Jordan will stay at Marcus's house.", staff=("Marcus",), children=("Jordan",))
    assert not breach("Jordan will stay at Marcus's house.", staff=("Marcus",), children=("Marcus", "Jordan"))


def test_only_the_homes_staff_names_are_workers() -> None:
    assert breach("Kayla can ring Dana's mobile.")
    assert not breach("Kayla can ring Jay's mobile.")  # a friend, not a worker
    assert not breach("Kayla can ring dana's mobile.", staff=("Dana",))  # names are compared as written


def test_the_finding_shows_the_words_and_where() -> None:
    [finding] = boundary_breaches(
        "If Jordan is in crisis he should ring Dana's personal mobile on 07700 900123.",
        where="Violence: During",
        staff_names=("Dana",),
        child_names=("Jordan",),
    )
    assert finding.where == "Violence: During"
    assert "Dana's personal mobile" in finding.excerpt and "own phone" in finding.message


NAMES = ("Dana", "O'Brien", "de Souza", "Ann-Marie")
WORDS = st.sampled_from(
    [
        "WORKER",
        "WORKER's",
        "Jordan",
        "Jordan's",
        "ring",
        "personal",
        "mobile",
        "house",
        "mum",
        "husband",
        "car",
        "own",
        "add",
        "on",
        "Snapchat",
        "his",
        "her",
        "to",
        "stay",
        "at",
        "day off",
        "not",
        "the home's",
        "staff",
        "when",
        "is",
        "off",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=12).map(" ".join), st.sampled_from(NAMES[1:]))
def test_what_is_found_does_not_depend_on_how_a_workers_name_is_spelled(text: str, name: str) -> None:
    """A name with an apostrophe, a hyphen or a space reads exactly as a plain one."""
    plain = boundary_breaches(text.replace("WORKER", "Dana"), staff_names=("Dana",), child_names=("Jordan",))
    other = boundary_breaches(text.replace("WORKER", name), staff_names=(name,), child_names=("Jordan",))
    assert [f.message for f in plain] == [f.message for f in other], text


def test_log_entries_of_the_concern_corpus_are_not_boundary_breaches() -> None:
    """The concern detector's tuning sentences are shift notes, not plans, and none of them is a
    worker's personal life; with three first names taken as staff, none may be flagged."""
    from hearth.risk.indicators.evaluate import load_corpus

    sentences = [example.text for example in load_corpus("tuning")]
    assert len(sentences) > 1000
    flagged = [s for s in sentences if breach(s, staff=("Dana", "Marcus", "Helen"), children=())]
    assert flagged == []
