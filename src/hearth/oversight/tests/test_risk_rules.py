"""Risk assessments read as an inspector reads them: present, reviewed, complete and well written."""

import datetime
from typing import Any

from django.utils import timezone

from hearth.children.tests.factories import ChildFactory, PlacementFactory
from hearth.conftest import World
from hearth.incidents import services as incident_services
from hearth.oversight.engine import run_audit
from hearth.records.models import LogEntry
from hearth.records.services import log_entry_create
from hearth.risk.services import risk_assessment_approve, risk_assessment_start, risk_item_save
from hearth.risk.tests.factories import approved_assessment, item_fields

TODAY = timezone.localdate()


def ago(days: float) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def audit(world: World, code: str) -> list[Any]:
    return run_audit(homes=[world.home_a], as_of=TODAY, codes=[code])


def incident(world: World, days: float, domains: list[str]) -> Any:
    return incident_services.incident_create(
        actor=None,
        home=world.home_a,
        type="missing",
        severity="medium",
        occurred_at=ago(days),
        what_happened="Alice did not come back from town.",
        action_taken="Rang her; searched the park.",
        children=[(world.child_a, "subject")],
        risk_domains=domains,
        recorded_at=ago(days - 0.05),
    )


def version(world: World, approved: datetime.datetime, **item: Any) -> Any:
    draft = risk_assessment_start(actor=None, child=world.child_a, home=world.home_a, copy_current=False)
    risk_item_save(actor=None, assessment=draft, **item_fields(**item))
    return risk_assessment_approve(
        actor=None, assessment=draft, comment="Read.", at=approved, approver_name="A Manager"
    )


def test_a_child_placed_over_three_days_needs_an_approved_assessment(world: World) -> None:
    [finding] = audit(world, "risk.no_current_assessment")
    assert finding.subject.id == str(world.child_a.public_id) and finding.severity == "high"
    approved_assessment(world.child_a, world.home_a)
    assert audit(world, "risk.no_current_assessment") == []


def test_a_passed_review_date_is_high_for_a_high_risk(world: World) -> None:
    approved_assessment(world.child_a, world.home_a, review_by=TODAY - datetime.timedelta(days=1))
    [finding] = audit(world, "risk.review_overdue")
    assert finding.severity == "high" and "going missing risk (high)" in finding.message


def test_an_incident_needs_its_item_reviewed_within_three_days(world: World) -> None:
    version(world, ago(30))
    happened = incident(world, 10, ["missing", "cse"])
    [finding] = audit(world, "risk.not_updated_after_incident")
    assert finding.message.endswith("for: child sexual exploitation, going missing.")
    assert [e.type for e in finding.evidence] == ["incident", "risk_assessment"]
    # Reviewed two days later, with items for both domains: nothing to find.
    draft = risk_assessment_start(actor=None, child=world.child_a, home=world.home_a)
    risk_item_save(actor=None, assessment=draft, **item_fields(domain="cse"))
    risk_assessment_approve(
        actor=None, assessment=draft, at=happened.occurred_at + datetime.timedelta(days=2), approver_name="A Manager"
    )
    assert audit(world, "risk.not_updated_after_incident") == []


def test_a_version_that_rewrote_another_risk_is_not_a_review_of_this_one(world: World) -> None:
    version(world, ago(30))  # an item for going missing
    happened = incident(world, 10, ["missing", "cse"])
    draft = risk_assessment_start(actor=None, child=world.child_a, home=world.home_a)
    risk_item_save(actor=None, assessment=draft, **item_fields(domain="cse"))
    risk_assessment_approve(
        actor=None,
        assessment=draft,
        at=happened.occurred_at + datetime.timedelta(days=2),
        approver_name="A Manager",
        confirmations={},  # approved in Hearth: only the exploitation item was written
    )
    [finding] = audit(world, "risk.not_updated_after_incident")
    assert finding.message.endswith("for: going missing.")


def test_an_incident_too_recent_to_judge_is_left_alone(world: World) -> None:
    version(world, ago(30))
    incident(world, 1, ["missing"])
    assert audit(world, "risk.not_updated_after_incident") == []


def test_a_domain_shown_by_incidents_or_repeated_log_entries_needs_an_item(world: World) -> None:
    version(world, ago(30))  # an item for going missing only
    incident(world, 20, ["cse"])
    for days in (3, 5):
        entry = log_entry_create(
            actor=None, home=world.home_a, children=[world.child_a], occurred_at=ago(days), text="Out."
        )
        LogEntry.objects.filter(pk=entry.pk).update(indicator_categories=["self_harm"])
    found = {f.message.split(" show ")[1].split(" risk")[0]: f for f in audit(world, "risk.domain_missing")}
    assert set(found) == {"child sexual exploitation", "self-harm"}
    assert [e.type for e in found["self-harm"].evidence] == ["log_entry", "log_entry"]


def test_the_text_of_the_current_version_is_checked(world: World) -> None:
    version(world, ago(5), during="If Alice is upset she can ring Dana on her personal mobile any time.")
    [finding] = audit(world, "risk.boundary_breach")
    assert finding.severity == "high" and "personal mobile" in finding.message
    assert finding.evidence[0].type == "risk_assessment"


def test_the_risk_rules_make_a_fixed_number_of_queries(world: World, django_assert_max_num_queries: Any) -> None:
    codes = [
        "risk.no_current_assessment",
        "risk.review_overdue",
        "risk.not_updated_after_incident",
        "risk.domain_missing",
        "risk.generic_strategy",
        "risk.boundary_breach",
        "records.assessment_too_long",
        "records.historical_in_current",
        "records.not_child_centred",
    ]
    version(world, ago(30))
    with django_assert_max_num_queries(10) as few:
        run_audit(homes=[world.home_a], as_of=TODAY, codes=codes)
    for _ in range(4):
        child = ChildFactory()
        PlacementFactory(child=child, home=world.home_a, admitted_on=TODAY - datetime.timedelta(days=50))
        approved_assessment(child, world.home_a)
    with django_assert_max_num_queries(len(few)):
        run_audit(homes=[world.home_a], as_of=TODAY, codes=codes)
