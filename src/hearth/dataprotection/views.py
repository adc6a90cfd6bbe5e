"""Requests to see one's records, and records whose keeping time is up (models.py)."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from hearth.access import policies
from hearth.access.decorators import home_view
from hearth.children.models import Child
from hearth.core.dates import today
from hearth.core.http import form_page
from hearth.dataprotection import forms, services
from hearth.dataprotection.models import RetentionDecision, SubjectAccessRequest
from hearth.dataprotection.selectors import records_due, request_state, requests_of
from hearth.homes.models import Home
from hearth.staff.models import StaffMember


def _list_url(home: Home) -> str:
    return reverse("dataprotection:requests", kwargs={"home_id": home.public_id})


def _request(home: Home, request_id: Any) -> SubjectAccessRequest:
    found = requests_of(home).filter(public_id=request_id).first()
    if found is None:
        raise Http404("No such request.")
    return found


@home_view(policies.can_manage_subject_access)
def request_list(request: HttpRequest, home: Home) -> HttpResponse:
    day = today()
    rows = [(r, request_state(r, day)) for r in requests_of(home)[:200]]
    return render(request, "dataprotection/requests.html", {"home": home, "rows": rows, "today": day})


@home_view(policies.can_manage_subject_access)
@require_http_methods(["GET", "POST"])
def request_new(request: HttpRequest, home: Home) -> HttpResponse:
    return form_page(
        request,
        forms.RequestForm(request.POST or None, home=home, initial={"received_on": today()}),
        save=lambda d: services.subject_access_request_record(actor=request.user, home=home, **d),
        success=lambda r: f"Request recorded. Answer it by {r.due_on:%-d %B %Y}.",
        then=_list_url(home),
        creates=True,
        title="Record a request to see records",
        intro="Someone asking for the records about them (a subject access request) is answered within one month.",
        home=home,
        back_url=_list_url(home),
    )


@home_view(policies.can_manage_subject_access)
@require_http_methods(["GET", "POST"])
def request_extend(request: HttpRequest, home: Home, request_id: Any) -> HttpResponse:
    found = _request(home, request_id)
    return form_page(
        request,
        forms.ExtendForm(request.POST or None),
        save=lambda d: services.subject_access_extend(actor=request.user, request=found, **d),
        success="Extended. Tell the requester why.",
        then=_list_url(home),
        creates=False,
        title=f"Extend the time to answer {found.requester_name}",
        intro=request_state(found, today()),
        home=home,
        back_url=_list_url(home),
    )


@home_view(policies.can_manage_subject_access)
@require_http_methods(["GET", "POST"])
def request_answer(request: HttpRequest, home: Home, request_id: Any) -> HttpResponse:
    found = _request(home, request_id)
    return form_page(
        request,
        forms.AnswerForm(request.POST or None, initial={"responded_on": today()}),
        save=lambda d: services.subject_access_answer(actor=request.user, request=found, **d),
        success="Answer recorded.",
        then=_list_url(home),
        creates=False,
        title=f"Record the answer to {found.requester_name}",
        intro=request_state(found, today()),
        home=home,
        back_url=_list_url(home),
    )


@home_view(policies.can_view_records_due)
def records_due_list(request: HttpRequest, home: Home) -> HttpResponse:
    return render(
        request,
        "dataprotection/records_due.html",
        {
            "home": home,
            "due": records_due(home_ids=[home.pk], as_of=today()),
            "decisions": RetentionDecision.objects.filter(home=home).select_related("child", "staff_member")[:100],
            "can_decide": policies.can_decide_retention(request.user, home),
        },
    )


@home_view(policies.can_decide_retention)
@require_http_methods(["GET", "POST"])
def decide(request: HttpRequest, home: Home, kind: str, record_id: Any) -> HttpResponse:
    due = {(r.kind, str(r.record.public_id)): r for r in records_due(home_ids=[home.pk], as_of=today())}
    found = due.get((kind, str(record_id)))
    if found is None:
        raise Http404("No such record awaiting a decision.")
    child = found.record if isinstance(found.record, Child) else None
    member = found.record if isinstance(found.record, StaffMember) else None
    back = reverse("dataprotection:records_due", kwargs={"home_id": home.public_id})
    return form_page(
        request,
        forms.DecisionForm(request.POST or None, initial={"decided_on": today()}),
        save=lambda d: services.retention_decision_record(
            actor=request.user, home=home, child=child, staff_member=member, **d
        ),
        success="Decision recorded.",
        then=back,
        creates=True,
        title=f"Decide on {found.label}",
        intro=f"Its keeping time was up on {found.due_on:%-d %B %Y}.",
        home=home,
        back_url=back,
    )
