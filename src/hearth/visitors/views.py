"""Visitors and volunteers: sign them in, record their checks, and see who had contact with whom."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from hearth.access import policies
from hearth.access.decorators import home_view
from hearth.core.http import act_and_return, form_page
from hearth.core.paging import paged
from hearth.homes.models import Home
from hearth.visitors import services
from hearth.visitors.forms import DbsForm, RiskAssessmentForm, VisitForm, VisitorForm
from hearth.visitors.models import Visit, Visitor


def _visitor_or_404(home: Home, visitor_id: Any) -> Visitor:
    visitor = (
        Visitor.objects.filter(home=home).filter(public_id=visitor_id).select_related("related_staff_member").first()
    )
    if visitor is None:
        raise Http404("No such visitor.")
    return visitor


def _detail(home: Home, visitor: Visitor) -> str:
    return reverse("visitors:detail", kwargs={"home_id": home.public_id, "visitor_id": visitor.public_id})


@home_view(policies.can_view_home_records)
def visitor_list(request: HttpRequest, home: Home) -> HttpResponse:
    visits = (
        Visit.objects.filter(visitor__home=home)
        .select_related("visitor")
        .prefetch_related("children")
        .order_by("-arrived_at", "-id")
    )
    return render(
        request,
        "visitors/list.html",
        {
            "home": home,
            "paged": paged(visits, request, per_page=50),
            "can_write": policies.can_write_records(request.user, home),
        },
    )


@home_view(policies.can_write_records)
@require_POST
def visit_sign_out(request: HttpRequest, home: Home, visit_id: Any) -> HttpResponse:
    """Sign a visitor out as they leave, from the visitors list or the shift page."""
    visit = Visit.objects.filter(visitor__home=home, public_id=visit_id).select_related("visitor").first()
    if visit is None:
        raise Http404("No such visit.")
    return act_and_return(
        request,
        act=lambda: services.visit_sign_out(actor=request.user, visit=visit),
        done=f"{visit.visitor.name} signed out.",
        then=reverse("visitors:list", kwargs={"home_id": home.public_id}),
        refused_level=messages.INFO,  # already signed out: pressed twice, or by a colleague
    )


@home_view(policies.can_write_records)
@require_http_methods(["GET", "POST"])
def visitor_new(request: HttpRequest, home: Home) -> HttpResponse:
    return form_page(
        request,
        VisitorForm(request.POST or None, home=home),
        save=lambda data: services.visitor_create(actor=request.user, home=home, **data),
        success=lambda visitor: f"{visitor.name} added. Now record the visit.",
        then=lambda visitor: reverse(
            "visitors:visit", kwargs={"home_id": home.public_id, "visitor_id": visitor.public_id}
        ),
        creates=True,
        title="Add a visitor or volunteer",
        submit="Continue",
        home=home,
        back_url=reverse("visitors:list", kwargs={"home_id": home.public_id}),
    )


@home_view(policies.can_view_home_records)
def visitor_detail(request: HttpRequest, home: Home, visitor_id: str) -> HttpResponse:
    visitor = _visitor_or_404(home, visitor_id)
    return render(
        request,
        "visitors/detail.html",
        {
            "home": home,
            "visitor": visitor,
            "visits": visitor.visits.prefetch_related("children").select_related("supervised_by"),
            "can_write": policies.can_write_records(request.user, home),
            "can_review": policies.can_review_records(request.user, home),
        },
    )


@home_view(policies.can_write_records)
@require_http_methods(["GET", "POST"])
def visit_new(request: HttpRequest, home: Home, visitor_id: str) -> HttpResponse:
    visitor = _visitor_or_404(home, visitor_id)
    cleared = visitor.cleared_for_unsupervised_contact

    def success(visit: Visit) -> str:
        if visit.contact == Visit.Contact.UNSUPERVISED and not cleared:
            return "Visit recorded. This visitor has no DBS check or approved risk assessment: the manager has been asked to act."
        return "Visit recorded."

    warning = (
        ""
        if cleared
        else (
            f"{visitor.name} has no enhanced DBS check or approved risk assessment recorded: contact with children must be supervised by staff throughout."
        )
    )
    return form_page(
        request,
        VisitForm(request.POST or None, home=home),
        save=lambda data: services.visit_record(actor=request.user, visitor=visitor, **data),
        success=success,
        then=_detail(home, visitor),
        creates=True,
        title=f"Record a visit by {visitor.name}",
        submit="Save and sign",
        home=home,
        back_url=_detail(home, visitor),
        intro=warning,
    )


@home_view(policies.can_review_records)
@require_http_methods(["GET", "POST"])
def visitor_dbs(request: HttpRequest, home: Home, visitor_id: str) -> HttpResponse:
    visitor = _visitor_or_404(home, visitor_id)
    return form_page(
        request,
        DbsForm(request.POST or None),
        save=lambda data: services.visitor_record_dbs(actor=request.user, visitor=visitor, **data),
        success="DBS check recorded.",
        then=_detail(home, visitor),
        creates=True,
        title=f"Record {visitor.name}'s DBS check",
        home=home,
        back_url=_detail(home, visitor),
    )


@home_view(policies.can_review_records)
@require_http_methods(["GET", "POST"])
def visitor_risk_assessment(request: HttpRequest, home: Home, visitor_id: str) -> HttpResponse:
    visitor = _visitor_or_404(home, visitor_id)
    return form_page(
        request,
        RiskAssessmentForm(request.POST or None, initial={"risk_assessment": visitor.risk_assessment}),
        save=lambda data: services.visitor_approve_risk_assessment(actor=request.user, visitor=visitor, **data),
        success="Risk assessment approved.",
        then=_detail(home, visitor),
        creates=True,
        title=f"Approve a risk assessment for {visitor.name}",
        submit="Approve",
        home=home,
        back_url=_detail(home, visitor),
        intro="Only where a DBS check is not yet available. You approve it as the manager; your name and the time are recorded.",
    )
