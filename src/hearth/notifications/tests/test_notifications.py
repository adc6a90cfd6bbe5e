"""Telling the people who must act: who is told, what mail says (never a child's name), digests,
escalation to the responsible individual, and each person's own page."""

import datetime
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from hearth.conftest import World
from hearth.notifications import services
from hearth.notifications.models import MailChoice, Notification
from hearth.oversight.models import StoredFinding
from hearth.oversight.services.stored import homes_refresh
from hearth.oversight.tests.test_live import restraint


def _refresh(world: World, now: datetime.datetime | None = None) -> None:
    homes_refresh([world.home_a], as_of=timezone.localdate(), now=now or timezone.now())


@pytest.fixture(autouse=True)
def watched(world: World) -> None:
    """Hearth has audited the home once already: a home's first audit is its baseline, not news."""
    _refresh(world, timezone.now() - datetime.timedelta(minutes=10))


def test_a_homes_first_audit_is_its_baseline_and_tells_nobody(world: World) -> None:
    from hearth.access.tests.factories import MembershipFactory
    from hearth.incidents import services as incident_services

    MembershipFactory(role="registered_manager", home=world.home_b)

    def late_restraint() -> None:
        at = timezone.now() - datetime.timedelta(hours=60)
        incident_services.physical_intervention_create(
            actor=None, home=world.home_b, child=world.child_b, occurred_at=at, recorded_at=at, location="Hall",
            behaviour_before="Kicking.", steps_tried_first="Talked.", technique="Escort", duration_minutes=2,
            staff_used=[world.staff_b], outcome="Calm.",
        )  # fmt: skip

    late_restraint()
    homes_refresh([world.home_b], as_of=timezone.localdate(), now=timezone.now())
    assert StoredFinding.objects.filter(home=world.home_b, code="restraint.not_signed_off").exists()
    assert not Notification.objects.filter(home=world.home_b).exclude(kind="deadline").exists()
    late_restraint()  # found by a later audit: news
    homes_refresh([world.home_b], as_of=timezone.localdate(), now=timezone.now() + datetime.timedelta(minutes=1))
    assert Notification.objects.filter(home=world.home_b, kind="finding").exists()


def test_a_passed_restraint_deadline_tells_the_homes_managers_by_mail_without_the_childs_name(world: World) -> None:
    for role in ("registered_manager", "deputy_manager", "support_worker"):
        world.users[role].email = f"{role}@example.org"
        world.users[role].save()
    restraint(world, hours_ago=60)
    _refresh(world)
    told = set(Notification.objects.filter(title__icontains="signed").values_list("user__username", flat=True))
    assert told == {world.users["registered_manager"].username, world.users["deputy_manager"].username}
    to = sorted(m.to[0] for m in mail.outbox)
    assert "registered_manager@example.org" in to and "deputy_manager@example.org" in to
    assert "support_worker@example.org" not in to
    for message in mail.outbox:
        assert world.child_a.first_name not in message.subject + message.body
        assert world.child_a.last_name not in message.subject + message.body
        assert "/findings/" in message.body and "sign in" in message.body
    # Seen again by the next audit: nobody is told twice.
    sent = len(mail.outbox)
    _refresh(world, timezone.now() + datetime.timedelta(minutes=5))
    assert len(mail.outbox) == sent


def test_those_who_chose_a_digest_get_one_mail_a_day(world: World) -> None:
    manager = world.users["registered_manager"]
    manager.email = "rm@example.org"
    manager.save()
    services.mail_choice_set(user=manager, mode=MailChoice.Mode.DIGEST)
    restraint(world, hours_ago=60)
    restraint(world, hours_ago=80)
    _refresh(world)
    assert not [m for m in mail.outbox if m.to == ["rm@example.org"]]
    assert services.digests_send(weekly=False) == 1
    [digest] = [m for m in mail.outbox if m.to == ["rm@example.org"]]
    assert "thing(s) to do today" in digest.subject and digest.body.count("/findings/") >= 2
    assert services.digests_send(weekly=False) == 0  # nothing new since


def test_a_high_finding_past_its_due_date_goes_to_the_responsible_individual(world: World) -> None:
    restraint(world, hours_ago=60)
    _refresh(world)
    row = StoredFinding.objects.get(code="restraint.not_signed_off")
    ri = world.users["responsible_individual"]
    mine = Notification.objects.filter(user=ri, key=f"escalation:{row.pk}")
    services.escalations_notify(as_of=row.due)
    assert not mine.exists()  # due today: not yet overdue
    services.escalations_notify(as_of=row.due + datetime.timedelta(days=1))
    [n] = mine
    assert n.kind == Notification.Kind.ESCALATION and world.home_a.name in n.title
    services.escalations_notify(as_of=row.due + datetime.timedelta(days=2))
    assert mine.count() == 1  # told once
    assert not Notification.objects.filter(user=world.users["support_worker"], kind="escalation").exists()


def test_each_person_sees_and_clears_only_their_own(world: World, client_for: Any) -> None:
    restraint(world, hours_ago=60)
    _refresh(world)
    manager = client_for("registered_manager")
    page = manager.get(reverse("notifications:list")).content.decode()
    assert "Things to do (" in page and "signed" in page and world.home_a.name in page
    assert "Things to do (" not in client_for("support_worker").get(reverse("notifications:list")).content.decode()
    mine = Notification.objects.filter(user=world.users["registered_manager"]).first()
    theirs = Notification.objects.filter(user=world.users["deputy_manager"]).first()
    assert mine is not None and theirs is not None
    client_for("registered_manager").post(reverse("notifications:list"), {"notification": str(theirs.pk)})
    theirs.refresh_from_db()
    assert theirs.read_at is None  # another person's is not touched
    client_for("registered_manager").post(reverse("notifications:list"), {"notification": "all"})
    assert not Notification.objects.filter(user=world.users["registered_manager"], read_at__isnull=True).exists()


def test_the_mail_choice_is_saved_and_a_missing_answer_is_named(world: World, client_for: Any) -> None:
    client = client_for("registered_manager")
    empty = client.post(reverse("notifications:mail"), {})
    assert empty.status_code == 200 and "Choose how Hearth should email you" in empty.content.decode()
    client.post(reverse("notifications:mail"), {"mode": "digest"})
    assert MailChoice.objects.get(user=world.users["registered_manager"]).mode == "digest"


def test_managers_are_told_before_the_restraint_clock_runs_out_and_when_a_child_goes_missing(world: World) -> None:
    from hearth.incidents import services as incident_services

    restraint(world, hours_ago=40)  # eight hours left to sign it off (Reg 35(3)(b))
    restraint(world, hours_ago=10)  # 38 hours left: not yet
    incident_services.missing_episode_create(
        actor=None,
        home=world.home_a,
        child=world.child_a,
        whereabouts_known=False,
        last_seen_at=timezone.now() - datetime.timedelta(hours=1),
        last_seen_where="The park",
        circumstances="Did not come back from the park.",
        risk_level="high",
        action_taken="Rang her phone.",
    )
    _refresh(world)
    manager = world.users["registered_manager"]
    titles = list(Notification.objects.filter(user=manager, kind="deadline").values_list("title", flat=True))
    assert len([t for t in titles if t.startswith("Sign off a physical intervention record")]) == 1
    assert [t for t in titles if "is missing" in t] == [
        f"A child from {world.home_a.name} is missing: follow the missing-from-care procedure"
    ]
    assert all(world.child_a.first_name not in t for t in titles)
    _refresh(world, timezone.now() + datetime.timedelta(minutes=5))
    assert Notification.objects.filter(user=manager, kind="deadline").count() == len(titles)  # told once
