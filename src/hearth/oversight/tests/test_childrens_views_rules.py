"""The children's-views rules of rules.md: key work every 14 days, and the child's own views in
their plan and risk assessment. The suite's clock is 25 November 2026."""

import datetime
from typing import Any

from django.utils import timezone

from hearth.children.models import PlacementPlan
from hearth.conftest import World
from hearth.keywork.services import keywork_record
from hearth.oversight.engine import run_audit
from hearth.records.services import log_entry_create

TODAY = datetime.date(2026, 11, 25)


def audit(world: World, code: str, as_of: datetime.date = TODAY) -> list[Any]:
    return run_audit(homes=[world.home_a], as_of=as_of, codes=[code])


def _session(world: World, days_ago: int) -> None:
    keywork_record(
        actor=None,
        home=world.home_a,
        child=world.child_a,
        held_at=timezone.now() - datetime.timedelta(days=days_ago),
        topics="School",
        what_was_done="Talked.",
        worker_name="Sam",
    )


def test_key_work_lapsed_after_14_days_and_a_key_work_log_entry_counts(world: World) -> None:
    [finding] = audit(world, "views.keywork_lapsed")
    assert "No key-work session with Alice" in finding.message and "since they came" in finding.message
    _session(world, 20)
    [finding] = audit(world, "views.keywork_lapsed")
    assert "since 5 November 2026" in finding.message
    log_entry_create(
        actor=world.users["support_worker"],
        home=world.home_a,
        children=[world.child_a],
        kind="key_work",
        occurred_at=timezone.now() - datetime.timedelta(days=3),
        text="Key work about school.",
    )
    assert audit(world, "views.keywork_lapsed") == []
    # As of 4 days ago, that entry was not yet written, and the session was 16 days old.
    assert audit(world, "views.keywork_lapsed", as_of=TODAY - datetime.timedelta(days=4))


def test_a_plan_without_the_childs_views_is_found(world: World) -> None:
    _session(world, 1)
    placement = world.child_a.placements.get()
    PlacementPlan.objects.create(
        placement=placement,
        agreed_on=TODAY - datetime.timedelta(days=90),
        agreed_with="SW",
        summary="Plan",
        child_views="",
        recorded_by_name="RM",
    )
    [finding] = audit(world, "views.child_not_heard")
    assert "own views are not recorded in their current placement plan of 27 August 2026" in finding.message
    PlacementPlan.objects.create(
        placement=placement,
        agreed_on=TODAY - datetime.timedelta(days=10),
        agreed_with="SW",
        summary="Plan",
        child_views="I want to stay here.",
        recorded_by_name="RM",
    )
    assert audit(world, "views.child_not_heard") == []


def test_the_views_health_and_family_rules_make_the_same_queries_for_one_child_or_many(world: World) -> None:
    from decimal import Decimal

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from hearth.children.tests.factories import ChildFactory, PlacementFactory
    from hearth.family.services import money_entry_record
    from hearth.family.tests.factories import family_records
    from hearth.health.services import health_assessment_record, registration_record

    codes = [
        "views.keywork_lapsed",
        "views.child_not_heard",
        "health.not_registered",
        "health.assessment_overdue",
        "contact.plan_not_followed",
        "money.not_reconciled",
    ]

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            run_audit(homes=[world.home_a], as_of=TODAY, codes=codes)
        return len(queries)

    for n in range(5):
        if n == 1:
            few = count()
        child = ChildFactory()
        PlacementFactory(child=child, home=world.home_a, admitted_on=TODAY - datetime.timedelta(days=100))
        keywork_record(
            actor=None,
            home=world.home_a,
            child=child,
            held_at=timezone.now(),
            topics="x",
            what_was_done="y",
            worker_name="Sam",
        )
        registration_record(actor=None, home=world.home_a, child=child, kind="gp", practice="P", registered_on=TODAY)
        health_assessment_record(actor=None, home=world.home_a, child=child, by="Nurse", booked_for=TODAY)
        family_records(world.home_a, child)
        money_entry_record(
            actor=None,
            home=world.home_a,
            child=child,
            account="pocket",
            on=TODAY,
            amount=Decimal(5),
            what="Pocket money",
        )
    assert count() == few
