"""A second factor is enrolled only with a single-use set-up code from the registered manager, the
responsible individual or an administrator: a password alone never shows a key (issue 18, finding 4)."""

import datetime
import re
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from hearth.access.models import SecondFactorEnrolment
from hearth.access.services import second_factor_enrol, set_up_code_issue
from hearth.access.tests.factories import UserFactory
from hearth.access.tests.test_views import current_code, sign_in
from hearth.audit.models import SecurityEvent
from hearth.conftest import World, signed_in_client

CODE = re.compile(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}")
SET_UP = reverse("access:two_factor_setup")


def codes_page(world: World) -> str:
    return reverse("people:set_up_codes", kwargs={"home_id": world.home_a.public_id})


def issue_on_the_page(world: World, issuer: str, for_role: str) -> str:
    membership = world.users[for_role].memberships.get()
    url = reverse(
        "people:set_up_code_issue", kwargs={"home_id": world.home_a.public_id, "membership_id": membership.public_id}
    )
    page = signed_in_client(world.users[issuer]).post(url).content.decode()
    found = CODE.search(page)
    assert found, page
    return found.group()


def test_a_password_alone_shows_no_key_and_makes_no_device(world: World, client: Client) -> None:
    sign_in(client, world.users["deputy_manager"].username)
    page = client.get(reverse("access:two_factor"), follow=True)
    assert page.redirect_chain[-1][0].startswith(SET_UP)
    assert b"Set-up code" in page.content and b"<svg" not in page.content
    assert not TOTPDevice.objects.filter(user=world.users["deputy_manager"]).exists()
    refused = client.post(SET_UP, {"token": "123456"})  # a code from an app never given a key
    assert b"<svg" not in refused.content and b"Enter the set-up code" in refused.content
    assert not TOTPDevice.objects.filter(user=world.users["deputy_manager"], confirmed=True).exists()


def test_the_registered_manager_gives_a_deputy_a_code_that_enrols_once(world: World, client: Client) -> None:
    deputy = world.users["deputy_manager"]
    listing = signed_in_client(world.users["registered_manager"]).get(codes_page(world)).content.decode()
    assert deputy.get_full_name() in listing and "Needs a set-up code" in listing
    code = issue_on_the_page(world, "registered_manager", "deputy_manager")

    sign_in(client, deputy.username)
    step_two = client.post(SET_UP, {"code": code.lower().replace("-", " ")}, follow=True)  # as typed
    assert b"<svg" in step_two.content
    device = TOTPDevice.objects.get(user=deputy, confirmed=False)
    home_url = reverse("homes:detail", kwargs={"home_id": world.home_a.public_id})
    done = client.post(f"{SET_UP}?next={home_url}", {"token": current_code(device)})
    assert done.status_code == 200 and "Save your recovery codes" in done.content.decode()  # shown once
    assert f'href="{home_url}"' in done.content.decode()  # then on to where they were going
    device.refresh_from_db()
    assert device.confirmed and client.get(home_url).status_code == 200
    assert SecondFactorEnrolment.objects.get(user=deputy).used_at is not None
    kinds = set(SecurityEvent.objects.values_list("kind", flat=True))
    assert {SecurityEvent.Kind.SET_UP_CODE_ISSUED, SecurityEvent.Kind.SECOND_FACTOR_ENROLLED} <= kinds

    device.delete()  # lost phone, removed by an administrator: the old code does not work again
    again = Client()
    sign_in(again, deputy.username)
    assert b"not right, has been used or has expired" in again.post(SET_UP, {"code": code}).content


def test_a_code_does_not_work_for_someone_else_after_it_expires_or_once_replaced(
    world: World, client: Client, clock: Any
) -> None:
    deputy, manager = world.users["deputy_manager"], world.users["registered_manager"]
    first = set_up_code_issue(actor=manager, user=deputy, home=world.home_a)
    second = set_up_code_issue(actor=manager, user=deputy, home=world.home_a)
    sign_in(client, deputy.username)
    assert b"has been used or has expired" in client.post(SET_UP, {"code": first.code}).content  # withdrawn

    other = Client()
    sign_in(other, world.users["responsible_individual"].username)
    assert b"has been used or has expired" in other.post(SET_UP, {"code": second.code}).content  # not theirs

    clock.shift(datetime.timedelta(hours=72, seconds=1))
    later = Client()
    sign_in(later, deputy.username)
    assert b"has been used or has expired" in later.post(SET_UP, {"code": second.code}).content
    failed = SecurityEvent.objects.filter(kind=SecurityEvent.Kind.SET_UP_CODE_FAILED)
    assert failed.count() == 3 and not TOTPDevice.objects.filter(confirmed=True).exists()


def test_five_wrong_codes_in_an_hour_stop_even_the_right_one(world: World, client: Client) -> None:
    deputy = world.users["deputy_manager"]
    issued = set_up_code_issue(actor=world.users["registered_manager"], user=deputy, home=world.home_a)
    sign_in(client, deputy.username)
    for _ in range(5):
        client.post(SET_UP, {"code": "AAAA-BBBB-CCCC"})
    refused = client.post(SET_UP, {"code": issued.code})
    assert b"Too many wrong set-up codes" in refused.content and b"<svg" not in refused.content


def test_a_code_replaced_between_the_two_steps_enrols_nothing(world: World, client: Client) -> None:
    deputy, manager = world.users["deputy_manager"], world.users["registered_manager"]
    issued = set_up_code_issue(actor=manager, user=deputy, home=world.home_a)
    sign_in(client, deputy.username)
    client.post(SET_UP, {"code": issued.code})
    device = TOTPDevice.objects.get(user=deputy, confirmed=False)
    set_up_code_issue(actor=manager, user=deputy, home=world.home_a)  # the manager gives a new one meanwhile
    lapsed = client.post(SET_UP, {"token": current_code(device)})
    assert b"has been used, withdrawn or has expired" in lapsed.content and lapsed.status_code == 200
    device.refresh_from_db()
    assert not device.confirmed


def test_a_code_confirms_one_device_however_often_it_is_sent(world: World) -> None:
    deputy = world.users["deputy_manager"]
    issued = set_up_code_issue(actor=world.users["registered_manager"], user=deputy, home=world.home_a)
    first, second = (TOTPDevice.objects.create(user=deputy, name=f"app {n}", confirmed=False) for n in (1, 2))
    assert second_factor_enrol(user=deputy, enrolment=issued.enrolment, device=first, path="/")
    assert not second_factor_enrol(user=deputy, enrolment=issued.enrolment, device=second, path="/")
    assert list(TOTPDevice.objects.filter(confirmed=True)) == [first]


def test_nobody_gives_themself_a_code(world: World) -> None:
    manager = world.users["registered_manager"]
    listing = signed_in_client(manager).get(codes_page(world)).content.decode()
    table = listing.split("<tbody", 1)[1].split("</tbody>", 1)[0]
    assert manager.get_full_name() not in table and world.users["deputy_manager"].get_full_name() in table
    own = reverse(
        "people:set_up_code_issue",
        kwargs={"home_id": world.home_a.public_id, "membership_id": manager.memberships.get().public_id},
    )
    assert signed_in_client(manager).post(own).status_code == 404
    assert not SecondFactorEnrolment.objects.exists()


def test_the_first_administrator_gets_a_code_from_the_command_line(db: Any) -> None:
    admin = UserFactory(is_staff=True, is_superuser=True)
    out = StringIO()
    call_command("set_up_code", admin.username, stdout=out)
    assert CODE.search(out.getvalue()) and SecondFactorEnrolment.objects.get(user=admin).issued_by is None
    with pytest.raises(CommandError, match="no active account"):
        call_command("set_up_code", "nobody-here")
    TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    with pytest.raises(CommandError, match="already has an authenticator app"):
        call_command("set_up_code", admin.username)


def test_an_administrator_gives_codes_in_the_administration_pages(world: World) -> None:
    admin = UserFactory(is_staff=True, is_superuser=True)
    deputy = world.users["deputy_manager"]
    page = signed_in_client(admin).post(
        reverse("admin:auth_user_changelist"), {"action": "give_set_up_codes", "_selected_action": [deputy.pk]}
    )
    assert page.status_code == 200 and CODE.search(page.content.decode())
    assert SecondFactorEnrolment.objects.get(user=deputy).issued_by == admin


def test_administrators_read_the_security_events_and_cannot_change_them(world: World) -> None:
    admin = UserFactory(is_staff=True, is_superuser=True)
    set_up_code_issue(actor=admin, user=world.users["deputy_manager"])
    client = signed_in_client(admin)
    listing = client.get(reverse("admin:audit_securityevent_changelist"))
    assert listing.status_code == 200 and b"Second-factor set-up code issued" in listing.content
    event = SecurityEvent.objects.get()
    assert client.post(reverse("admin:audit_securityevent_delete", args=[event.pk]), {"post": "yes"}).status_code == 403
    assert SecurityEvent.objects.filter(pk=event.pk).exists()


def test_nobody_with_an_app_is_given_a_code_anywhere(world: World) -> None:
    """A code for someone who has an app would do nothing: the page, the command and the admin
    refuse it, saying to remove a lost app first."""
    deputy = world.users["deputy_manager"]
    TOTPDevice.objects.create(user=deputy, name="phone", confirmed=True)
    url = reverse(
        "people:set_up_code_issue",
        kwargs={"home_id": world.home_a.public_id, "membership_id": deputy.memberships.get().public_id},
    )
    page = signed_in_client(world.users["registered_manager"]).post(url)
    assert page.status_code == 400 and b"already has an authenticator app" in page.content
    with pytest.raises(CommandError, match="already has an authenticator app"):
        call_command("set_up_code", deputy.username)
    admin = UserFactory(is_staff=True, is_superuser=True)
    listing = signed_in_client(admin).post(
        reverse("admin:auth_user_changelist"), {"action": "give_set_up_codes", "_selected_action": [deputy.pk]}
    )
    assert b"already has an authenticator app" in listing.content and not CODE.search(listing.content.decode())
    assert not SecondFactorEnrolment.objects.exists()
