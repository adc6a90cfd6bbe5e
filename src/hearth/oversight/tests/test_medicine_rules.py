"""The medication rules of rules.md ("Health"): doses recorded, as-needed limits, controlled drugs,
medication errors reviewed, homely remedies with consent. The suite's clock is 25 November 2026, 10:30."""

import datetime
from decimal import Decimal
from typing import Any

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hearth.conftest import World
from hearth.incidents.models import Incident
from hearth.incidents.services import incident_create, incident_review
from hearth.medicines.models import Prescription
from hearth.medicines.schedule import local_moment
from hearth.medicines.services import dose_record, remedy_consent_record, stock_entry_record
from hearth.medicines.tests.factories import as_needed, regular
from hearth.oversight.engine import run_audit

TODAY = datetime.date(2026, 11, 25)


def at(day_offset: int, hhmm: str) -> datetime.datetime:
    return local_moment(TODAY + datetime.timedelta(days=day_offset), datetime.time.fromisoformat(hhmm))


def audit(world: World, code: str, as_of: datetime.date = TODAY) -> list[Any]:
    return run_audit(homes=[world.home_a], as_of=as_of, codes=[code])


def _record_all_but(p: Prescription, missing: set[datetime.datetime], days: int = 3) -> None:
    for offset in range(-days, 1):
        for hhmm in p.times:
            due = at(offset, hhmm)
            if due not in missing and due < timezone.now():
                dose_record(actor=None, prescription=p, outcome="given", scheduled_for=due, at=due, given_by_name="Sam")


def test_a_dose_with_nothing_recorded_two_hours_after_it_was_due_is_high(world: World) -> None:
    p = regular(world, days_ago=3, times=("08:00", "20:00"))
    _record_all_but(p, {at(-1, "20:00"), at(0, "08:00")})
    [finding] = audit(world, "medication.dose_not_recorded")
    assert finding.severity == "high"
    assert "2 scheduled doses with nothing recorded: 20:00 on 24 November 2026, 08:00 on 25 November 2026" in (
        finding.message
    )


def test_a_dose_is_not_a_finding_until_two_hours_after_it_was_due(world: World) -> None:
    p = regular(world, days_ago=0, times=("09:00",))  # the clock says 10:30
    assert audit(world, "medication.dose_not_recorded") == []
    with time_machine.travel(at(0, "11:01"), tick=False):
        [finding] = audit(world, "medication.dose_not_recorded")
    assert "1 scheduled dose with nothing recorded: 09:00 on 25 November 2026" in finding.message
    assert finding.subject.label == f"{p.medicine} for {world.child_a.display_name}"


def test_refused_and_not_given_count_as_recorded(world: World) -> None:
    p = regular(world, days_ago=1, times=("08:00",))
    dose_record(
        actor=None,
        prescription=p,
        outcome="refused",
        scheduled_for=at(-1, "08:00"),
        at=at(-1, "08:00"),
        given_by_name="Sam",
    )
    dose_record(
        actor=None,
        prescription=p,
        outcome="not_given",
        scheduled_for=at(0, "08:00"),
        at=at(0, "08:00"),
        reason="At hospital",
        given_by_name="Sam",
    )
    assert audit(world, "medication.dose_not_recorded") == []


def test_a_prn_dose_too_soon_or_over_the_daily_limit_is_found(world: World) -> None:
    p = as_needed(world, max_doses_per_day=2, min_hours_between=Decimal(4))
    for when in (at(-1, "09:00"), at(-1, "11:00"), at(-1, "18:00")):
        dose_record(actor=None, prescription=p, outcome="given", at=when, given_by_name="Sam", enforce_checks=False)
    found = audit(world, "medication.prn_over_limit")
    messages = sorted(f.message for f in found)
    assert len(found) == 2
    assert (
        "at 11:00 on 24 November 2026 by Sam: 2.0 hours after the last, where at least 4 hours are needed"
        in messages[0]
    )
    assert "at 18:00 on 24 November 2026 by Sam: dose 3 in 24 hours, where the most is 2" in messages[1]


def test_a_count_that_differs_from_the_running_balance_and_an_unwitnessed_dose_are_found(world: World) -> None:
    p = regular(world, days_ago=2, times=("08:00",), controlled=True, medicine="Methylphenidate 10 mg")
    stock_entry_record(
        actor=None,
        prescription=p,
        kind="received",
        quantity=Decimal(28),
        witness_name="B",
        at=at(-3, "12:00"),
        recorded_by_name="A",
    )
    dose_record(
        actor=None,
        prescription=p,
        outcome="given",
        scheduled_for=at(-2, "08:00"),
        at=at(-2, "08:00"),
        witness_name="B",
        given_by_name="A",
    )
    dose_record(
        actor=None,
        prescription=p,
        outcome="given",
        scheduled_for=at(-1, "08:00"),
        at=at(-1, "08:00"),
        given_by_name="A",
        enforce_checks=False,
    )
    stock_entry_record(
        actor=None,
        prescription=p,
        kind="count",
        quantity=Decimal(26),
        witness_name="B",
        at=at(-1, "12:00"),
        recorded_by_name="A",
    )
    [unwitnessed] = audit(world, "medication.controlled_balance")  # the count of 26 matches: 28 less 2 given
    assert unwitnessed.message == (
        f"Methylphenidate 10 mg (a controlled drug) was given to {world.child_a.display_name} "
        "at 08:00 on 24 November 2026 by A with no second witness recorded."
    )
    # A count of 25 when 26 should be there (and the dose given after it is not counted against it).
    stock_entry_record(
        actor=None,
        prescription=p,
        kind="count",
        quantity=Decimal(25),
        witness_name="B",
        at=at(-1, "13:00"),
        recorded_by_name="A",
    )
    dose_record(
        actor=None,
        prescription=p,
        outcome="given",
        scheduled_for=at(0, "08:00"),
        at=at(0, "08:00"),
        witness_name="B",
        given_by_name="A",
    )
    messages = [f.message for f in audit(world, "medication.controlled_balance")]
    assert any("found 25, but the controlled drugs record says 26 should be there" in m for m in messages)


def test_a_medication_error_not_reviewed_in_24_hours_is_found_until_reviewed(world: World) -> None:
    incident = incident_create(
        actor=world.users["support_worker"],
        home=world.home_a,
        type=Incident.Type.MEDICATION_ERROR,
        severity="medium",
        occurred_at=at(-2, "08:00"),
        what_happened="Gave the 08:00 dose twice.",
        action_taken="Rang 111; advice followed.",
        children=[(world.child_a, "subject")],
    )
    [finding] = audit(world, "medication.error_not_reviewed")
    assert "The medication error at 08:00 on 23 November 2026 was not reviewed" in finding.message
    incident_review(actor=world.users["registered_manager"], incident=incident, comment="Checked; staff retrained.")
    [late] = audit(world, "medication.error_not_reviewed")
    assert "was reviewed late" in late.message
    assert audit(world, "medication.error_not_reviewed", as_of=TODAY - datetime.timedelta(days=2)) == []


def test_a_homely_remedy_given_without_consent_is_found(world: World) -> None:
    p = as_needed(world, kind=Prescription.Kind.HOMELY_REMEDY, medicine="Cetirizine 10 mg")
    dose_record(
        actor=None, prescription=p, outcome="given", at=at(-5, "10:00"), given_by_name="Sam", enforce_checks=False
    )
    remedy_consent_record(
        actor=None,
        home=world.home_a,
        child=world.child_a,
        given_by="Jo, social worker",
        remedies="Antihistamine",
        given_on=TODAY - datetime.timedelta(days=3),
    )
    dose_record(actor=None, prescription=p, outcome="given", at=at(-1, "10:00"), given_by_name="Sam")
    [finding] = audit(world, "medication.no_consent")
    assert "at 10:00 on 20 November 2026 with no consent recorded" in finding.message


def test_the_medication_rules_make_the_same_queries_for_one_child_or_many(world: World) -> None:
    codes = [
        "medication.dose_not_recorded",
        "medication.prn_over_limit",
        "medication.controlled_balance",
        "medication.error_not_reviewed",
        "medication.no_consent",
    ]

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            run_audit(homes=[world.home_a], as_of=TODAY, codes=codes)
        return len(queries)

    for n in range(5):
        if n == 1:
            few = count()
        p = regular(world, days_ago=5, controlled=True, medicine=f"Medicine {n}")
        stock_entry_record(
            actor=None,
            prescription=p,
            kind="count",
            quantity=Decimal(3),
            witness_name="B",
            at=at(-1, "12:00"),
            recorded_by_name="A",
        )
        q = as_needed(world, medicine=f"Remedy {n}", kind=Prescription.Kind.HOMELY_REMEDY)
        dose_record(
            actor=None, prescription=q, outcome="given", at=at(-1, "10:00"), given_by_name="A", enforce_checks=False
        )
    assert count() == few
