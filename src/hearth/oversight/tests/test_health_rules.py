"""The health rules of rules.md ("Health"). The suite's clock is 25 November 2026; Alice was
placed 100 days ago (conftest.py)."""

import datetime
from typing import Any

from hearth.conftest import World
from hearth.health.services import health_assessment_record, registration_record
from hearth.oversight.engine import run_audit

TODAY = datetime.date(2026, 11, 25)


def audit(world: World, code: str, as_of: datetime.date = TODAY) -> list[Any]:
    return run_audit(homes=[world.home_a], as_of=as_of, codes=[code])


def test_no_gp_after_14_days_or_dentist_after_28_is_found(world: World) -> None:
    admitted = world.child_a.placements.get().admitted_on
    assert audit(world, "health.not_registered", as_of=admitted + datetime.timedelta(days=14)) == []
    [gp_only] = audit(world, "health.not_registered", as_of=admitted + datetime.timedelta(days=15))
    assert "has no GP registration recorded" in gp_only.message
    [both] = audit(world, "health.not_registered")
    assert "has no GP or dentist registration recorded" in both.message
    registration_record(
        actor=None, home=world.home_a, child=world.child_a, kind="gp", practice="Station Road", registered_on=admitted
    )
    registration_record(
        actor=None, home=world.home_a, child=world.child_a, kind="dentist", practice="Smile", registered_on=admitted
    )
    assert audit(world, "health.not_registered") == []


def test_an_assessment_older_than_12_months_and_none_booked_is_found(world: World) -> None:
    world.child_a.date_of_birth = TODAY - datetime.timedelta(days=365 * 10)
    world.child_a.save()
    health_assessment_record(
        actor=None,
        home=world.home_a,
        child=world.child_a,
        by="LAC nurse",
        held_on=datetime.date(2025, 11, 1),
        outcome="Well.",
    )
    [finding] = audit(world, "health.assessment_overdue")
    assert "due every 12 months and none is booked (the last was on 1 November 2025)" in finding.message
    health_assessment_record(
        actor=None, home=world.home_a, child=world.child_a, by="LAC nurse", booked_for=datetime.date(2026, 12, 3)
    )
    assert audit(world, "health.assessment_overdue") == []


def test_under_five_the_interval_is_six_months(world: World) -> None:
    world.child_a.date_of_birth = TODAY - datetime.timedelta(days=365 * 3)
    world.child_a.save()
    health_assessment_record(
        actor=None,
        home=world.home_a,
        child=world.child_a,
        by="LAC nurse",
        held_on=datetime.date(2026, 5, 1),
        outcome="Well.",
    )
    [finding] = audit(world, "health.assessment_overdue")
    assert "due every 6 months" in finding.message
