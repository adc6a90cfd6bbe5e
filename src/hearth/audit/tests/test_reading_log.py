"""Every read of a child's or staff member's records leaves an access event; every refusal to a
signed-in person, every wrong second-factor code and every administrator's change to memberships
and second factors leaves a record too (audit/middleware.py, access/admin.py)."""

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from hearth.access.models import Membership
from hearth.audit.models import AccessEvent, AuditEvent, SecurityEvent
from hearth.conftest import World, signed_in_client
from hearth.records.tests.factories import home_records


@pytest.mark.parametrize(
    ("name", "kwargs", "what"),
    [
        ("records:chronology", lambda w, r: {"child_id": w.child_a.public_id}, "the chronology"),
        ("children:detail", lambda w, r: {"child_id": w.child_a.public_id}, "the child's record"),
        ("records:log", lambda w, r: {}, "the daily record"),
        ("records:entry", lambda w, r: {"entry_id": r.entry.public_id}, "the daily record"),
        ("incidents:list", lambda w, r: {}, "incident records"),
        ("incidents:detail", lambda w, r: {"incident_id": r.missing.incident.public_id}, "incident records"),
        ("staff:detail", lambda w, r: {"staff_id": w.staff_a.public_id}, "a staff file"),
    ],
)
def test_each_read_of_records_is_logged(world: World, name: str, kwargs: Any, what: str) -> None:
    records = home_records(world.home_a, world.child_a, world.staff_a)
    manager = world.users["registered_manager"]
    url = reverse(name, kwargs={"home_id": world.home_a.public_id, **kwargs(world, records)})
    assert signed_in_client(manager).get(url).status_code == 200
    event = AccessEvent.objects.get(user=manager)
    assert event.what == what and event.home == world.home_a and event.path == url
    if "child_id" in url or name.startswith("children"):
        assert event.child == world.child_a
    if name.startswith("staff"):
        assert event.staff_member == world.staff_a


def test_the_history_page_says_who_opened_what(world: World) -> None:
    manager = signed_in_client(world.users["registered_manager"])
    kwargs = {"home_id": world.home_a.public_id, "child_id": world.child_a.public_id}
    manager.get(reverse("records:chronology", kwargs=kwargs))
    page = manager.get(reverse("children:history", kwargs=kwargs)).content.decode()
    assert "What they opened" in page and "The chronology" in page


def test_a_page_refused_to_a_signed_in_person_is_recorded(world: World) -> None:
    worker = world.users["support_worker"]
    other = reverse("homes:detail", kwargs={"home_id": world.home_b.public_id})
    assert signed_in_client(worker).get(other).status_code == 404
    refused = SecurityEvent.objects.get(user=worker)
    assert refused.kind == "denied" and refused.status == 404 and refused.path == other


def test_a_wrong_second_factor_code_is_recorded(world: World) -> None:
    manager = world.users["registered_manager"]
    TOTPDevice.objects.create(user=manager, name="phone", confirmed=True)
    client = Client()
    client.force_login(manager)
    client.post(reverse("access:two_factor"), {"token": "000000"})
    assert SecurityEvent.objects.filter(user=manager, kind="second_factor_failed").count() == 1


@pytest.fixture
def administrator(db: Any) -> Any:
    from hearth.access.tests.factories import UserFactory

    admin_user = UserFactory(is_staff=True, is_superuser=True)
    return admin_user


def test_an_administrator_granting_themself_a_membership_is_audited(world: World, administrator: Any) -> None:
    client = signed_in_client(administrator)
    response = client.post(
        reverse("admin:access_membership_add"),
        {
            "user": administrator.pk,
            "role": "registered_manager",
            "home": world.home_a.pk,
            "starts_on": (datetime.date(2026, 11, 1)).isoformat(),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    membership = Membership.objects.get(user=administrator)
    event = AuditEvent.objects.get(object_id=membership.public_id)
    assert event.action == "membership.granted" and event.actor == administrator and "role" in event.changed_fields


def test_the_admin_never_shows_a_second_factor_key(world: World, administrator: Any) -> None:
    device = TOTPDevice.objects.create(user=world.users["registered_manager"], name="phone", confirmed=True)
    client = signed_in_client(administrator)
    for url in (
        reverse("admin:otp_totp_totpdevice_changelist"),
        reverse("admin:otp_totp_totpdevice_change", args=[device.pk]),
    ):
        page = client.get(url).content.decode()
        assert device.key not in page and device.config_url not in page
    client.post(reverse("admin:otp_totp_totpdevice_delete", args=[device.pk]), {"post": "yes"})
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    removed = SecurityEvent.objects.get(kind="second_factor_removed")
    assert removed.user == administrator and removed.about == world.users["registered_manager"].username
