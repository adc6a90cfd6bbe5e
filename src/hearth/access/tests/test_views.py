"""Sign-in: Argon2, lock-out after repeated failures, and the second factor for managers and above."""

from typing import Any

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from hearth.access.tests.factories import TEST_PASSWORD, MembershipFactory, UserFactory
from hearth.conftest import World
from hearth.homes.tests.factories import HomeFactory


def current_code(device: TOTPDevice) -> str:
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"


def sign_in(client: Client, username: str, password: str = TEST_PASSWORD) -> Any:
    return client.post(reverse("access:sign_in"), {"username": username, "password": password})


def test_base_settings_hash_passwords_with_argon2() -> None:
    from hearth.config.settings import base

    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"])
def test_stored_password_is_an_argon2_hash(db: Any) -> None:
    user = UserFactory()
    user.set_password("a long enough password")
    assert user.password.startswith("argon2$")


def test_support_worker_signs_in_with_password_only(world: World, client: Client) -> None:
    response = sign_in(client, world.users["support_worker"].username)
    assert response.status_code == 302
    assert client.get(reverse("homes:detail", kwargs={"home_id": world.home_a.public_id})).status_code == 200


def test_wrong_password_says_so_and_saves_nothing(world: World, client: Client) -> None:
    response = sign_in(client, world.users["support_worker"].username, "wrong")
    assert response.status_code == 200
    assert b"username or password is not right" in response.content
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("role", ["registered_manager", "deputy_manager", "responsible_individual"])
def test_managers_must_pass_the_second_factor(world: World, client: Client, role: str) -> None:
    user = world.users[role]
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    response = sign_in(client, user.username)
    assert response["Location"].startswith(reverse("access:two_factor"))
    home_url = reverse("homes:detail", kwargs={"home_id": world.home_a.public_id})
    blocked = client.get(home_url)
    assert blocked.status_code == 302 and blocked["Location"].startswith(reverse("access:two_factor"))
    wrong = client.post(
        reverse("access:two_factor"), {"token": "000000" if current_code(device) != "000000" else "111111"}
    )
    assert b"not right or has expired" in wrong.content
    throttled = client.post(reverse("access:two_factor"), {"token": current_code(device)})
    assert b"Too many wrong codes" in throttled.content  # django-otp's back-off after a wrong code
    device.refresh_from_db()
    device.throttle_reset()
    ok = client.post(f"{reverse('access:two_factor')}?next={home_url}", {"token": current_code(device)})
    assert ok.status_code == 302 and ok["Location"] == home_url
    assert client.get(home_url).status_code == 200


def test_administrator_must_pass_the_second_factor(db: Any, client: Client) -> None:
    admin = UserFactory(is_staff=True, is_superuser=True)
    sign_in(client, admin.username)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("access:two_factor"))


def test_lock_out_after_five_failures(world: World, client: Client) -> None:
    username = world.users["support_worker"].username
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, username, "wrong")
    locked = sign_in(client, username)  # even the right password is refused now
    assert locked.status_code in {403, 429}
    assert b"locked" in locked.content
    assert "_auth_user_id" not in client.session


def test_start_page_goes_straight_to_a_single_home(db: Any) -> None:
    home = HomeFactory()
    user = MembershipFactory(role="support_worker", home=home).user
    client = Client()
    client.force_login(user)
    response = client.get(reverse("core:start"))
    assert response.status_code == 302 and str(home.public_id) in response["Location"]


def test_sign_out_needs_a_post(world: World, client_for: Any) -> None:
    client = client_for("support_worker")
    assert client.get(reverse("access:sign_out")).status_code == 200
    assert "_auth_user_id" in client.session
    client.post(reverse("access:sign_out"))
    assert "_auth_user_id" not in client.session


def test_next_parameter_cannot_send_users_off_site(world: World, client: Client) -> None:
    response = client.post(
        f"{reverse('access:sign_in')}?next=https://evil.invalid/",
        {"username": world.users["support_worker"].username, "password": TEST_PASSWORD},
    )
    assert response["Location"] == "/"


def test_admin_opens_for_a_verified_administrator_and_hides_case_records(db: Any) -> None:
    from hearth.conftest import signed_in_client

    admin_user = UserFactory(is_staff=True, is_superuser=True)
    client = signed_in_client(admin_user)
    page = client.get("/admin/")
    assert page.status_code == 200
    assert b"Memberships" in page.content and b"Children" not in page.content


def test_admin_refuses_staff_without_admin_rights(world: World, client_for: Any) -> None:
    response = client_for("registered_manager").get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
