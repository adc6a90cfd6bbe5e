"""The decorators every Hearth view wears. Each records the policy it applies (``hearth_policy``)
so that a system check can fail the build when a view declares none (deny by default)."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase

from hearth.access import policies
from hearth.homes.models import Home, Provider

View = Callable[..., HttpResponseBase]


def public_view(view: View) -> View:
    """For sign-in pages only: no user needed."""
    view.hearth_policy = "public"  # type: ignore[attr-defined]
    return view


def signed_in_view(view: View) -> View:
    wrapped = login_required(view)
    wrapped.hearth_policy = policies.is_signed_in  # type: ignore[attr-defined]
    return wrapped


def home_view(policy: Callable[[Any, Home], bool]) -> Callable[[View], View]:
    """Resolve ``home_id`` from the URL, check the user may see the home and passes ``policy``.

    A failed check answers 404, as does a missing home: another home's records do not exist
    for this user.
    """

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, home_id: str, *args: Any, **kwargs: Any) -> HttpResponseBase:
            home = policies.access_home(request.user, home_id)
            if not policy(request.user, home):
                raise Http404("No such page.")
            request.hearth_home = home  # type: ignore[attr-defined]  # for the reading log
            return view(request, home, *args, **kwargs)

        guarded = login_required(wrapped)
        guarded.hearth_policy = policy  # type: ignore[attr-defined]
        return guarded

    return decorator


def child_view(policy: Callable[[Any, Home], bool], *, lives_here: bool = False) -> Callable[[View], View]:
    """Resolve the home and the child: 404 unless the child is or was placed at a home the user
    sees; 403 with the reason for a Reg 44 visitor without recorded consent; then ``policy``. With
    ``lives_here`` (pages that write about the child), 403 with the reason if the child has left."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, home_id: str, child_id: str, *args: Any, **kwargs: Any) -> HttpResponseBase:
            home = policies.access_home(request.user, home_id)
            child = policies.access_child(request.user, home, child_id)
            if not policy(request.user, home):
                raise Http404("No such page.")
            request.hearth_home, request.hearth_child = home, child  # type: ignore[attr-defined]  # the reading log
            if lives_here and not policies.child_lives_at(child, home):
                raise PermissionDenied(
                    f"{child.display_name} no longer lives at {home.name}. You can read what was written "
                    "here; the home where they live now writes their records."
                )
            return view(request, home, child, *args, **kwargs)

        guarded = login_required(wrapped)
        guarded.hearth_policy = policy  # type: ignore[attr-defined]
        return guarded

    return decorator


def provider_view(policy: Callable[[Any, Provider], bool]) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, provider_id: str, *args: Any, **kwargs: Any) -> HttpResponseBase:
            provider = policies.access_provider(request.user, provider_id)
            if not policy(request.user, provider):
                raise Http404("No such page.")
            return view(request, provider, *args, **kwargs)

        guarded = login_required(wrapped)
        guarded.hearth_policy = policy  # type: ignore[attr-defined]
        return guarded

    return decorator
