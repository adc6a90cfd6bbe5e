"""Allegations against staff: the registered manager's and the RI's list, an allegation's page
(every opening kept), and its forms (Regulation 34). Anyone else gets 404: for them the record
does not exist."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from hearth.access import policies
from hearth.access.decorators import home_view
from hearth.allegations import forms, selectors, services
from hearth.allegations.models import Allegation, AllegationReader
from hearth.allegations.selectors import allegations_of, lado_due, openings_of
from hearth.core.http import act_and_return, form_page
from hearth.core.paging import paged
from hearth.homes.models import Home


def _list_url(home: Home) -> str:
    return reverse("allegations:list", kwargs={"home_id": home.public_id})


def _detail_url(allegation: Allegation) -> str:
    return reverse(
        "allegations:detail", kwargs={"home_id": allegation.home.public_id, "allegation_id": allegation.public_id}
    )


def _allegation(request: HttpRequest, home: Home, allegation_id: Any, *, change: bool = False) -> Allegation:
    allegation = allegations_of(home).filter(public_id=allegation_id).first()
    allowed = policies.can_change_allegation if change else policies.can_view_allegation
    if allegation is None or not allowed(request.user, home, allegation):
        raise Http404("No such page.")
    return allegation


@home_view(policies.can_list_allegations)
def allegation_list(request: HttpRequest, home: Home) -> HttpResponse:
    listed = paged(selectors.allegations_listed_for(request.user, home), request, per_page=50)
    visible = listed.items  # the selector applies can_view_allegation's rules in the database
    services.allegation_opened(actor=request.user, allegations=visible, how="list")
    rows = [(a, lado_due(a.received_at)) for a in visible]
    return render(
        request,
        "allegations/list.html",
        {
            "home": home,
            "rows": rows,
            "paged": listed,
            "now": timezone.now(),
            "can_record": policies.can_manage_allegations(request.user, home),
        },
    )


@home_view(policies.can_manage_allegations)
@require_http_methods(["GET", "POST"])
def allegation_new(request: HttpRequest, home: Home) -> HttpResponse:
    now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    form = forms.AllegationForm(
        request.POST or None, home=home, initial={"immediate_action": "none", "received_at": now}
    )
    return form_page(
        request,
        form,
        save=lambda d: services.allegation_record(actor=request.user, home=home, **d),
        success="Allegation recorded. Refer it to the LADO within one working day.",
        then=_detail_url,
        creates=True,
        title="Record an allegation against a member of staff",
        intro="Only the registered manager, the responsible individual and people they name can read it, and "
        "every opening is kept.",
        home=home,
        back_url=_list_url(home),
    )


@home_view(policies.can_view_home)
def allegation_detail(request: HttpRequest, home: Home, allegation_id: Any) -> HttpResponse:
    allegation = _allegation(request, home, allegation_id)
    services.allegation_opened(actor=request.user, allegations=[allegation])
    can_change = policies.can_change_allegation(request.user, home, allegation)
    return render(
        request,
        "allegations/detail.html",
        {
            "home": home,
            "allegation": allegation,
            "lado_due": lado_due(allegation.received_at),
            "now": timezone.now(),
            "meetings": list(allegation.meetings.all()),
            "readers": list(allegation.readers.filter(withdrawn_at__isnull=True).select_related("user")),
            "openings": openings_of(allegation) if can_change else [],
            "can_change": can_change,
        },
    )


def _form(
    request: HttpRequest, home: Home, allegation: Allegation, form: Any, save: Any, title: str, done: str
) -> HttpResponse:
    back = _detail_url(allegation)
    return form_page(
        request, form, save=save, success=done, then=back, creates=False, title=title, home=home, back_url=back
    )


@home_view(policies.can_manage_allegations)
@require_http_methods(["GET", "POST"])
def lado(request: HttpRequest, home: Home, allegation_id: Any) -> HttpResponse:
    allegation = _allegation(request, home, allegation_id, change=True)
    form = forms.LadoForm(
        request.POST or None, initial={"referred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M")}
    )
    return _form(
        request,
        home,
        allegation,
        form,
        lambda d: services.lado_referral_record(actor=request.user, allegation=allegation, **d),
        "Record the referral to the LADO",
        "Referral to the LADO recorded.",
    )


@home_view(policies.can_manage_allegations)
@require_http_methods(["GET", "POST"])
def meeting(request: HttpRequest, home: Home, allegation_id: Any) -> HttpResponse:
    allegation = _allegation(request, home, allegation_id, change=True)
    return form_page(
        request,
        forms.MeetingForm(request.POST or None),
        save=lambda d: services.strategy_meeting_record(actor=request.user, allegation=allegation, **d),
        success="Meeting recorded.",
        then=_detail_url(allegation),
        creates=True,
        title="Record a strategy or evaluation meeting",
        home=home,
        back_url=_detail_url(allegation),
    )


@home_view(policies.can_manage_allegations)
@require_http_methods(["GET", "POST"])
def outcome(request: HttpRequest, home: Home, allegation_id: Any) -> HttpResponse:
    allegation = _allegation(request, home, allegation_id, change=True)
    return _form(
        request,
        home,
        allegation,
        forms.OutcomeForm(request.POST or None, initial={"dbs_referral": "not_needed"}),
        lambda d: services.allegation_outcome_record(actor=request.user, allegation=allegation, **d),
        "Record the outcome",
        "Outcome recorded.",
    )


@home_view(policies.can_manage_allegations)
@require_http_methods(["GET", "POST"])
def reader_new(request: HttpRequest, home: Home, allegation_id: Any) -> HttpResponse:
    allegation = _allegation(request, home, allegation_id, change=True)
    return form_page(
        request,
        forms.ReaderForm(request.POST or None, home=home),
        save=lambda d: services.allegation_reader_name(actor=request.user, allegation=allegation, **d),
        success="They may now read this allegation. Their openings are kept.",
        then=_detail_url(allegation),
        creates=True,
        title="Name someone who may read this allegation",
        intro="For example the manager investigating it, or the provider's safeguarding lead. Never the person it "
        "is about.",
        home=home,
        back_url=_detail_url(allegation),
    )


@home_view(policies.can_manage_allegations)
@require_POST
def reader_withdraw(request: HttpRequest, home: Home, allegation_id: Any, reader_id: Any) -> HttpResponse:
    allegation = _allegation(request, home, allegation_id, change=True)
    reader = AllegationReader.objects.filter(allegation=allegation, public_id=reader_id).first()
    if reader is None:
        raise Http404("No such page.")
    return act_and_return(
        request,
        act=lambda: services.allegation_reader_withdraw(actor=request.user, reader=reader),
        done="They may no longer read it.",
        then=_detail_url(allegation),
    )
