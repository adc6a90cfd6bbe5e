"""A home's people in the browser: invitations, roles, ending access (and every session with it),
and resetting a lost second factor."""

import datetime
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from hearth.access.models import Invitation, Membership, SignedInSession
from hearth.access.people import invitation_accept, invitation_send, membership_end
from hearth.audit.models import AuditEvent, SecurityEvent
from hearth.conftest import World, signed_in_client
from hearth.staff.tests.factories import StaffMemberFactory

GOOD_PASSWORD = "correct horse battery staple"


def _invite(world: World, role: str = "support_worker", by: str = "registered_manager", **extra: Any) -> Any:
    return invitation_send(
        actor=world.users[by],
        home=world.home_a,
        first_name="Nia",
        last_name="Newstart",
        email="nia@example.org",
        role=role,
        starts_on=timezone.localdate(),
        **extra,
    )


def test_an_invitation_is_mailed_works_once_and_gives_the_role(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        sent = _invite(world)
    assert len(mail.outbox) == 1 and sent.link in mail.outbox[0].body
    assert "Alpha House" in mail.outbox[0].subject
    client = Client()
    path = urlsplit(sent.link).path
    page = client.post(path, {"username": "", "password": "short", "password_again": "other"}).content.decode()
    for message in ("Fill in “Choose a username”.", "The two passwords are not the same"):
        assert message in page  # every error at once, each naming its field
    weak = client.post(path, {"username": "nia", "password": "password1234", "password_again": "password1234"})
    assert "too common" in weak.content.decode()
    done = client.post(path, {"username": "nia.n", "password": GOOD_PASSWORD, "password_again": GOOD_PASSWORD})
    assert done.status_code == 302 and done.url == reverse("core:start")
    user = get_user_model().objects.get(username="nia.n")
    assert user.check_password(GOOD_PASSWORD) and user.first_name == "Nia"
    membership = Membership.objects.get(user=user)
    assert (membership.home, membership.role) == (world.home_a, "support_worker")
    granted = AuditEvent.objects.get(action="membership.granted", object_id=membership.public_id)
    assert granted.actor == world.users["registered_manager"]  # the role is given by who invited
    again = Client().get(path)
    assert again.status_code == 410 and "already been used" in again.content.decode()
    token = path.rstrip("/").rsplit("/", 1)[-1]
    assert not SecurityEvent.objects.filter(path__contains=token).exists()  # the token is never written down


def test_a_manager_invited_sets_up_the_authenticator_straight_away(world: World) -> None:
    sent = _invite(world, role="deputy_manager")
    client = Client()
    done = client.post(
        urlsplit(sent.link).path, {"username": "nia.d", "password": GOOD_PASSWORD, "password_again": GOOD_PASSWORD}
    )
    assert done.url == reverse("access:two_factor_setup")
    page = client.get(done.url).content.decode()
    assert "<svg" in page  # the key is shown: no separate set-up code needed


def test_an_expired_withdrawn_or_guessed_link_does_nothing(world: World, clock: Any) -> None:
    first = _invite(world)
    second = _invite(world)  # the same person again: the first stops working
    assert Invitation.objects.get(pk=first.invitation.pk).withdrawn_at is not None
    assert "replaced by a newer invitation" in Client().get(urlsplit(first.link).path).content.decode()
    clock.shift(datetime.timedelta(hours=73))
    assert "expired" in Client().get(urlsplit(second.link).path).content.decode()
    with pytest.raises(ValidationError):
        invitation_accept(invitation=second.invitation, username="late", password=GOOD_PASSWORD)
    assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.INVITATION_FAILED).count() == 2
    assert not SecurityEvent.objects.filter(path__contains=urlsplit(second.link).path.rsplit("/", 2)[-2]).exists()


def test_the_registered_manager_cannot_appoint_a_registered_manager_nor_change_themself(
    world: World, client_for: Any
) -> None:
    manager = client_for("registered_manager")
    page = manager.get(reverse("people:invite", kwargs={"home_id": world.home_a.public_id})).content.decode()
    assert "Deputy manager" in page and 'value="registered_manager"' not in page
    own = world.users["registered_manager"].memberships.get()
    assert (
        manager.get(
            reverse("people:end", kwargs={"home_id": world.home_a.public_id, "membership_id": own.public_id})
        ).status_code
        == 404
    )
    ri = client_for("responsible_individual")
    page = ri.get(reverse("people:invite", kwargs={"home_id": world.home_a.public_id})).content.decode()
    assert 'value="registered_manager"' in page


def test_ending_access_today_refuses_the_next_request_of_a_session_already_open(world: World, client_for: Any) -> None:
    worker = world.users["support_worker"]
    tablet = signed_in_client(worker)
    shift = f"/homes/{world.home_a.public_id}/shift/"
    assert tablet.get(shift).status_code == 200
    assert SignedInSession.objects.filter(user=worker).count() == 1
    membership = worker.memberships.get()
    manager = client_for("registered_manager")
    ended = manager.post(
        reverse("people:end", kwargs={"home_id": world.home_a.public_id, "membership_id": membership.public_id}),
        {"ends_on": timezone.localdate().isoformat(), "reason": "Left the home's employment."},
        follow=True,
    )
    assert "signed out everywhere" in ended.content.decode()
    refused = tablet.get(shift)
    assert refused.status_code == 302 and refused.url.startswith(reverse("access:sign_in"))
    assert not SignedInSession.objects.filter(user=worker).exists()
    membership.refresh_from_db()
    assert membership.ends_on == timezone.localdate()
    assert AuditEvent.objects.filter(action="membership.ended", reason="Left the home's employment.").exists()


def test_ending_access_later_keeps_it_until_then_and_every_error_names_its_field(world: World) -> None:
    membership = world.users["senior"].memberships.get()
    manager = world.users["registered_manager"]
    with pytest.raises(ValidationError) as exc:
        membership_end(
            actor=manager, membership=membership, ends_on=timezone.localdate() - datetime.timedelta(days=1), reason=""
        )
    assert set(exc.value.message_dict) == {"ends_on", "reason"}
    later = timezone.localdate() + datetime.timedelta(days=14)
    membership_end(actor=manager, membership=membership, ends_on=later, reason="Moving to another home.")
    assert signed_in_client(world.users["senior"]).get(f"/homes/{world.home_a.public_id}/shift/").status_code == 200


def test_a_role_is_changed_with_the_old_one_kept_in_the_audit(world: World, client_for: Any) -> None:
    membership = world.users["support_worker"].memberships.get()
    client_for("registered_manager").post(
        reverse("people:role", kwargs={"home_id": world.home_a.public_id, "membership_id": membership.public_id}),
        {"role": "senior"},
    )
    membership.refresh_from_db()
    assert membership.role == "senior"
    event = AuditEvent.objects.get(action="membership.changed", object_id=membership.public_id)
    assert event.reason == "From Residential support worker to Senior support worker"


def test_a_lost_authenticator_is_reset_with_who_did_it(world: World, client_for: Any) -> None:
    deputy = world.users["deputy_manager"]
    TOTPDevice.objects.create(user=deputy, name="old phone", confirmed=True)
    membership = deputy.memberships.get()
    page = client_for("responsible_individual").post(
        reverse("people:reset", kwargs={"home_id": world.home_a.public_id, "membership_id": membership.public_id})
    )
    assert page.status_code == 200 and "old authenticator app no longer works" in page.content.decode()
    assert not TOTPDevice.objects.filter(user=deputy).exists()
    reset = SecurityEvent.objects.get(kind=SecurityEvent.Kind.SECOND_FACTOR_RESET)
    assert reset.user == world.users["responsible_individual"] and reset.about == deputy.get_username()


def test_a_sign_in_from_a_staff_file_waits_for_the_checks_and_then_links_the_file(
    world: World, client_for: Any, monkeypatch: Any
) -> None:
    member = StaffMemberFactory(home=world.home_a, first_name="Ola", last_name="Fresh", email="ola@example.org")
    manager = client_for("registered_manager")
    url = reverse("people:invite", kwargs={"home_id": world.home_a.public_id}) + f"?staff={member.public_id}"
    refused = manager.get(url, follow=True).content.decode()
    assert "Ola Fresh cannot have a sign-in yet: their checks are not complete" in refused
    # Cleared (the checks themselves are staff's tests): the form comes filled in from the file.
    monkeypatch.setattr("hearth.access.people_views.vetting_outstanding_by_member", lambda members: {})
    page = manager.get(url).content.decode()
    assert 'value="Ola"' in page and 'value="ola@example.org"' in page
    manager.post(
        url,
        {
            "first_name": "Ola",
            "last_name": "Fresh",
            "email": "ola@example.org",
            "role": "support_worker",
            "starts_on": timezone.localdate().isoformat(),
        },
    )
    invitation = Invitation.objects.get(email="ola@example.org")
    assert invitation.staff_member == member
    user = invitation_accept(invitation=invitation, username="ola", password=GOOD_PASSWORD)
    member.refresh_from_db()
    assert member.user == user


def test_recovery_codes_are_shown_once_at_enrolment_and_each_signs_in_once(world: World, clock: Any) -> None:
    import re

    sent = _invite(world, role="deputy_manager")
    client = Client()
    client.post(
        urlsplit(sent.link).path, {"username": "nia.d", "password": GOOD_PASSWORD, "password_again": GOOD_PASSWORD}
    )
    device = TOTPDevice.objects.get(user__username="nia.d", confirmed=False)
    from django_otp.oath import TOTP

    token = f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"
    page = client.post(reverse("access:two_factor_setup"), {"token": token}).content.decode()
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", page)
    assert len(codes) == 10 and len(set(codes)) == 10
    lost_phone = Client()
    lost_phone.post(reverse("access:sign_in"), {"username": "nia.d", "password": GOOD_PASSWORD})
    wrong = lost_phone.post(reverse("access:two_factor"), {"recovery_code": "not-a-code"}).content.decode()
    assert "That recovery code is not right or has been used." in wrong
    too_soon = lost_phone.post(reverse("access:two_factor"), {"recovery_code": codes[0]}).content.decode()
    assert "wait a few seconds" in too_soon  # wrong tries in a row slow the next (nothing used up)
    clock.shift(datetime.timedelta(seconds=5))
    used = lost_phone.post(reverse("access:two_factor"), {"recovery_code": codes[0].upper()}, follow=True)
    assert "9 left" in used.content.decode()
    clock.shift(datetime.timedelta(seconds=5))
    again = Client()
    again.post(reverse("access:sign_in"), {"username": "nia.d", "password": GOOD_PASSWORD})
    assert (
        "not right or has been used"
        in again.post(reverse("access:two_factor"), {"recovery_code": codes[0]}).content.decode()
    )
