"""The text checks behind the risk-assessment rules: each finds what it should, says where, and
stays quiet on good practice."""

import datetime

from hearth.risk.checks import (
    boilerplate_only,
    boundary_breaches,
    child_centred_findings,
    generic_strategy_findings,
    historical_mentions,
    length_findings,
    repeated_sentence_share,
    similarity,
)

TODAY = datetime.date(2026, 11, 22)


def test_boilerplate_strategy_is_generic_and_a_specific_one_is_not() -> None:
    assert boilerplate_only(
        "Staff to monitor closely and follow the self-harm policy. Inform the manager of any concerns."
    )
    assert not boilerplate_only(
        "If Jordan goes quiet after a call from his dad, offer a walk to the park and sit with him while he draws.",
        ("Jordan",),
    )


def test_copied_strategy_is_found_whatever_the_name_and_pronouns() -> None:
    mine = "If Kayla is upset after a call from her mum, sit with her in the garden and offer her sketchbook."
    theirs = "If Jordan is upset after a call from his mum, sit with him in the garden and offer his sketchbook."
    assert similarity(mine, theirs, ("Kayla",), ("Jordan",)) >= 0.9
    findings = generic_strategy_findings(
        mine, where="Self-harm: Before", names=("Kayla",), others=[("JH's plan", theirs, ("Jordan",))]
    )
    assert [f.code for f in findings] == ["risk.generic_strategy"]
    assert "JH's plan" in findings[0].message and findings[0].where == "Self-harm: Before"


def test_boundary_breach_names_the_personal_phone_and_where() -> None:
    findings = boundary_breaches(
        "If Jordan is in crisis he should ring Dana's personal mobile on 07700 900123.",
        where="Violence: During",
        staff_names=("Dana", "Whitlow"),
        child_names=("Jordan",),
    )
    assert len(findings) == 1
    assert findings[0].where == "Violence: During" and "personal mobile" in findings[0].excerpt


def test_boundaries_are_not_breached_by_the_home_phone_or_a_childs_family() -> None:
    text = "Ring the on-call phone. Jordan's mum can ring the office. Check the social worker's number. Ring his friend Jay's mum."
    assert boundary_breaches(text, staff_names=("Dana",), child_names=("Jordan",)) == []


def test_staff_family_home_and_own_time_are_breaches() -> None:
    for text in (
        "The manager's son will teach him guitar.",
        "Dana will take her to Dana's house for tea.",
        "Marcus will take him fishing on his day off.",
        "Staff can add her on their personal Snapchat.",
    ):
        assert boundary_breaches(text, staff_names=("Dana", "Marcus")), text


def test_old_events_in_the_current_risk_are_found() -> None:
    text = "In March 2019 she was found in Leeds. When she was 9 she ran away. Two years ago she self-harmed. Last week she felt safe."
    found = historical_mentions(text, as_of=TODAY, age=15, where="Missing: The risk now")
    assert len(found) == 3
    assert all(f.code == "records.historical_in_current" and f.where == "Missing: The risk now" for f in found)
    assert "March 2019" in found[0].message


def test_recent_events_are_not_historical() -> None:
    text = (
        "On 3 October 2026 she stayed out late. In September 2026 she missed school twice. Last year's trip went well."
    )
    assert historical_mentions(text, as_of=TODAY, age=15) == []


def test_stigmatising_terms_come_with_plain_alternatives() -> None:
    findings = child_centred_findings(
        "She absconded again and kicked off when non-compliant.", where="Missing: The risk now"
    )
    assert [f.excerpt != "" for f in findings] == [True, True, True]
    assert "went missing" in findings[0].suggestion


def test_quoting_a_term_to_avoid_it_is_not_a_finding() -> None:
    assert child_centred_findings("We say 'went missing' rather than 'absconded'.") == []


def test_text_far_above_a_childs_level_is_shown() -> None:
    dense = (
        "Notwithstanding the multidisciplinary safeguarding considerations previously articulated, "
        "the organisational expectation remains that practitioners demonstrate proportionate, "
        "evidence-informed responsiveness to escalating presentations of emotional dysregulation, "
        "incorporating therapeutic interventions consistent with attachment-informed methodologies and "
        "trauma-responsive frameworks throughout all interactions. Consequently, deteriorating "
        "presentations necessitate immediate consultation with designated safeguarding leadership."
    )
    assert any("Reads at about" in f.message for f in child_centred_findings(dense, age=11))


def test_long_or_repetitive_assessment_is_too_long() -> None:
    long_text = " ".join(f"Word{i}" for i in range(1600))
    assert "1,600 words" in length_findings([long_text])[0].message
    repeated = ["Staff must be vigilant at all times when Tyler is out."] * 4 + [
        "Tyler likes football on Saturdays with his uncle."
    ]
    share, _ = repeated_sentence_share(repeated)
    assert share == 0.6
    assert length_findings(repeated)


def test_a_short_varied_assessment_passes() -> None:
    assert (
        length_findings(["Riley likes cycling.", "If he is late, text him first, then ring him at 45 minutes."]) == []
    )


def test_labelled_sets_hold_at_least_100_examples_per_check_and_scores_hold() -> None:
    """Guards the measured precision and recall (``hearth riskchecks evaluate``) against regression."""
    from hearth.risk.checks.evaluate import HELD_OUT, evaluate

    for score in evaluate():
        assert score.examples >= 100, score.code
        assert score.precision >= 0.95 and score.recall >= 0.95, (score.code, score.precision, score.recall)
    for score in evaluate(folder=HELD_OUT):
        assert score.examples >= 20, score.code
        assert score.precision >= 0.9 and score.recall >= 0.6, (score.code, score.precision, score.recall)


def test_a_second_held_out_set_is_scored_on_its_own_and_never_tuned_on() -> None:
    """Written before any change to the checks (issue 19), so that their next rebuild is judged on
    sentences it was not tuned on."""
    import io

    from django.core.management import call_command

    from hearth.risk.checks.evaluate import LABELLED, load_examples

    for name in ("boundary_breach.tsv", "generic_strategy.tsv"):
        rows = load_examples(LABELLED / "heldout-2" / name)
        assert sum(1 for expected, _, _ in rows if expected) >= 25
        assert sum(1 for expected, _, _ in rows if not expected) >= 24
        tuning = {text for _, text, _ in load_examples(LABELLED / name)}
        assert tuning.isdisjoint(text for _, text, _ in rows)
    from hearth.risk.checks.evaluate import evaluate

    for score in evaluate(folder=LABELLED / "heldout-2"):  # the targets, met on this set
        assert score.precision >= 0.8 and score.recall >= 0.8, (score.code, score.precision, score.recall)
    out = io.StringIO()
    call_command("riskchecks", "evaluate", "--examples", "heldout-2", stdout=out)
    assert "risk.boundary_breach" in out.getvalue() and "risk.generic_strategy" in out.getvalue()
    assert "records.historical_in_current" not in out.getvalue()  # this set does not cover it
