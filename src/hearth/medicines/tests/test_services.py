import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from hearth.audit.models import AuditEvent
from hearth.conftest import World
from hearth.medicines.models import DoseRecord, Prescription, StockEntry
from hearth.medicines.schedule import local_moment
from hearth.medicines.services import dose_record, prescription_record, remedy_consent_record, stock_entry_record
from hearth.medicines.tests.factories import as_needed, regular


def _today_at(hhmm: str) -> datetime.datetime:
    return local_moment(timezone.localdate(), datetime.time.fromisoformat(hhmm))


def test_a_scheduled_dose_is_recorded_once_and_signed(world: World) -> None:
    p = regular(world)
    worker = world.users["support_worker"]
    dose = dose_record(actor=worker, prescription=p, outcome="given", scheduled_for=_today_at("08:00"))
    # Recorded at 10:30 (the suite's clock): the MAR shows when it was given, beside the time it was due.
    assert dose.given_by_name == worker.get_full_name()
    assert abs(dose.at - timezone.now()) < datetime.timedelta(seconds=5)
    assert dose.scheduled_for == _today_at("08:00")
    with pytest.raises(ValidationError, match="08:00 dose of Sertraline 50 mg tablets was already recorded as given"):
        dose_record(actor=world.users["senior"], prescription=p, outcome="refused", scheduled_for=_today_at("08:00"))
    assert DoseRecord.objects.count() == 1
    assert AuditEvent.objects.filter(object_id=dose.public_id, action="dose.given").exists()


def test_a_scheduled_dose_is_not_given_more_than_an_hour_early(world: World) -> None:
    p = regular(world, times=("20:00",))
    with pytest.raises(ValidationError) as exc:
        dose_record(
            actor=world.users["support_worker"], prescription=p, outcome="given", scheduled_for=_today_at("20:00")
        )
    assert exc.value.message_dict["at"] == ["This dose is not due until 20:00: it can be given from 19:00."]


def test_a_dose_not_at_a_prescribed_time_is_refused(world: World) -> None:
    p = regular(world)
    with pytest.raises(ValidationError, match="is not due at 09:00"):
        dose_record(
            actor=world.users["support_worker"], prescription=p, outcome="given", scheduled_for=_today_at("09:00")
        )


def test_not_given_needs_a_reason_and_refused_does_not(world: World) -> None:
    p = regular(world)
    with pytest.raises(ValidationError) as exc:
        dose_record(
            actor=world.users["support_worker"], prescription=p, outcome="not_given", scheduled_for=_today_at("08:00")
        )
    assert "Say why the dose was not given" in exc.value.message_dict["reason"][0]
    refused = dose_record(
        actor=world.users["support_worker"], prescription=p, outcome="refused", scheduled_for=_today_at("08:00")
    )
    assert refused.outcome == "refused"


def test_an_as_needed_dose_too_soon_is_refused_naming_the_interval_and_when_it_may_be_given(world: World) -> None:
    p = as_needed(world)
    worker = world.users["support_worker"]
    now = timezone.now()
    dose_record(actor=worker, prescription=p, outcome="given", at=now - datetime.timedelta(hours=3))
    with pytest.raises(ValidationError) as exc:
        dose_record(actor=worker, prescription=p, outcome="given", at=now)
    message = exc.value.message_dict["at"][0]
    assert "needs at least 4 hours between doses" in message
    last = timezone.localtime(now - datetime.timedelta(hours=3))
    assert f"A dose was given at {last:%H:%M}" in message
    assert f"from {last + datetime.timedelta(hours=4):%H:%M}" in message
    assert DoseRecord.objects.filter(prescription=p).count() == 1


def test_the_most_in_24_hours_is_enforced(world: World) -> None:
    p = as_needed(world, max_doses_per_day=2, min_hours_between=Decimal(1))
    worker = world.users["support_worker"]
    now = timezone.now()
    for hours in (10, 5):
        dose_record(actor=worker, prescription=p, outcome="given", at=now - datetime.timedelta(hours=hours))
    with pytest.raises(ValidationError, match="at most 2 times in 24 hours, and 2 doses were given since"):
        dose_record(actor=worker, prescription=p, outcome="given", at=now)
    # A refusal is not a dose given: it is recorded whatever the limits.
    assert dose_record(actor=worker, prescription=p, outcome="refused", at=now).outcome == "refused"


def test_records_from_elsewhere_load_as_they_were_and_the_rules_judge_them(world: World) -> None:
    p = as_needed(world)
    now = timezone.now()
    dose_record(actor=None, prescription=p, outcome="given", at=now - datetime.timedelta(hours=1), given_by_name="A")
    dose = dose_record(actor=None, prescription=p, outcome="given", at=now, given_by_name="B", enforce_checks=False)
    assert dose.pk is not None


def test_a_homely_remedy_needs_consent_from_someone_with_parental_responsibility(world: World) -> None:
    p = as_needed(world, kind=Prescription.Kind.HOMELY_REMEDY, medicine="Cetirizine 10 mg")
    worker = world.users["support_worker"]
    with pytest.raises(ValidationError, match="no one with parental responsibility has consented"):
        dose_record(actor=worker, prescription=p, outcome="given")
    remedy_consent_record(
        actor=world.users["senior"],
        home=world.home_a,
        child=world.child_a,
        given_by="Jo Smith, social worker",
        remedies="Antihistamine",
        given_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    assert dose_record(actor=worker, prescription=p, outcome="given").outcome == "given"


def test_a_controlled_drug_is_witnessed_by_someone_else_and_its_stock_book_too(world: World) -> None:
    p = regular(world, times=("08:00",), controlled=True, medicine="Methylphenidate 10 mg")
    worker = world.users["support_worker"]
    me = worker.get_full_name()
    with pytest.raises(ValidationError) as exc:
        dose_record(actor=worker, prescription=p, outcome="given", scheduled_for=_today_at("08:00"))
    assert "second member of staff as witness" in exc.value.message_dict["witness"][0]
    with pytest.raises(ValidationError, match="someone other than the person giving"):
        dose_record(actor=worker, prescription=p, outcome="given", scheduled_for=_today_at("08:00"), witness_name=me)
    dose_record(
        actor=worker, prescription=p, outcome="given", scheduled_for=_today_at("08:00"), witness_name="Sam Senior"
    )
    with pytest.raises(ValidationError) as exc:
        stock_entry_record(actor=worker, prescription=p, kind="count", quantity=Decimal(27), witness_name="")
    assert "Every entry in the controlled drugs book is witnessed" in exc.value.message_dict["witness"][0]
    entry = stock_entry_record(actor=worker, prescription=p, kind="received", quantity=Decimal(28), witness_name="Sam")
    assert entry.kind == StockEntry.Kind.RECEIVED


def test_a_prescription_says_everything_missing_at_once(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        prescription_record(
            actor=world.users["senior"],
            home=world.home_a,
            child=world.child_a,
            medicine="",
            dose="",
            kind=Prescription.Kind.AS_NEEDED,
            starts_on=timezone.localdate(),
            ends_on=timezone.localdate() - datetime.timedelta(days=1),
        )
    assert set(exc.value.message_dict) == {
        "medicine",
        "dose",
        "max_doses_per_day",
        "min_hours_between",
        "when_needed",
        "ends_on",
    }
    with pytest.raises(ValidationError) as exc:
        prescription_record(
            actor=world.users["senior"],
            home=world.home_a,
            child=world.child_a,
            medicine="Melatonin",
            dose="2 mg",
            kind=Prescription.Kind.REGULAR,
            times=["21:00", "9pm"],
            starts_on=timezone.localdate(),
        )
    assert "“9pm” is not a time of day" in exc.value.message_dict["times"][0]


@time_machine.travel(datetime.datetime(2027, 3, 28, 10, 0, tzinfo=datetime.UTC), tick=False)
def test_on_the_day_the_clocks_go_forward_the_8am_dose_is_at_8am_local(world: World) -> None:
    p = regular(world, times=("08:00",))
    due = local_moment(datetime.date(2027, 3, 28), datetime.time(8))
    assert due.astimezone(datetime.UTC).hour == 7
    assert dose_record(actor=world.users["support_worker"], prescription=p, outcome="given", scheduled_for=due)
