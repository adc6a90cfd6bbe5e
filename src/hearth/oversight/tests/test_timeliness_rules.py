"""Incidents reviewed, restraint signed and the child spoken to, records written promptly."""

import datetime
from typing import Any

from django.utils import timezone

from hearth.conftest import World
from hearth.incidents import services as incident_services
from hearth.oversight.engine import run_audit
from hearth.records.services import log_entry_create

AS_OF = timezone.localdate() - datetime.timedelta(days=3)  # the suite's clock (conftest) sets the day


def at(days_before: float, hour: int = 10) -> datetime.datetime:
    day = AS_OF - datetime.timedelta(days=int(days_before))
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def subjects(world: World, code: str, as_of: datetime.date = AS_OF) -> list[str]:
    return [f.subject.label for f in run_audit(homes=[world.home_a], as_of=as_of, codes=[code])]


def incident(world: World, severity: str, occurred: datetime.datetime, **kw: Any) -> Any:
    return incident_services.incident_create(
        actor=None,
        home=world.home_a,
        type="self_harm" if severity == "high" else "bullying",
        severity=severity,
        occurred_at=occurred,
        what_happened="What happened.",
        action_taken="What staff did.",
        children=[(world.child_a, "subject")],
        recorded_at=occurred + datetime.timedelta(hours=1),
        **kw,
    )


def test_incidents_need_review_within_72_hours_or_24_when_high(world: World) -> None:
    on_time = incident(world, "medium", at(10))
    incident_services.incident_review(
        actor=None, incident=on_time, comment="Seen.", at=at(10) + datetime.timedelta(hours=70)
    )
    late_high = incident(world, "high", at(9))
    incident_services.incident_review(actor=None, incident=late_high, comment="Seen.", at=at(7))
    incident(world, "medium", at(8))  # never reviewed
    incident(world, "medium", at(2))  # not yet due: 72 hours run to the day after AS_OF
    found = run_audit(homes=[world.home_a], as_of=AS_OF, codes=["oversight.incident_not_reviewed"])
    assert sorted(f.message.split(" was ")[1].split(":")[0] for f in found) == [
        "not reviewed",
        f"reviewed late, on {AS_OF - datetime.timedelta(days=7):%-d %B %Y}",
    ]
    # As of the day before the late review (and before the others fell due), it was simply not reviewed.
    before = run_audit(
        homes=[world.home_a], as_of=AS_OF - datetime.timedelta(days=8), codes=["oversight.incident_not_reviewed"]
    )
    assert [f.message.split(" was ")[1].split(":")[0] for f in before] == ["not reviewed"]


def restraint(world: World, occurred: datetime.datetime, recorded: datetime.datetime) -> Any:
    return incident_services.physical_intervention_create(
        actor=None,
        home=world.home_a,
        child=world.child_a,
        occurred_at=occurred,
        recorded_at=recorded,
        location="Kitchen",
        behaviour_before="Throwing plates.",
        steps_tried_first="Talked calmly.",
        technique="Two-person escort",
        duration_minutes=3,
        staff_used=[world.staff_a],
        outcome="Calmed.",
    )


def test_restraint_clocks(world: World) -> None:
    good = restraint(world, at(10), at(10) + datetime.timedelta(hours=2))
    incident_services.physical_intervention_sign(actor=None, intervention=good, comment="Spoke to staff.", at=at(9))
    incident_services.physical_intervention_child_spoken(
        actor=None, intervention=good, comment="Spoke to Alice.", at=at(8)
    )
    bad = restraint(world, at(10, 14), at(8))
    codes = ["restraint.record_late", "restraint.not_signed_off", "restraint.child_not_spoken_to"]
    found = run_audit(homes=[world.home_a], as_of=AS_OF, codes=codes)
    assert sorted(f.code for f in found) == sorted(codes)
    assert {f.subject.id for f in found} == {str(bad.incident.public_id)}
    assert {f.severity for f in found if f.code == "restraint.not_signed_off"} == {"high"}


def test_late_entries(world: World) -> None:
    log_entry_create(
        actor=None, home=world.home_a, children=[world.child_a], occurred_at=at(5), text="Late.", recorded_at=at(3)
    )
    log_entry_create(
        actor=None,
        home=world.home_a,
        children=[world.child_a],
        occurred_at=at(5),
        text="Prompt.",
        recorded_at=at(5, 20),
    )
    assert len(subjects(world, "records.late_entry")) == 1
    assert subjects(world, "records.late_entry", as_of=AS_OF - datetime.timedelta(days=4)) == []  # not yet written


def test_a_late_restraint_record_is_one_finding_and_a_late_signature_is_not_called_missing(world: World) -> None:
    late = restraint(world, at(10), at(8))  # recorded two days after
    incident_services.physical_intervention_sign(actor=None, intervention=late, comment="Spoke to staff.", at=at(6))
    incident_services.physical_intervention_child_spoken(
        actor=None, intervention=late, comment="Spoke to Alice.", at=at(1)
    )
    found = run_audit(
        homes=[world.home_a],
        as_of=AS_OF,
        codes=[
            "restraint.record_late",
            "records.late_entry",
            "restraint.not_signed_off",
            "restraint.child_not_spoken_to",
        ],
    )
    by_code = {f.code: f.message for f in found}
    assert set(by_code) == {"restraint.record_late", "restraint.not_signed_off", "restraint.child_not_spoken_to"}
    assert "was signed, after speaking to the staff, on" in by_code["restraint.not_signed_off"]
    assert "Nobody" not in by_code["restraint.not_signed_off"]
    assert (
        f"about the physical intervention on {AS_OF - datetime.timedelta(days=1):%-d %B %Y}"
        in by_code["restraint.child_not_spoken_to"]
    )
    never = restraint(world, at(12), at(12) + datetime.timedelta(hours=1))
    messages = [
        f.message
        for f in run_audit(homes=[world.home_a], as_of=AS_OF, codes=["restraint.not_signed_off"])
        if f.subject.id == str(never.incident.public_id)
    ]
    assert messages and messages[0].startswith("Nobody has spoken to the staff")
