"""Measures of control, discipline and restriction: the home's list, a measure's page, and its
forms (Regulations 19, 20 and 35)."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth.access import policies
from hearth.access.decorators import home_view
from hearth.control import forms, services
from hearth.control.models import ControlMeasure
from hearth.control.selectors import measure_needs, measures_of, review_due
from hearth.core.http import form_page
from hearth.core.paging import paged
from hearth.homes.models import Home


def _list_url(home: Home) -> str:
    return reverse("control:list", kwargs={"home_id": home.public_id})


def _detail_url(measure: ControlMeasure) -> str:
    return reverse("control:detail", kwargs={"home_id": measure.home.public_id, "measure_id": measure.public_id})


def _measure(home: Home, measure_id: Any) -> ControlMeasure:
    measure = measures_of(home).filter(public_id=measure_id).first()
    if measure is None:
        raise Http404("No such measure.")
    return measure


@home_view(policies.can_view_control_measures)
def measure_list(request: HttpRequest, home: Home) -> HttpResponse:
    listed = paged(measures_of(home), request, per_page=50)
    rows = [(m, measure_needs(m)) for m in listed.items]
    return render(
        request,
        "control/list.html",
        {
            "home": home,
            "rows": rows,
            "paged": listed,
            "can_record": policies.can_record_control_measure(request.user, home),
        },
    )


@home_view(policies.can_record_control_measure)
@require_http_methods(["GET", "POST"])
def measure_new(request: HttpRequest, home: Home) -> HttpResponse:
    form = forms.MeasureForm(
        request.POST or None, home=home, initial={"at": timezone.localtime().strftime("%Y-%m-%dT%H:%M")}
    )
    return form_page(
        request,
        form,
        save=lambda d: services.control_measure_record(actor=request.user, home=home, **d),
        success="Measure recorded. A manager reviews it within 7 days.",
        then=_detail_url,
        creates=True,
        title="Record a consequence, sanction or restriction",
        intro="Regulation 19 forbids some measures outright: corporal punishment, anything to do with food or drink, "
        "stopping contact with family or a social worker as a punishment, fines beyond reparation, intimate "
        "searches, withholding medication, and depriving a child of sleep. Restraint has its own form.",
        home=home,
        back_url=_list_url(home),
    )


@home_view(policies.can_view_control_measures)
def measure_detail(request: HttpRequest, home: Home, measure_id: Any) -> HttpResponse:
    measure = _measure(home, measure_id)
    return render(
        request,
        "control/detail.html",
        {
            "home": home,
            "measure": measure,
            "needs": measure_needs(measure),
            "review_due": review_due(measure),
            "can_write": policies.can_record_control_measure(request.user, home),
            "can_review": policies.can_review_control_measures(request.user, home),
        },
    )


@home_view(policies.can_record_control_measure)
@require_http_methods(["GET", "POST"])
def child_view(request: HttpRequest, home: Home, measure_id: Any) -> HttpResponse:
    measure = _measure(home, measure_id)
    return form_page(
        request,
        forms.ChildViewForm(request.POST or None),
        save=lambda d: services.control_child_view_record(actor=request.user, measure=measure, **d),
        success="The child's view is recorded.",
        then=_detail_url(measure),
        creates=False,
        title=f"What {measure.child.display_name} said about it",
        home=home,
        back_url=_detail_url(measure),
    )


@home_view(policies.can_review_control_measures)
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, home: Home, measure_id: Any) -> HttpResponse:
    measure = _measure(home, measure_id)
    return form_page(
        request,
        forms.ReviewForm(request.POST or None),
        save=lambda d: services.control_review_record(actor=request.user, measure=measure, comment=d["comment"]),
        success="Review recorded.",
        then=_detail_url(measure),
        creates=False,
        title="Review the measure",
        intro=f"{measure.get_kind_display()} for {measure.child.display_name}: {measure.measure}",
        home=home,
        back_url=_detail_url(measure),
    )
