import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hearth.audit.models import AuditEvent
from hearth.conftest import World
from hearth.incidents.services import incident_create
from hearth.risk.models import RiskAssessment
from hearth.risk.selectors import current_assessment, review_flags, review_flags_for_home
from hearth.risk.services import (
    risk_assessment_approve,
    risk_assessment_start,
    risk_assessment_update,
    risk_item_save,
)
from hearth.risk.tests.factories import approved_assessment, item_fields


def test_first_version_starts_empty_and_approval_makes_it_current(world: World) -> None:
    draft = risk_assessment_start(actor=world.users["senior"], child=world.child_a, home=world.home_a)
    assert draft.number == 1 and draft.is_draft and current_assessment(child=world.child_a, home=world.home_a) is None
    risk_item_save(actor=world.users["senior"], assessment=draft, **item_fields())
    risk_assessment_approve(actor=world.users["registered_manager"], assessment=draft, comment="Checked.")
    current = current_assessment(child=world.child_a, home=world.home_a)
    assert current is not None and current.pk == draft.pk
    assert current.approved_by == world.users["registered_manager"]
    assert AuditEvent.objects.filter(action="risk_assessment.approved", object_id=draft.public_id).exists()


def test_an_empty_version_cannot_be_approved(world: World) -> None:
    draft = risk_assessment_start(actor=None, child=world.child_a, home=world.home_a)
    with pytest.raises(ValidationError, match="at least one risk item"):
        risk_assessment_approve(actor=world.users["registered_manager"], assessment=draft)


def test_every_strategy_field_is_required_and_errors_name_the_field(world: World) -> None:
    draft = risk_assessment_start(actor=None, child=world.child_a, home=world.home_a)
    with pytest.raises(ValidationError) as exc:
        risk_item_save(actor=None, assessment=draft, **item_fields(before="", during="  "))
    assert set(exc.value.message_dict) == {"before", "during"}
    assert not draft.items.exists()


def test_one_item_per_domain(world: World) -> None:
    draft = risk_assessment_start(actor=None, child=world.child_a, home=world.home_a)
    risk_item_save(actor=None, assessment=draft, **item_fields())
    with pytest.raises(ValidationError, match="already has an item for going missing"):
        risk_item_save(actor=None, assessment=draft, **item_fields())


def test_approved_version_never_changes_and_a_review_copies_it(world: World) -> None:
    approved = approved_assessment(world.child_a, world.home_a)
    with pytest.raises(ValidationError, match="approved and cannot change"):
        risk_assessment_update(actor=None, assessment=approved, strengths="x", child_words="", history_text="")
    with pytest.raises(ValidationError, match="approved and cannot change"):
        risk_item_save(actor=None, assessment=approved, **item_fields(domain="online"))
    draft = risk_assessment_start(actor=None, child=world.child_a, home=world.home_a)
    assert draft.number == 2 and draft.strengths == approved.strengths
    assert [i.domain for i in draft.items.all()] == ["missing"]
    with pytest.raises(ValidationError, match="already being written"):
        risk_assessment_start(actor=None, child=world.child_a, home=world.home_a)


def test_incidents_must_involve_the_child(world: World) -> None:
    other = incident_create(
        actor=None,
        home=world.home_b,
        type="missing",
        severity="high",
        occurred_at=timezone.now() - datetime.timedelta(days=1),
        what_happened="Bob did not come back.",
        action_taken="Rang police.",
        children=[(world.child_b, "subject")],
        risk_domains=["missing"],
    )
    draft = risk_assessment_start(actor=None, child=world.child_a, home=world.home_a)
    with pytest.raises(ValidationError, match="Not incidents involving"):
        risk_item_save(actor=None, assessment=draft, incidents=[other], **item_fields())


def _incident(world: World, days_ago: int, domains: list[str]) -> Any:
    return incident_create(
        actor=None,
        home=world.home_a,
        type="missing",
        severity="high",
        occurred_at=timezone.now() - datetime.timedelta(days=days_ago),
        what_happened="Alice did not come back from town.",
        action_taken="Rang police.",
        children=[(world.child_a, "subject")],
        risk_domains=domains,
    )


def test_an_incident_flags_its_domain_until_a_newer_version_is_approved(world: World) -> None:
    approved_assessment(world.child_a, world.home_a)
    today = timezone.localdate()
    assert review_flags(child=world.child_a, home=world.home_a, as_of=today) == []
    _incident(world, 0, ["missing", "cce"])
    flags = {f.domain: f for f in review_flags(child=world.child_a, home=world.home_a, as_of=today)}
    assert set(flags) == {"missing", "cce"}
    assert flags["missing"].item is not None and "Review after" in flags["missing"].reason
    assert flags["cce"].item is None and "No item for this risk" in flags["cce"].reason
    assert {(c.pk, f.domain) for c, f in review_flags_for_home(home=world.home_a, as_of=today)} == {
        (world.child_a.pk, "missing"),
        (world.child_a.pk, "cce"),
    }
    draft = risk_assessment_start(actor=None, child=world.child_a, home=world.home_a)
    risk_item_save(actor=None, assessment=draft, **item_fields(domain="cce", level="high"))
    risk_assessment_approve(actor=world.users["registered_manager"], assessment=draft)
    assert review_flags(child=world.child_a, home=world.home_a, as_of=today) == []


def test_review_by_date_passing_flags_the_item(world: World) -> None:
    approved_assessment(world.child_a, world.home_a)
    later = timezone.localdate() + datetime.timedelta(days=61)
    assert [f.domain for f in review_flags(child=world.child_a, home=world.home_a, as_of=later)] == ["missing"]


def test_a_person_cannot_backdate_an_approval(world: World) -> None:
    draft = risk_assessment_start(actor=None, child=world.child_a, home=world.home_a)
    risk_item_save(actor=None, assessment=draft, **item_fields())
    with pytest.raises(ValidationError):
        risk_assessment_approve(
            actor=world.users["registered_manager"], assessment=draft, at=timezone.now() - datetime.timedelta(days=9)
        )
    assert RiskAssessment.objects.get(pk=draft.pk).is_draft


def test_home_flags_take_a_fixed_number_of_queries(world: World, django_assert_max_num_queries: Any) -> None:
    approved_assessment(world.child_a, world.home_a)
    _incident(world, 0, ["missing"])
    with django_assert_max_num_queries(7):
        review_flags_for_home(home=world.home_a, as_of=timezone.localdate())


def test_a_review_asked_for_from_a_log_entry_flags_the_domain_until_a_new_version(world: World) -> None:
    from hearth.records.services import concern_respond, log_entry_create

    approved_assessment(world.child_a, world.home_a)
    entry = log_entry_create(
        actor=None,
        home=world.home_a,
        children=[world.child_a],
        occurred_at=timezone.now() - datetime.timedelta(hours=2),
        text="Alice was picked up by an unknown car outside school.",
    )
    concern_respond(actor=world.users["senior"], entry=entry, response="risk_review", reason="Asked the manager.")
    today = timezone.localdate()
    flags = {f.domain: f for f in review_flags(child=world.child_a, home=world.home_a, as_of=today)}
    assert {"cse", "cce"} <= set(flags) and "Review asked for after the log entry" in flags["cse"].reason
    assert flags["cse"].reason.endswith("(possible exploitation).")  # in plain words, not a category code
    assert flags["cse"].raised_at is not None
    draft = risk_assessment_start(actor=None, child=world.child_a, home=world.home_a)
    risk_assessment_approve(actor=world.users["registered_manager"], assessment=draft)
    assert review_flags(child=world.child_a, home=world.home_a, as_of=today) == []


def test_approving_clears_only_the_flags_of_risks_changed_or_confirmed(world: World) -> None:
    """Issue 19: a version that rewrote only one risk cleared every flag. Now each open flag is
    cleared by changing its item, or by the manager confirming it still right with a reason."""
    from hearth.risk.models import RiskFlagReview

    approved_assessment(world.child_a, world.home_a)  # a missing item
    today = timezone.localdate()
    _incident(world, 0, ["missing", "cce", "self_harm"])
    manager = world.users["registered_manager"]
    draft = risk_assessment_start(actor=None, child=world.child_a, home=world.home_a)
    risk_item_save(actor=None, assessment=draft, **item_fields(domain="cce", level="high"))
    risk_assessment_approve(actor=manager, assessment=draft, confirmations={"missing": "   "})
    open_now = {f.domain for f in review_flags(child=world.child_a, home=world.home_a, as_of=today)}
    assert open_now == {"missing", "self_harm"}  # cce was added; missing was neither changed nor confirmed
    assert set(RiskFlagReview.objects.filter(assessment=draft).values_list("domain", "outcome")) == {("cce", "changed")}

    again = risk_assessment_start(actor=None, child=world.child_a, home=world.home_a)
    risk_assessment_approve(
        actor=manager,
        assessment=again,
        confirmations={"missing": "Spoke to her; the plan still works.", "self_harm": ""},
    )
    assert {f.domain for f in review_flags(child=world.child_a, home=world.home_a, as_of=today)} == {"self_harm"}
    confirmed = RiskFlagReview.objects.get(assessment=again)
    assert (confirmed.domain, confirmed.outcome, confirmed.reason) == (
        "missing",
        "confirmed",
        "Spoke to her; the plan still works.",
    )


def test_an_approval_carried_from_another_system_counts_as_reviewing_every_risk(world: World) -> None:
    approved_assessment(world.child_a, world.home_a)
    _incident(world, 0, ["missing", "self_harm"])
    draft = risk_assessment_start(actor=None, child=world.child_a, home=world.home_a)
    risk_assessment_approve(actor=world.users["registered_manager"], assessment=draft)  # no confirmations: imported
    assert review_flags(child=world.child_a, home=world.home_a, as_of=timezone.localdate()) == []
