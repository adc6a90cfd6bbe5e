"""Missing episodes, Regulation 40 notifications, visitors' contact and the location assessment."""

import datetime
from typing import Any

from django.utils import timezone

from hearth.conftest import World
from hearth.homes.models import LocationRiskAssessment
from hearth.incidents import services as incident_services
from hearth.oversight.engine import run_audit
from hearth.visitors import services as visitor_services

AS_OF = timezone.localdate() - datetime.timedelta(days=3)  # the suite's clock (conftest) sets the day


def at(days_before: int, hour: int = 10) -> datetime.datetime:
    day = AS_OF - datetime.timedelta(days=days_before)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def audit(world: World, code: str, as_of: datetime.date = AS_OF) -> list[Any]:
    return run_audit(homes=[world.home_a], as_of=as_of, codes=[code])


def episode(world: World, risk: str, **kw: Any) -> Any:
    return incident_services.missing_episode_create(
        actor=None,
        home=world.home_a,
        child=world.child_a,
        whereabouts_known=False,
        last_seen_at=at(6),
        last_seen_where="Town centre",
        circumstances="Did not come back from the shop.",
        risk_level=risk,
        action_taken="Rang her phone; searched the park.",
        recorded_at=at(6, 11),
        **kw,
    )


def test_police_must_be_told_for_a_high_risk_child_or_a_long_absence(world: World) -> None:
    high = episode(world, "high")
    told = episode(world, "high", police_informed_at=at(6, 10) + datetime.timedelta(minutes=30))
    short = episode(world, "low")
    incident_services.missing_episode_update(actor=None, episode=short, returned_at=at(6, 12), return_condition="Fine.")
    found = audit(world, "missing.police_not_informed")
    assert [f.subject.id for f in found] == [str(high.incident.public_id)]
    assert str(told.incident.public_id) not in {f.subject.id for f in found}


def test_a_return_interview_is_offered_within_72_hours(world: World) -> None:
    late = episode(world, "low", police_informed_at=at(6, 11))
    incident_services.missing_episode_update(actor=None, episode=late, returned_at=at(6, 20), return_condition="Tired.")
    good = episode(world, "low", police_informed_at=at(6, 11))
    incident_services.missing_episode_update(
        actor=None, episode=good, returned_at=at(6, 20), return_condition="Fine.", return_interview_offered_at=at(5)
    )
    assert [f.subject.id for f in audit(world, "missing.no_return_interview")] == [str(late.incident.public_id)]


def test_a_notifiable_event_goes_to_ofsted_and_the_placing_authority_within_24_hours(world: World) -> None:
    incident = incident_services.incident_create(
        actor=None,
        home=world.home_a,
        type="self_harm",
        severity="high",
        occurred_at=at(5),
        what_happened="Cut her arm.",
        action_taken="First aid; hospital.",
        children=[(world.child_a, "subject")],
        recorded_at=at(5, 11),
    )
    incident_services.notification_record(
        actor=None, incident=incident, recipient="ofsted", sent_at=at(5, 15), method="Portal"
    )
    [finding] = audit(world, "notification.reg40_overdue")
    assert finding.message.endswith("not notified to Placing authority within 24 hours.")
    incident_services.notification_record(
        actor=None, incident=incident, recipient="placing_authority", sent_at=at(5, 16), method="Phone"
    )
    assert audit(world, "notification.reg40_overdue") == []


def test_unsupervised_contact_without_checks_is_one_finding_per_visitor(world: World) -> None:
    son = visitor_services.visitor_create(
        actor=None, home=world.home_a, name="Ryan Lane", kind="staff_relative", relationship="son of the manager"
    )
    for days in (10, 3):
        visitor_services.visit_record(
            actor=None,
            visitor=son,
            arrived_at=at(days),
            reason="Music lesson",
            contact="unsupervised",
            children=[world.child_a],
        )
    tutor = visitor_services.visitor_create(actor=None, home=world.home_a, name="Sam Tutor", kind="tutor")
    visitor_services.visit_record(
        actor=None,
        visitor=tutor,
        arrived_at=at(3),
        reason="Maths",
        contact="supervised",
        children=[world.child_a],
        supervised_by=world.staff_a,
    )
    [finding] = audit(world, "visitor.unchecked_contact")
    assert finding.subject.label == "Ryan Lane (son of the manager)" and len(finding.evidence) == 2
    visitor_services.visitor_record_dbs(
        actor=None, visitor=son, certificate_number="001234567890", issued_on=AS_OF, barred_list_checked=True
    )
    assert audit(world, "visitor.unchecked_contact") == []


def test_the_location_assessment_is_reviewed_yearly(world: World) -> None:
    reviewed = AS_OF - datetime.timedelta(days=386)
    LocationRiskAssessment.objects.filter(home=world.home_a).update(reviewed_on=reviewed)
    [finding] = audit(world, "protection.location_review_overdue")
    assert f"last reviewed on {reviewed:%-d %B %Y}" in finding.message and finding.severity == "low"
    within_a_year = reviewed + datetime.timedelta(days=364)
    assert audit(world, "protection.location_review_overdue", as_of=within_a_year) == []


def outing(world: World, days: int, adults: list[dict[str, Any]], kind: str = "transport", **kw: Any) -> Any:
    from hearth.records.services import outing_create

    return outing_create(
        actor=None,
        home=world.home_a,
        child=world.child_a,
        kind=kind,
        destination="Football training",
        starts_at=at(days),
        address_verified=True,
        verification="Club address, checked by the manager.",
        adults=adults,
        **kw,
    )


def test_a_lift_from_a_staff_members_partner_is_unchecked_contact_like_a_visit(world: World) -> None:
    partner = {"name": "Chris Doyle", "relationship": "Partner of Jo, support worker", "identified": True}
    outing(world, 6, [partner])
    outing(world, 4, [partner])
    outing(world, 5, [{"name": "Margaret Grey", "relationship": "Grandmother", "identified": True}])
    outing(world, 5, [{"name": "Pat Smith", "relationship": "Social worker", "identified": True}])
    outing(world, 5, [{"name": "A man at the door", "relationship": "", "identified": False}])  # the address rule's
    outing(
        world,
        5,
        [{"name": "Dee Coach", "relationship": "Volunteer", "identified": True}],
        kind="outing",
        staff=[world.staff_a],
    )
    [finding] = audit(world, "visitor.unchecked_contact")
    assert finding.subject.label.startswith("Chris Doyle (Partner of Jo") and len(finding.evidence) == 2
    assert "2 outings or lifts" in finding.message and "without staff throughout" in finding.message
    vetted = visitor_services.visitor_create(actor=None, home=world.home_a, name="chris  doyle", kind="staff_relative")
    visitor_services.visitor_record_dbs(
        actor=None, visitor=vetted, certificate_number="001234567890", issued_on=AS_OF, barred_list_checked=True
    )
    assert audit(world, "visitor.unchecked_contact") == []


def test_a_persons_visits_and_outings_are_one_finding(world: World) -> None:
    son = visitor_services.visitor_create(
        actor=None, home=world.home_a, name="Ryan Lane", kind="staff_relative", relationship="son of the manager"
    )
    visitor_services.visit_record(
        actor=None, visitor=son, arrived_at=at(9), reason="Music", contact="unsupervised", children=[world.child_a]
    )
    outing(world, 5, [{"name": "Ryan Lane", "relationship": "Son of the manager", "identified": True}])
    [finding] = audit(world, "visitor.unchecked_contact")
    assert finding.subject.label == "Ryan Lane (son of the manager)"
    assert "1 visit and 1 outing or lift" in finding.message and len(finding.evidence) == 2
