"""The start page: the homes (and providers) the signed-in person works with."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from hearth.access import policies
from hearth.access.decorators import signed_in_view


@signed_in_view
def start(request: HttpRequest) -> HttpResponse:
    homes = list(policies.homes_visible_to(request.user).order_by("name"))
    providers = list(policies.providers_visible_to(request.user))
    if len(homes) == 1 and not providers:
        landing = "shift:page" if policies.lands_on_shift(request.user, homes[0]) else "homes:detail"
        return redirect(landing, home_id=homes[0].public_id)
    shift_homes = {h.pk for h in homes if policies.can_view_shift(request.user, h)}
    return render(request, "core/start.html", {"homes": homes, "providers": providers, "shift_homes": shift_homes})
