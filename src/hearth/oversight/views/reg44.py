"""Regulation 44: the month-by-month record of visits, the visitor's report (draft, then submitted
and fixed), its recommendations and its distribution log."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from hearth.access import policies
from hearth.access.decorators import home_view
from hearth.audit.selectors import audit_events_for, history_entries
from hearth.children.selectors import children_current
from hearth.core.conflicts import VERSION_FIELD
from hearth.core.dates import today
from hearth.core.documents import document_pdf, pdf_response
from hearth.core.http import form_page
from hearth.homes.models import Home
from hearth.oversight import forms, services
from hearth.oversight.documents import reg44_document
from hearth.oversight.models import Reg44Visit
from hearth.oversight.selectors.monitoring import reg44_calendar, reg44_visits
from hearth.staff.selectors import staff_current

FIELDS = (
    "visited_on",
    "announced",
    "others_spoken_to",
    "records_sampled",
    "premises",
    "safeguarding_opinion",
    "safeguarding_reasons",
    "wellbeing_opinion",
    "wellbeing_reasons",
    "conflict_of_interest",
)


def _visit(home: Home, visit_id: str) -> Reg44Visit:
    visit = Reg44Visit.objects.filter(home=home, public_id=visit_id).first()
    if visit is None:
        raise Http404("No such report.")
    return visit


def _detail_url(home: Home, visit: Reg44Visit) -> str:
    return reverse("oversight:reg44_detail", kwargs={"home_id": home.public_id, "visit_id": visit.public_id})


def _report_form(request: HttpRequest, home: Home, **kwargs: Any) -> forms.Reg44VisitForm:
    as_of = today()
    return forms.Reg44VisitForm(
        request.POST or None,
        children=children_current(home=home, as_of=as_of),
        staff=staff_current(home=home, as_of=as_of),
        **kwargs,
    )


def _split(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "children": data["children"],
        "staff": data["staff"],
        **{name: data[name] for name in FIELDS},
    }


@home_view(policies.can_view_reg44_reports)
def reg44_list(request: HttpRequest, home: Home) -> HttpResponse:
    return render(
        request,
        "oversight/reg44_list.html",
        {
            "home": home,
            "months": reg44_calendar(home=home, as_of=today()),
            "visits": reg44_visits(home=home),
            "can_write": policies.can_write_reg44_report(request.user, home),
        },
    )


@home_view(policies.can_write_reg44_report)
@require_http_methods(["GET", "POST"])
def reg44_new(request: HttpRequest, home: Home) -> HttpResponse:
    return form_page(
        request,
        _report_form(request, home, initial={"visited_on": today()}),
        save=lambda data: services.reg44_visit_record(actor=request.user, home=home, **_split(data)),
        success="Draft report saved. Add recommendations, then submit it when it is finished.",
        then=lambda visit: _detail_url(home, visit),
        creates=True,
        title="Write a Regulation 44 visit report",
        intro="A draft until you submit it; once submitted it is signed with your name and cannot change.",
        home=home,
        back_url=reverse("oversight:reg44_list", kwargs={"home_id": home.public_id}),
        submit="Save draft",
    )


@home_view(policies.can_write_reg44_report)
@require_http_methods(["GET", "POST"])
def reg44_edit(request: HttpRequest, home: Home, visit_id: str) -> HttpResponse:
    visit = _visit(home, visit_id)
    if visit.submitted:
        messages.error(request, "This report has been submitted and signed; it can no longer be changed.")
        return redirect(_detail_url(home, visit))
    initial = {name: getattr(visit, name) for name in FIELDS}
    initial["children"] = list(visit.children_spoken_to.all())
    initial["staff"] = list(visit.staff_spoken_to.all())
    return form_page(
        request,
        _report_form(request, home, initial=initial),
        save=lambda data: services.reg44_visit_update(
            actor=request.user, visit=visit, expected_version=data[VERSION_FIELD], **_split(data)
        ),
        version_of=visit,
        success="Draft report saved.",
        then=_detail_url(home, visit),
        creates=False,
        title="Edit the draft report",
        caption=str(visit),
        home=home,
        back_url=_detail_url(home, visit),
        submit="Save draft",
    )


@home_view(policies.can_view_reg44_reports)
def reg44_detail(request: HttpRequest, home: Home, visit_id: str) -> HttpResponse:
    visit = _visit(home, visit_id)
    can_write = policies.can_write_reg44_report(request.user, home)
    return render(
        request,
        "oversight/reg44_detail.html",
        {
            "home": home,
            "visit": visit,
            "children": visit.children_spoken_to.all(),
            "staff": visit.staff_spoken_to.all(),
            "recommendations": visit.recommendations.select_related("owner").order_by("due_on"),
            "distribution": visit.distribution.all(),
            "sent_to_ofsted": any(d.recipient == "ofsted" for d in visit.distribution.all()),
            "can_write": can_write and not visit.submitted,
            "can_distribute": visit.submitted and policies.can_record_reg44_distribution(request.user, home),
            "history": history_entries(records=[visit, *visit.distribution.all()]),
            "events": audit_events_for(records=[visit]),
        },
    )


@home_view(policies.can_view_reg44_reports)
def reg44_pdf(request: HttpRequest, home: Home, visit_id: str) -> HttpResponse:
    """The report as the PDF sent to Ofsted and the placing authorities (Reg 44(5)-(7))."""
    visit = _visit(home, visit_id)
    return pdf_response(document_pdf(reg44_document(visit)), f"regulation-44-{home.urn}-{visit.visited_on}.pdf")


@home_view(policies.can_write_reg44_report)
@require_POST
def reg44_submit(request: HttpRequest, home: Home, visit_id: str) -> HttpResponse:
    visit = _visit(home, visit_id)
    try:
        services.reg44_visit_submit(actor=request.user, visit=visit)
    except ValidationError as exc:
        messages.error(request, "The report cannot be submitted yet: " + " ".join(exc.messages))
    else:
        messages.success(request, "Report submitted and signed. Log each copy you send, starting with Ofsted.")
    return redirect(_detail_url(home, visit))


@home_view(policies.can_write_reg44_report)
@require_http_methods(["GET", "POST"])
def reg44_recommendation(request: HttpRequest, home: Home, visit_id: str) -> HttpResponse:
    visit = _visit(home, visit_id)
    return form_page(
        request,
        forms.RecommendationForm(request.POST or None),
        save=lambda data: services.reg44_recommendation_add(actor=request.user, visit=visit, **data),
        success="Recommendation added. It becomes an action for the manager to own.",
        then=_detail_url(home, visit),
        creates=True,
        title="Add a recommendation",
        caption=str(visit),
        home=home,
        back_url=_detail_url(home, visit),
    )


@home_view(policies.can_record_reg44_distribution)
@require_http_methods(["GET", "POST"])
def reg44_distribution(request: HttpRequest, home: Home, visit_id: str) -> HttpResponse:
    visit = _visit(home, visit_id)
    return form_page(
        request,
        forms.DistributionForm(request.POST or None, initial={"sent_on": today(), "recipient": "ofsted"}),
        save=lambda data: services.reg44_distribution_record(actor=request.user, visit=visit, **data),
        success="Copy logged.",
        then=_detail_url(home, visit),
        creates=True,
        title="Log a copy sent",
        caption=str(visit),
        home=home,
        back_url=_detail_url(home, visit),
    )
