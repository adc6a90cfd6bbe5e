import pytest

from hearth.risk.indicators import detect
from hearth.risk.indicators.evaluate import evaluate, load_examples
from hearth.risk.indicators.lexicon import categories_in


def test_matched_words_are_reported() -> None:
    found = categories_in("Kayla went into the supermarket with an unknown man.")
    assert found == {"exploitation": ["unknown man"]}


@pytest.mark.parametrize(
    "text",
    [
        "No concerns about self-harm today.",
        "She denied meeting any older men.",
        "There were no signs of exploitation.",
        "He is no longer missing from school lessons.",
        "Anti-bullying week at school.",
        "She was missing her mum at bedtime.",
    ],
)
def test_negated_and_look_alike_texts_do_not_prompt(text: str) -> None:
    assert detect(text) == []


def test_negation_stops_at_a_clause_break() -> None:
    found = categories_in("No concerns at school, but staff found cuts on her arms this evening.")
    assert found == {"self_harm": ["cuts on her arms"]}


def test_labelled_set_is_large_enough_and_well_formed() -> None:
    examples = load_examples()
    assert len(examples) >= 200
    assert sum(1 for expected, _ in examples if not expected) >= 60  # look-alike negatives


def test_quality_does_not_fall_below_the_measured_level() -> None:
    """A regression guard: the figures in the issue note, less a small margin."""
    result = evaluate()
    assert result.any_concern.precision >= 0.93
    assert result.any_concern.recall >= 0.95
