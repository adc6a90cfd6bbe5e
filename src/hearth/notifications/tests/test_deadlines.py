"""The clocks told before they run out (``notifications/deadlines.py``): who hears of each, when,
in words without the child's name, once; and the quarter-hourly sweep that tells them without a save."""

import datetime
from typing import Any

import pytest
from django.utils import timezone

from hearth.access.models import Membership
from hearth.conftest import World
from hearth.incidents import services as incident_services
from hearth.notifications.models import Notification
from hearth.notifications.services import deadlines_notify_homes
from hearth.oversight.services.actions import action_create
from hearth.oversight.tasks import deadlines_sweep
from hearth.oversight.tests.test_live import restraint


def _titles(user: Any) -> list[str]:
    return sorted(Notification.objects.filter(user=user, kind="deadline").values_list("title", flat=True))


def _high_incident(world: World, *, hours_ago: float, actor: Any) -> Any:
    return incident_services.incident_create(
        actor=actor,
        home=world.home_a,
        type="self_harm",
        severity="high",
        occurred_at=timezone.now() - datetime.timedelta(hours=hours_ago),
        what_happened="Cut her arm in the bathroom.",
        action_taken="First aid; ambulance called.",
        children=[(world.child_a, "subject")],
    )


@pytest.fixture
def now() -> datetime.datetime:
    return timezone.now()


def test_a_reg40_notification_due_tells_the_managers_and_the_writer_until_both_bodies_are_told(
    world: World, now: datetime.datetime
) -> None:
    writer = world.users["support_worker"]
    incident = _high_incident(world, hours_ago=2, actor=writer)
    _high_incident(world, hours_ago=30, actor=writer)  # past its 24 hours: a finding, not a reminder
    deadlines_notify_homes([world.home_a], now=now)
    for role in ("registered_manager", "deputy_manager", "support_worker"):
        [title] = _titles(world.users[role])
        assert title.startswith(f"Notify Ofsted and the placing authority of an incident at {world.home_a.name} by ")
        assert title.endswith("(Regulation 40(4))") and world.child_a.first_name not in title
    assert not _titles(world.users["responsible_individual"])
    Notification.objects.all().delete()
    incident_services.notification_record(actor=writer, incident=incident, recipient="ofsted", sent_at=now)
    deadlines_notify_homes([world.home_a], now=now)
    [title] = _titles(world.users["registered_manager"])
    assert title.startswith("Notify the placing authority of an incident")  # Ofsted is told: only the other is due
    Notification.objects.all().delete()
    incident_services.notification_record(actor=writer, incident=incident, recipient="placing_authority", sent_at=now)
    deadlines_notify_homes([world.home_a], now=now)
    assert not _titles(world.users["registered_manager"])


def test_a_writer_who_no_longer_works_at_the_home_is_not_told(world: World, now: datetime.datetime) -> None:
    writer = world.users["support_worker"]
    _high_incident(world, hours_ago=2, actor=writer)
    Membership.objects.filter(user=writer).update(ends_on=timezone.localdate(now))
    deadlines_notify_homes([world.home_a], now=now)
    assert not _titles(writer) and _titles(world.users["registered_manager"])


def test_the_longer_clocks_are_told_within_a_day_of_running_out(world: World, now: datetime.datetime) -> None:
    restraint(world, hours_ago=100)  # the child to be spoken to within 5 days: 20 hours left
    restraint(world, hours_ago=50)  # 70 hours left: not yet; and past its sign-off, a finding instead
    back = incident_services.missing_episode_create(
        actor=world.users["support_worker"],
        home=world.home_a,
        child=world.child_a,
        whereabouts_known=False,
        last_seen_at=now - datetime.timedelta(hours=62),
        last_seen_where="The park",
        circumstances="Did not come back from the park.",
        risk_level="medium",
        action_taken="Rang her phone; told the police.",
    )
    incident_services.missing_episode_update(
        actor=None, episode=back, returned_at=now - datetime.timedelta(hours=60), return_condition="Tired, unhurt."
    )
    deadlines_notify_homes([world.home_a], now=now)
    titles = _titles(world.users["registered_manager"])
    assert [t for t in titles if t.startswith("Speak to the child about a physical intervention")] != []
    assert len([t for t in titles if "Regulation 35(3)(c)" in t]) == 1
    assert [t for t in titles if t.startswith(f"Offer a return home interview to a child back at {world.home_a.name}")]
    assert not [t for t in titles if "is missing" in t]  # back now
    assert [t for t in _titles(world.users["support_worker"]) if "return home interview" in t]  # the writer too
    incident_services.missing_episode_update(
        actor=None, episode=back, return_interview_offered_at=now - datetime.timedelta(hours=1)
    )
    Notification.objects.all().delete()
    deadlines_notify_homes([world.home_a], now=now)
    assert not [t for t in _titles(world.users["registered_manager"]) if "return home interview" in t]


def test_an_action_due_today_or_tomorrow_tells_its_owner_and_the_managers_once(world: World) -> None:
    owner = world.users["support_worker"]
    world.staff_a.user = owner
    world.staff_a.save()
    today = timezone.localdate()
    for days, title in ((1, "Fix the fire door"), (5, "Repaint the lounge")):
        action_create(
            actor=None,
            home=world.home_a,
            source="finding",
            finding_code="oversight.action_overdue",
            finding_subject=f"test:{days}",
            title=title,
            due_on=today + datetime.timedelta(days=days),
            owner=world.staff_a,
        )
    deadlines_sweep.call()
    assert _titles(owner) == [f"An action at {world.home_a.name} is due tomorrow"]
    assert _titles(world.users["registered_manager"]) == [f"An action at {world.home_a.name} is due tomorrow"]
    deadlines_sweep.call()
    assert Notification.objects.filter(user=owner).count() == 1  # told once


def test_a_complaint_due_tomorrow_and_a_notice_due_soon_tell_the_managers(world: World) -> None:
    from hearth.complaints.tests.factories import complaint_received
    from hearth.notices.services import home_notice_record

    complaint_received(world.home_a, world.child_a, days_ago=27)  # due tomorrow
    complaint_received(world.home_a, days_ago=10)  # due in 18 days: not yet
    home_notice_record(  # due tomorrow: a week after the change
        actor=None,
        home=world.home_a,
        kind="ri_change",
        event_on=timezone.localdate() - datetime.timedelta(days=6),
        details="A new responsible individual.",
    )
    deadlines_sweep.call()
    titles = _titles(world.users["registered_manager"])
    assert f"The response to a complaint at {world.home_a.name} is due tomorrow (Regulation 39)" in titles
    assert any(t.startswith(f"Send Ofsted the notice about {world.home_a.name} by ") for t in titles)
    assert len(titles) == 2 and not any(world.child_a.first_name in t for t in titles)
    assert _titles(world.users["support_worker"]) == []
