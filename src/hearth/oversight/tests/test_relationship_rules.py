"""Exploitation risk and outings, concerns answered, bullying planned for and logged."""

import datetime
from typing import Any

from django.utils import timezone

from hearth.conftest import World
from hearth.incidents import services as incident_services
from hearth.oversight.engine import run_audit
from hearth.records.models import LogEntry
from hearth.records.services import concern_respond, log_entry_create, outing_create
from hearth.risk.services import risk_assessment_approve, risk_assessment_start, risk_item_save
from hearth.risk.tests.factories import item_fields

TODAY = timezone.localdate()


def ago(days: float) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def audit(world: World, code: str) -> list[Any]:
    return run_audit(homes=[world.home_a], as_of=TODAY, codes=[code])


def high_cse(world: World, approved: datetime.datetime) -> None:
    draft = risk_assessment_start(actor=None, child=world.child_a, home=world.home_a, copy_current=False)
    risk_item_save(actor=None, assessment=draft, **item_fields(domain="cse", level="high"))
    risk_assessment_approve(actor=None, assessment=draft, at=approved, approver_name="A Manager")


def outing(world: World, days: float, **kw: Any) -> Any:
    return outing_create(
        actor=None,
        home=world.home_a,
        child=world.child_a,
        kind="outing",
        destination="A friend's flat",
        starts_at=ago(days),
        **kw,
    )


def test_a_high_risk_child_taken_to_an_unchecked_address(world: World) -> None:
    outing(world, 20)  # before the assessment said she was at high risk
    high_cse(world, ago(15))
    unchecked = outing(
        world, 10, address="Flat 3, Canal Street", adults=[{"name": "A man", "relationship": "", "identified": False}]
    )
    outing(world, 5, address="Nan's house", address_verified=True, verification="Visited by the key worker")
    [finding] = audit(world, "protection.unverified_destination")
    assert finding.evidence[0].id == str(unchecked.public_id)
    assert "was not checked" in finding.message and "A man not identified" in finding.message


def entry(world: World, days: float, categories: list[str]) -> LogEntry:
    e = log_entry_create(actor=None, home=world.home_a, children=[world.child_a], occurred_at=ago(days), text="Seen.")
    LogEntry.objects.filter(pk=e.pk).update(indicator_categories=categories)
    e.refresh_from_db()
    return e


def test_an_exploitation_concern_needs_an_answer_within_24_hours(world: World) -> None:
    ignored = entry(world, 6, ["exploitation"])
    answered = entry(world, 5, ["cse"])
    concern_respond(
        actor=None,
        entry=answered,
        response="no_concern",
        reason="Her brother, checked.",
        responded_at=answered.occurred_at + datetime.timedelta(hours=2),
    )
    late = entry(world, 4, ["cce"])
    concern_respond(
        actor=None,
        entry=late,
        response="no_concern",
        reason="Checked days later.",
        responded_at=late.occurred_at + datetime.timedelta(days=2),
    )
    entry(world, 0.5, ["cse"])  # the 24 hours are not up yet
    found = audit(world, "protection.concern_not_actioned")
    assert {f.evidence[0].id for f in found} == {str(ignored.public_id), str(late.public_id)}


def bullying(world: World, days: float, role: str) -> Any:
    return incident_services.incident_create(
        actor=None,
        home=world.home_a,
        type="bullying",
        severity="medium",
        occurred_at=ago(days),
        what_happened="Names called at tea.",
        action_taken="Separated them.",
        children=[(world.child_a, role)],
        risk_domains=["bullying_victim"],
        recorded_at=ago(days - 0.05),
    )


def test_after_bullying_the_child_needs_a_plan_in_a_reviewed_assessment(world: World) -> None:
    bullying(world, 10, "harmed")
    [finding] = audit(world, "bullying.no_plan")
    assert "was bullied" in finding.message
    draft = risk_assessment_start(actor=None, child=world.child_a, home=world.home_a, copy_current=False)
    risk_item_save(actor=None, assessment=draft, **item_fields(domain="bullying_victim"))
    risk_assessment_approve(actor=None, assessment=draft, at=ago(8), approver_name="A Manager")
    assert audit(world, "bullying.no_plan") == []


def test_bullying_described_in_the_log_but_never_logged(world: World) -> None:
    logged = bullying(world, 1, "harmed")
    same_day = entry(world, 1, ["bullying"])
    LogEntry.objects.filter(pk=same_day.pk).update(occurred_at=logged.occurred_at)
    assert audit(world, "bullying.under_recorded") == []  # the entry tells of the logged incident
    other_day = entry(world, 0, ["bullying"])
    # Another day of the same calendar month (the rule counts by month), whatever today is.
    day_before = logged.occurred_at - datetime.timedelta(days=1)
    same_month = timezone.localtime(day_before).month == timezone.localtime(logged.occurred_at).month
    other_when = day_before if same_month else logged.occurred_at + datetime.timedelta(days=1)
    LogEntry.objects.filter(pk=other_day.pk).update(occurred_at=other_when)
    [finding] = audit(world, "bullying.under_recorded")
    assert "holds 1 incident, but the daily log describes 1 more bullying event" in finding.message
