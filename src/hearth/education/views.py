"""A child's education: provision, PEP reviews, attendance, exclusions and the home's actions."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from hearth.access import policies
from hearth.access.decorators import child_view
from hearth.children.models import Child
from hearth.core.dates import today
from hearth.core.http import form_page
from hearth.education import services
from hearth.education.forms import AbsenceActionForm, AttendanceForm, ExclusionForm, PepReviewForm, ProvisionForm
from hearth.education.selectors import education_overview
from hearth.homes.models import Home


def page_url(home: Home, child: Child) -> str:
    return reverse("education:child", kwargs={"home_id": home.public_id, "child_id": child.public_id})


@child_view(policies.can_view_home)
def child_page(request: HttpRequest, home: Home, child: Child) -> HttpResponse:
    overview = education_overview(child=child, home=home, today=today())
    return render(
        request,
        "education/child.html",
        {
            "home": home,
            "child": child,
            "ed": overview,
            "can_write": policies.can_write_records(request.user, home) and policies.child_lives_at(child, home),
        },
    )


def _form(
    request: HttpRequest, home: Home, child: Child, form: Any, save: Any, success: str, title: str
) -> HttpResponse:
    back = page_url(home, child)
    return form_page(
        request,
        form,
        save=save,
        success=success,
        then=back,
        creates=True,
        title=title,
        caption=f"{child.display_name}'s education",
        home=home,
        back_url=back,
    )


@child_view(policies.can_write_records, lives_here=True)
@require_http_methods(["GET", "POST"])
def provision_new(request: HttpRequest, home: Home, child: Child) -> HttpResponse:
    form = ProvisionForm(request.POST or None, initial={"starts_on": today()})
    return _form(
        request,
        home,
        child,
        form,
        lambda d: services.provision_record(actor=request.user, home=home, child=child, **d),
        "School or provision recorded.",
        "Record a school or provision",
    )


@child_view(policies.can_write_records, lives_here=True)
@require_http_methods(["GET", "POST"])
def pep_new(request: HttpRequest, home: Home, child: Child) -> HttpResponse:
    form = PepReviewForm(request.POST or None, initial={"held_on": today()})
    return _form(
        request,
        home,
        child,
        form,
        lambda d: services.pep_review_record(actor=request.user, home=home, child=child, **d),
        "PEP review recorded.",
        "Record a Personal Education Plan review",
    )


@child_view(policies.can_write_records, lives_here=True)
@require_http_methods(["GET", "POST"])
def attendance_new(request: HttpRequest, home: Home, child: Child) -> HttpResponse:
    form = AttendanceForm(request.POST or None, initial={"on": today(), "am": "/", "pm": "\\"})
    return _form(
        request,
        home,
        child,
        form,
        lambda d: services.attendance_day_record(actor=request.user, home=home, child=child, **d),
        "Attendance recorded.",
        "Record a day's attendance",
    )


@child_view(policies.can_write_records, lives_here=True)
@require_http_methods(["GET", "POST"])
def exclusion_new(request: HttpRequest, home: Home, child: Child) -> HttpResponse:
    form = ExclusionForm(request.POST or None, initial={"starts_on": today()})
    return _form(
        request,
        home,
        child,
        form,
        lambda d: services.exclusion_record(actor=request.user, home=home, child=child, **d),
        "Suspension or exclusion recorded.",
        "Record a suspension or exclusion",
    )


@child_view(policies.can_write_records, lives_here=True)
@require_http_methods(["GET", "POST"])
def action_new(request: HttpRequest, home: Home, child: Child) -> HttpResponse:
    form = AbsenceActionForm(request.POST or None, initial={"on": today()})
    return _form(
        request,
        home,
        child,
        form,
        lambda d: services.absence_action_record(actor=request.user, home=home, child=child, **d),
        "Action recorded.",
        "Record what the home did about missed education",
    )
