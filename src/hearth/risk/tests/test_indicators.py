"""The possible-concern detector: what it finds, what it leaves alone, and its measured quality."""

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from hearth.risk.indicators import categories_in, detect
from hearth.risk.indicators.concepts import ConceptFileError, read_concepts
from hearth.risk.indicators.evaluate import CORPUS, CorpusError, Evaluation, load_corpus, read_examples, score
from hearth.risk.indicators.text import Speller, tokenise

# Issue 19: a new user's wording that the phrase lists missed.
REPORTED = [
    (
        "She had a new phone and cash and wouldn't say where from. She said an older friend gave her a lift back.",
        {"exploitation"},
    ),
    ("a lot of money and a second phone", {"exploitation"}),
    ("Ellie goes quiet every time her phone buzzes and won't say who keeps messaging her", {"online_harm"}),
]


@pytest.mark.parametrize(("text", "wanted"), REPORTED)
def test_the_reported_sentences_prompt_and_show_the_writers_own_words(text: str, wanted: set[str]) -> None:
    matches = detect(text)
    assert wanted <= {m.category for m in matches}
    for m in matches:
        assert text[m.start : m.end].startswith(m.words.split(" … ")[0])
        for part in m.words.split(" … "):
            assert part in text


def test_a_gift_and_a_refusal_to_say_who_gave_it_combine() -> None:
    assert "exploitation" in categories_in("Came back with new trainers. Would not say who bought them.")
    assert categories_in("Came back with new trainers bought with his clothing allowance.") == {}


@pytest.mark.parametrize(
    "text",
    [
        "No concerns about self-harm today.",
        "She denied meeting any older men.",
        "There were no signs of exploitation.",
        "He is no longer missing from school lessons.",
        "Anti-bullying week at school.",
        "She was missing her mum at bedtime.",
        "bought new trainers with his pocket money and his key worker",
        "lift from his social worker",
        "He cut himself a slice of cake after dinner.",
        "Staff weighed the flour on the kitchen scales for the cake.",
        "He went to a county lines awareness talk at school.",
    ],
)
def test_negated_and_look_alike_texts_do_not_prompt(text: str) -> None:
    assert detect(text) == []


def test_negation_stops_at_a_clause_break() -> None:
    found = categories_in("No concerns at school, but staff found cuts on her arms this evening.")
    assert set(found) == {"self_harm"}
    assert "cuts on her arms" in found["self_harm"][0]


def test_a_conditional_is_not_a_negation() -> None:
    assert "cce" in categories_in("He said \"if I don't pay they'll stab my mum\".")


def test_misspellings_are_corrected_but_real_words_are_left_alone() -> None:
    speller = Speller(["expensive", "shoved", "walked", "friend"])
    assert speller.correct("exspensive") == "expensive"
    assert speller.correct("freind") == "friend"
    assert speller.correct("showed") == "showed"  # one letter from "shoved", but a word of its own
    assert speller.correct("talked") == "talked"
    assert [t.norm for t in tokenise("wudnt say were the fone came from")][:1] == ["wouldnt"]


def test_a_mistake_in_a_concept_file_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_text("# concepts\nphone|mobile\n")
    with pytest.raises(ConceptFileError, match=r"broken.txt, line 2: a phrase before any \[concept\]"):
        read_concepts(path)
    path.write_text("[thing]\n@NOPE phone\n")
    with pytest.raises(ConceptFileError, match=r"broken.txt, line 2: no list @NOPE"):
        read_concepts(path)


def test_a_malformed_corpus_line_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "mine.tsv"
    path.write_text("# a comment\nexploitation\tterse\tfine\nnonsense\tterse\tnot a category\n")
    with pytest.raises(CorpusError, match=r"mine.tsv, line 3: unknown category nonsense"):
        read_examples(path)


@pytest.fixture(scope="module")
def corpus() -> dict[str, list]:
    return {split: load_corpus(split) for split in ("tuning", "test")}


def test_the_corpus_is_large_and_split_by_source_never_by_sentence(corpus: dict[str, list]) -> None:
    tuning, test = corpus["tuning"], corpus["test"]
    assert len(tuning) + len(test) >= 1500
    assert len(test) >= 400
    assert {e.source for e in tuning}.isdisjoint({e.source for e in test})
    assert {e.text for e in tuning}.isdisjoint({e.text for e in test})
    for split in (tuning, test):
        assert sum(1 for e in split if not e.labels) >= 150  # look-alike negatives
        assert {e.register for e in split} >= {"terse", "narrative", "misspelt", "textspeak", "slang", "child_words"}
    assert sorted((CORPUS / "test").glob("*.tsv"))  # the held-out files are where the command looks


@pytest.fixture(scope="module")
def held_out(corpus: dict[str, list]) -> Evaluation:
    return score(corpus["test"])


def test_held_out_quality_does_not_fall_below_what_was_measured(held_out: Evaluation) -> None:
    """A regression guard at the figures in docs/concern-detection.md, less a small margin."""
    assert held_out.any_concern.recall >= 0.9
    assert held_out.any_concern.precision >= 0.94
    for category in ("cse", "exploitation", "self_harm", "online_harm", "bullying", "missing", "radicalisation"):
        assert held_out.per_category[category].recall >= 0.8, category
    assert held_out.per_category["cce"].recall >= 0.7  # below the 0.8: see the doc


def test_check_reads_a_file_and_prints_one_json_object_per_line(tmp_path: Path) -> None:
    path = tmp_path / "mine.txt"
    path.write_text("a lot of money and a second phone\nTom cooked tea for everyone\n")
    out = io.StringIO()
    call_command("indicators", "check", "--format", "json", "--file", str(path), stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["text"] for line in lines] == ["a lot of money and a second phone", "Tom cooked tea for everyone"]
    assert "exploitation" in lines[0]["categories"]
    assert {"category": "exploitation", "words": "second phone"} in lines[0]["evidence"]
    assert lines[1] == {"text": "Tom cooked tea for everyone", "categories": [], "evidence": []}


def test_check_reads_standard_input_without_a_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("she wants 2 die\n"))
    out = io.StringIO()
    call_command("indicators", "check", "--format", "json", stdout=out)
    assert json.loads(out.getvalue())["categories"] == ["self_harm"]


def test_check_says_plainly_when_it_cannot_read_the_file(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Could not read"):
        call_command("indicators", "check", "--file", str(tmp_path / "absent.txt"))


def test_evaluate_reports_the_held_out_set_first() -> None:
    out = io.StringIO()
    call_command("indicators", "evaluate", "--split", "test", stdout=out)
    text = out.getvalue()
    assert "test set (held out: never tuned on)" in text
    assert "any concern" in text


@pytest.mark.django_db
def test_feedback_measures_the_prompts_on_the_providers_answers_and_exports_them_anonymised(
    world: Any, tmp_path: Path
) -> None:
    import datetime

    from django.utils import timezone

    from hearth.incidents.services import incident_create
    from hearth.records.services import concern_respond, log_entry_create

    at = timezone.now() - datetime.timedelta(days=3)
    child = world.child_a
    real = log_entry_create(
        actor=None,
        home=world.home_a,
        children=[child],
        occurred_at=at,
        text=f"{child.first_name} got into a car with an older man, phone 07700 900123.",
    )
    false_alarm = log_entry_create(
        actor=None,
        home=world.home_a,
        children=[child],
        occurred_at=at,
        text=f"{child.first_name} went to see an older man from the church choir.",
    )
    quiet = log_entry_create(actor=None, home=world.home_a, children=[child], occurred_at=at, text="Watched a film.")
    incident = incident_create(
        actor=None,
        home=world.home_a,
        type="exploitation",
        severity="high",
        occurred_at=at,
        what_happened="Car.",
        action_taken="Police called.",
        children=[(child, "subject")],
    )
    concern_respond(actor=None, entry=real, response="incident_raised", incident=incident)
    concern_respond(actor=None, entry=false_alarm, response="no_concern", reason="Choir leader, checked.")
    assert quiet.indicator_categories == []

    out, export = io.StringIO(), tmp_path / "answers.tsv"
    call_command("indicators", "feedback", "--export", str(export), stdout=out)
    text = out.getvalue()
    assert "Prompts answered: 2; confirmed (incident or risk review): 1" in text
    assert "Precision of the prompts on your answers: 0.500" in text
    assert "Possible misses" in text and ": 1;" in text  # the quiet entry, then an exploitation incident
    rows = read_examples(export)
    assert [sorted(r.labels) for r in rows] == [["exploitation"], []]
    assert child.first_name not in export.read_text() and "07700" not in export.read_text()
    assert rows[0].text.startswith("[name] got into a car with an older man")


def test_feedback_says_plainly_when_the_provider_id_is_not_one() -> None:
    with pytest.raises(CommandError, match="is not a provider id"):
        call_command("indicators", "feedback", "--provider", "nonsense")


def test_every_concept_a_signal_names_is_defined_and_every_defined_concept_is_used() -> None:
    from hearth.risk.indicators.concepts import all_concepts
    from hearth.risk.indicators.detector import SIGNALS

    defined = set(all_concepts())
    named = {c for signals in SIGNALS.values() for s in signals for c in (*s.needs, *s.unless)}
    named.add("criminal_context")  # read by the criminal-exploitation context rule
    assert named - defined == set()  # a misspelt name would silently never fire
    assert defined - named == set()
