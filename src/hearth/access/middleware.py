"""Managers and above must finish the second factor before any page but sign-in opens; every
signed-in session ends when idle too long, or at the end of the longest shift."""

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from hearth.access import policies


class SecondFactorRequiredMiddleware:
    EXEMPT_NAMES = ("access:sign_in", "access:sign_out", "access:two_factor", "access:two_factor_setup")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and policies.requires_second_factor(user)
            and not getattr(user, "is_verified", lambda: False)()
            and not request.path.startswith(settings.STATIC_URL)
            and request.path not in {reverse(n) for n in self.EXEMPT_NAMES}
        ):
            return redirect(f"{reverse('access:two_factor')}?next={request.get_full_path()}")
        return self.get_response(request)


def session_started(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """On signing in, start the session's clocks (saved with the sign-in itself) and remember the
    session as this person's, so that ending their access can end it (``access.people``)."""
    if request is not None and hasattr(request, "session"):
        from hearth.access.people import session_recorded

        now = time.time()
        request.session[SessionLimitsMiddleware.STARTED] = now
        request.session[SessionLimitsMiddleware.LAST_SEEN] = now
        session_recorded(user=user, session_key=request.session.session_key)


class SessionLimitsMiddleware:
    """A signed-in session ends after ``HEARTH_SESSION_IDLE_MINUTES`` without a request (a tablet
    left in the office) and, however busy, ``HEARTH_SESSION_MAX_HOURS`` after signing in (one long
    shift); the person signs in again and comes back to the page they asked for."""

    LAST_SEEN, STARTED = "hearth_last_seen", "hearth_signed_in_at"
    RECORD_EVERY_SECONDS = 60  # the session is written at most once a minute for this

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and not request.path.startswith(settings.STATIC_URL):
            now = time.time()
            session = request.session
            last_seen = session.get(self.LAST_SEEN, now)
            started = session.setdefault(self.STARTED, now)
            idle = now - last_seen > settings.HEARTH_SESSION_IDLE_MINUTES * 60
            too_long = now - started > settings.HEARTH_SESSION_MAX_HOURS * 3600
            if idle or too_long:
                logout(request)
                messages.info(
                    request,
                    "You were signed out after a while without using Hearth. Sign in again to carry on."
                    if idle
                    else "You were signed out at the end of the longest session allowed. Sign in again to carry on.",
                )
                return redirect_to_login(request.get_full_path())  # the address kept, encoded
            if now - last_seen >= self.RECORD_EVERY_SECONDS or self.LAST_SEEN not in session:
                session[self.LAST_SEEN] = now
        return self.get_response(request)
