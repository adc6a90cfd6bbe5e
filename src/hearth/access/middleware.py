"""Managers and above must finish the second factor before any page but sign-in opens."""

from collections.abc import Callable

from django.conf import settings
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
