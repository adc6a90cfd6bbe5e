"""A signed-in session ends when left idle, and at the end of the longest shift however busy
(access.middleware.SessionLimitsMiddleware)."""

import datetime
from typing import Any

from django.urls import reverse

from hearth.conftest import World


def test_a_session_left_idle_is_signed_out(world: World, client_for: Any, clock: Any, settings: Any) -> None:
    page = reverse("homes:detail", kwargs={"home_id": world.home_a.public_id})
    client = client_for("support_worker")
    assert client.get(page).status_code == 200
    clock.shift(datetime.timedelta(minutes=settings.HEARTH_SESSION_IDLE_MINUTES - 1))
    assert client.get(page).status_code == 200  # still within the idle time
    clock.shift(datetime.timedelta(minutes=settings.HEARTH_SESSION_IDLE_MINUTES + 1))
    left = client.get(page)
    assert left.status_code == 302 and left["Location"].startswith(reverse("access:sign_in"))
    assert f"next={page}" in left["Location"]
    assert client.get(page).status_code == 302  # signed out for good
    signed_in = client.get(left["Location"])
    assert b"signed out after a while without using Hearth" in signed_in.content


def test_a_busy_session_ends_after_the_longest_shift(world: World, client_for: Any, clock: Any, settings: Any) -> None:
    page = reverse("homes:detail", kwargs={"home_id": world.home_a.public_id})
    client = client_for("registered_manager")
    for _ in range(settings.HEARTH_SESSION_MAX_HOURS * 3):  # a request every 20 minutes
        assert client.get(page).status_code == 200
        clock.shift(datetime.timedelta(minutes=20))
    assert client.get(page).status_code == 302
