"""Visitors and volunteers: sign them in, record their checks, and see who had contact with whom."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from hearth.access import policies
from hearth.access.decorators import home_view
from hearth.core.forms import apply_service_errors
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


def _page(
    request: HttpRequest, home: Home, form: Any, title: str, submit: str, back: str, intro: str = ""
) -> HttpResponse:
    return render(
        request,
        "core/form_page.html",
        {"home": home, "form": form, "title": title, "submit": submit, "back_url": back, "intro": intro},
    )


@home_view(policies.can_view_home_records)
def visitor_list(request: HttpRequest, home: Home) -> HttpResponse:
    visits = Visit.objects.filter(visitor__home=home).select_related("visitor").prefetch_related("children")[:200]
    return render(
        request,
        "visitors/list.html",
        {"home": home, "visits": visits, "can_write": policies.can_write_records(request.user, home)},
    )


@home_view(policies.can_write_records)
@require_http_methods(["GET", "POST"])
def visitor_new(request: HttpRequest, home: Home) -> HttpResponse:
    form = VisitorForm(request.POST or None, home=home)
    if request.method == "POST" and form.is_valid():
        try:
            visitor = services.visitor_create(actor=request.user, home=home, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, f"{visitor.name} added. Now record the visit.")
            return redirect("visitors:visit", home_id=home.public_id, visitor_id=visitor.public_id)
    return _page(
        request,
        home,
        form,
        "Add a visitor or volunteer",
        "Continue",
        reverse("visitors:list", kwargs={"home_id": home.public_id}),
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
    form = VisitForm(request.POST or None, home=home)
    if request.method == "POST" and form.is_valid():
        try:
            services.visit_record(actor=request.user, visitor=visitor, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            if (
                form.cleaned_data["contact"] == Visit.Contact.UNSUPERVISED
                and not visitor.cleared_for_unsupervised_contact
            ):
                messages.success(
                    request,
                    "Visit recorded. This visitor has no DBS check or approved risk assessment: the manager has been asked to act.",
                )
            else:
                messages.success(request, "Visit recorded.")
            return redirect(_detail(home, visitor))
    warning = (
        ""
        if visitor.cleared_for_unsupervised_contact
        else (
            f"{visitor.name} has no enhanced DBS check or approved risk assessment recorded: contact with children must be supervised by staff throughout."
        )
    )
    return _page(
        request, home, form, f"Record a visit by {visitor.name}", "Save and sign", _detail(home, visitor), warning
    )


@home_view(policies.can_review_records)
@require_http_methods(["GET", "POST"])
def visitor_dbs(request: HttpRequest, home: Home, visitor_id: str) -> HttpResponse:
    visitor = _visitor_or_404(home, visitor_id)
    form = DbsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.visitor_record_dbs(actor=request.user, visitor=visitor, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, "DBS check recorded.")
            return redirect(_detail(home, visitor))
    return _page(request, home, form, f"Record {visitor.name}'s DBS check", "Save", _detail(home, visitor))


@home_view(policies.can_review_records)
@require_http_methods(["GET", "POST"])
def visitor_risk_assessment(request: HttpRequest, home: Home, visitor_id: str) -> HttpResponse:
    visitor = _visitor_or_404(home, visitor_id)
    form = RiskAssessmentForm(request.POST or None, initial={"risk_assessment": visitor.risk_assessment})
    if request.method == "POST" and form.is_valid():
        try:
            services.visitor_approve_risk_assessment(actor=request.user, visitor=visitor, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, "Risk assessment approved.")
            return redirect(_detail(home, visitor))
    return _page(
        request,
        home,
        form,
        f"Approve a risk assessment for {visitor.name}",
        "Approve",
        _detail(home, visitor),
        "Only where a DBS check is not yet available. You approve it as the manager; your name and the time are recorded.",
    )
