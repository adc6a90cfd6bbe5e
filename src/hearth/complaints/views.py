"""Complaints: the home's list with each deadline and the year's summary, a complaint's page, and
its forms (Regulation 39)."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from hearth.access import policies
from hearth.access.decorators import home_view
from hearth.complaints import forms, services
from hearth.complaints.models import Complaint
from hearth.complaints.selectors import complaint_state, complaints_of, complaints_summary
from hearth.core.dates import today
from hearth.core.http import form_page
from hearth.core.paging import paged
from hearth.homes.models import Home


def _list_url(home: Home) -> str:
    return reverse("complaints:list", kwargs={"home_id": home.public_id})


def _detail_url(complaint: Complaint) -> str:
    return reverse(
        "complaints:detail", kwargs={"home_id": complaint.home.public_id, "complaint_id": complaint.public_id}
    )


def _complaint(home: Home, complaint_id: Any) -> Complaint:
    complaint = complaints_of(home).filter(public_id=complaint_id).first()
    if complaint is None:
        raise Http404("No such complaint.")
    return complaint


@home_view(policies.can_manage_complaints)
def complaint_list(request: HttpRequest, home: Home) -> HttpResponse:
    day = today()
    listed = paged(complaints_of(home), request, per_page=50)
    rows = [(c, complaint_state(c, day)) for c in listed.items]
    return render(
        request,
        "complaints/list.html",
        {"home": home, "rows": rows, "paged": listed, "summary": complaints_summary(home, day), "today": day},
    )


@home_view(policies.can_record_complaint)
@require_http_methods(["GET", "POST"])
def complaint_new(request: HttpRequest, home: Home) -> HttpResponse:
    form = forms.ComplaintForm(request.POST or None, home=home, initial={"received_on": today()})
    manages = policies.can_manage_complaints(request.user, home)
    home_url = reverse("homes:detail", kwargs={"home_id": home.public_id})
    return form_page(
        request,
        form,
        save=lambda d: services.complaint_record(actor=request.user, home=home, **d),
        success="Complaint recorded. The response is due by the date shown."
        if manages
        else "Complaint recorded and passed to the managers.",
        then=_detail_url if manages else home_url,
        creates=True,
        title="Record a complaint",
        intro=f"Anyone may complain. The response is due within {home.complaint_response_days} days, "
        "as the home's complaints procedure says.",
        home=home,
        back_url=_list_url(home) if manages else home_url,
    )


@home_view(policies.can_manage_complaints)
def complaint_detail(request: HttpRequest, home: Home, complaint_id: Any) -> HttpResponse:
    complaint = _complaint(home, complaint_id)
    return render(
        request,
        "complaints/detail.html",
        {"home": home, "complaint": complaint, "state": complaint_state(complaint, today()), "today": today()},
    )


@home_view(policies.can_manage_complaints)
@require_http_methods(["GET", "POST"])
def investigator(request: HttpRequest, home: Home, complaint_id: Any) -> HttpResponse:
    complaint = _complaint(home, complaint_id)
    return form_page(
        request,
        forms.InvestigatorForm(request.POST or None, home=home),
        save=lambda d: services.complaint_investigator_assign(actor=request.user, complaint=complaint, **d),
        success="Investigator named.",
        then=_detail_url(complaint),
        creates=False,
        title="Who will investigate the complaint",
        intro="Never someone the complaint is about.",
        home=home,
        back_url=_detail_url(complaint),
    )


@home_view(policies.can_manage_complaints)
@require_http_methods(["GET", "POST"])
def response(request: HttpRequest, home: Home, complaint_id: Any) -> HttpResponse:
    complaint = _complaint(home, complaint_id)
    return form_page(
        request,
        forms.ResponseForm(request.POST or None, initial={"responded_on": today()}),
        save=lambda d: services.complaint_response_record(actor=request.user, complaint=complaint, **d),
        success="Response recorded.",
        then=_detail_url(complaint),
        creates=False,
        title="Record the response to the complaint",
        intro=complaint_state(complaint, today()),
        home=home,
        back_url=_detail_url(complaint),
    )
