"""The education rules of rules.md ("Education"). The suite's clock is Wednesday 25 November 2026,
in the autumn term (from 1 September)."""

import datetime
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from hearth.children.tests.factories import ChildFactory, PlacementFactory
from hearth.conftest import World
from hearth.education.services import absence_action_record, attendance_record, pep_review_record, provision_record
from hearth.oversight.engine import run_audit

TODAY = datetime.date(2026, 11, 25)
CODES = ["education.no_provision", "education.attendance_low", "education.pep_overdue"]


def audit(world: World, code: str, as_of: datetime.date = TODAY) -> list[Any]:
    return run_audit(homes=[world.home_a], as_of=as_of, codes=[code])


def _school(world: World, child: Any, starts: datetime.date, ends: datetime.date | None = None) -> None:
    provision_record(
        actor=None,
        home=world.home_a,
        child=child,
        name="Millbridge Academy",
        kind="school",
        starts_on=starts,
        ends_on=ends,
        recorded_by_name="Sam",
    )


def _school_age(world: World) -> Any:
    world.child_a.date_of_birth = TODAY - datetime.timedelta(days=365 * 13)
    world.child_a.save()
    return world.child_a


def test_a_school_age_child_with_no_education_since_they_came_is_high(world: World) -> None:
    _school_age(world)
    [finding] = audit(world, "education.no_provision")
    assert finding.severity == "high"
    assert "has had no education recorded since they came" in finding.message


def test_ten_school_days_without_education_is_the_line(world: World) -> None:
    child = _school_age(world)
    _school(world, child, TODAY - datetime.timedelta(days=90), ends=datetime.date(2026, 11, 13))
    assert audit(world, "education.no_provision") == []  # 8 school days
    [finding] = audit(world, "education.no_provision", as_of=datetime.date(2026, 11, 27))
    assert "since 13 November 2026 (10 school days)" in finding.message
    _school(world, child, datetime.date(2026, 11, 26))
    assert audit(world, "education.no_provision", as_of=datetime.date(2026, 11, 27)) == []


def test_a_child_over_school_age_is_not_judged_for_provision(world: World) -> None:
    world.child_a.date_of_birth = TODAY - datetime.timedelta(days=365 * 17)
    world.child_a.save()
    assert audit(world, "education.no_provision") == []


def test_attendance_below_90_percent_with_nothing_done_is_found_until_an_action_is_recorded(world: World) -> None:
    child = world.child_a
    day = TODAY
    for n in range(10):  # ten school days: 16 present, 4 absent (80%)
        while day.weekday() >= 5:
            day -= datetime.timedelta(days=1)
        absent = n < 2
        attendance_record(actor=None, home=world.home_a, child=child, on=day, session="am", code="O" if absent else "/")
        attendance_record(
            actor=None, home=world.home_a, child=child, on=day, session="pm", code="O" if absent else "\\"
        )
        day -= datetime.timedelta(days=1)
    [finding] = audit(world, "education.attendance_low")
    assert "attendance over the last four school weeks is 80% (below 90%)" in finding.message
    absence_action_record(actor=None, home=world.home_a, child=child, on=TODAY, action="Met the head of year.")
    assert audit(world, "education.attendance_low") == []


def test_a_pep_not_reviewed_this_term_is_found_after_the_first_six_weeks(world: World) -> None:
    child = _school_age(world)
    pep_review_record(
        actor=None,
        home=world.home_a,
        child=child,
        held_on=datetime.date(2026, 7, 10),
        attended_by="DT",
        targets="Reading.",
    )
    [finding] = audit(world, "education.pep_overdue")
    assert "not been reviewed this autumn term (the last was on 10 July 2026)" in finding.message
    # On 1 October (within six weeks of the term's start), the summer term's review still counts.
    assert audit(world, "education.pep_overdue", as_of=datetime.date(2026, 10, 1)) == []
    pep_review_record(
        actor=None,
        home=world.home_a,
        child=child,
        held_on=datetime.date(2026, 11, 2),
        attended_by="DT",
        targets="Reading.",
    )
    assert audit(world, "education.pep_overdue") == []


def test_the_education_rules_make_the_same_queries_for_one_child_or_many(world: World) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            run_audit(homes=[world.home_a], as_of=TODAY, codes=CODES)
        return len(queries)

    for n in range(5):
        if n == 1:
            few = count()
        child = ChildFactory(date_of_birth=TODAY - datetime.timedelta(days=365 * 12))
        PlacementFactory(child=child, home=world.home_a, admitted_on=TODAY - datetime.timedelta(days=100))
        attendance_record(actor=None, home=world.home_a, child=child, on=TODAY, session="am", code="N")
    assert count() == few
