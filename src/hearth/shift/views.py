"""The shift page: where a member of staff lands when they come on shift, and the handover."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from hearth.access import policies
from hearth.access.decorators import home_view
from hearth.core.http import act_and_return, form_page
from hearth.homes.models import Home
from hearth.shift import services
from hearth.shift.forms import HandoverForm
from hearth.shift.models import Handover
from hearth.shift.selectors import shift_summary


def _page(home: Home) -> str:
    return reverse("shift:page", kwargs={"home_id": home.public_id})


@home_view(policies.can_view_shift)
def shift_page(request: HttpRequest, home: Home) -> HttpResponse:
    leads = policies.can_lead_shift(request.user, home)
    summary = shift_summary(home=home, user=request.user, now=timezone.now(), leads_shift=leads)
    return render(
        request,
        "shift/page.html",
        {
            "home": home,
            "summary": summary,
            "can_lead": leads,
            "can_write": policies.can_write_records(request.user, home),
            "user_pk": request.user.pk,
        },
    )


@home_view(policies.can_write_records)
@require_http_methods(["GET", "POST"])
def handover_new(request: HttpRequest, home: Home) -> HttpResponse:
    return form_page(
        request,
        HandoverForm(request.POST or None),
        save=lambda data: services.handover_write(actor=request.user, home=home, **data),
        success="Handover saved and signed. The next shift lead will acknowledge it.",
        then=_page(home),
        creates=True,
        title="Write the handover",
        submit="Save and sign",
        home=home,
        back_url=_page(home),
        intro="The incoming shift reads this first. Write it before you leave; it cannot be changed once saved.",
    )


@home_view(policies.can_lead_shift)
@require_POST
def handover_acknowledge(request: HttpRequest, home: Home, handover_id: Any) -> HttpResponse:
    handover = Handover.objects.filter(home=home, public_id=handover_id).first()
    if handover is None:
        raise Http404("No such handover.")
    return act_and_return(
        request,
        act=lambda: services.handover_acknowledge(actor=request.user, handover=handover),
        done=f"You acknowledged the handover from {handover.written_by_name}.",
        then=_page(home),
    )
