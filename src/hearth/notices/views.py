"""Notices about the home to Ofsted (Part 7): the list with each deadline, and their forms."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from hearth.access import policies
from hearth.access.decorators import home_view
from hearth.core.dates import today
from hearth.core.http import form_page
from hearth.homes.models import Home
from hearth.notices import forms, services
from hearth.notices.models import HomeNotice
from hearth.notices.selectors import notice_state, notices_of


def _list_url(home: Home) -> str:
    return reverse("notices:list", kwargs={"home_id": home.public_id})


def _notice(home: Home, notice_id: Any) -> HomeNotice:
    notice = notices_of(home).filter(public_id=notice_id).first()
    if notice is None:
        raise Http404("No such notice.")
    return notice


@home_view(policies.can_view_notices)
def notice_list(request: HttpRequest, home: Home) -> HttpResponse:
    day = today()
    notices = list(notices_of(home)[:200])
    followed = {n.follows_id for n in notices if n.follows_id}
    rows = [(n, notice_state(n, day), n.pk in followed) for n in notices]
    return render(
        request,
        "notices/list.html",
        {"home": home, "rows": rows, "today": day, "can_manage": policies.can_manage_notices(request.user, home)},
    )


@home_view(policies.can_manage_notices)
@require_http_methods(["GET", "POST"])
def notice_new(request: HttpRequest, home: Home) -> HttpResponse:
    return form_page(
        request,
        forms.NoticeForm(request.POST or None),
        save=lambda d: services.home_notice_record(actor=request.user, home=home, **d),
        success=lambda n: f"Notice recorded. It is due by {n.due_on:%-d %B %Y}.",
        then=_list_url(home),
        creates=True,
        title="Record a notice to Ofsted about the home",
        intro="A planned absence of the manager of 28 days or more: a month before it starts. An unplanned one: "
        "within a week. A change of manager or responsible individual: as soon as it can be sent.",
        home=home,
        back_url=_list_url(home),
    )


@home_view(policies.can_manage_notices)
@require_http_methods(["GET", "POST"])
def notice_sent(request: HttpRequest, home: Home, notice_id: Any) -> HttpResponse:
    notice = _notice(home, notice_id)
    return form_page(
        request,
        forms.SentForm(request.POST or None, initial={"sent_on": today()}),
        save=lambda d: services.home_notice_sent_record(actor=request.user, notice=notice, **d),
        success="Recorded as sent.",
        then=_list_url(home),
        creates=False,
        title="Record that the notice was sent",
        intro=f"{notice.get_kind_display()}: {notice_state(notice, today())}.",
        home=home,
        back_url=_list_url(home),
    )


@home_view(policies.can_manage_notices)
@require_http_methods(["GET", "POST"])
def manager_return(request: HttpRequest, home: Home, notice_id: Any) -> HttpResponse:
    absence = _notice(home, notice_id)
    return form_page(
        request,
        forms.ReturnForm(request.POST or None, initial={"returned_on": today()}),
        save=lambda d: services.manager_return_record(actor=request.user, absence=absence, **d),
        success=lambda n: f"Return recorded. Tell Ofsted by {n.due_on:%-d %B %Y}.",
        then=_list_url(home),
        creates=True,
        title="The manager is back",
        intro="Ofsted must be told within 7 days of the return (Regulation 48(5)).",
        home=home,
        back_url=_list_url(home),
    )
