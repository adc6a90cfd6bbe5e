"""What the rules find: the home dashboard, the findings page, and the mock inspection as a page
and a PDF. All read the same findings: the stored ones the background worker keeps current (``home_findings``)."""

import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from hearth.access import policies
from hearth.access.decorators import home_view
from hearth.children.selectors import children_current
from hearth.core.dates import today
from hearth.homes.models import Home
from hearth.oversight.engine import Finding
from hearth.oversight.models import Action
from hearth.oversight.pdf import mock_inspection_pdf
from hearth.oversight.selectors.dashboard import home_dashboard
from hearth.oversight.selectors.findings import (
    Requirement,
    findings_by_standard,
    home_findings,
    mock_inspection,
    severity_counts,
)
from hearth.oversight.selectors.monitoring import actions_tracking_findings
from hearth.oversight.selectors.trends import finding_trends
from hearth.oversight.services.stored import finding_acknowledge as finding_acknowledge_service


def subject_key(f: Finding) -> str:
    return f"{f.subject.type}:{f.subject.id}"


def _new_action_url(home: Home, f: Finding) -> str:
    query = urlencode(
        {
            "finding_code": f.code,
            "finding_subject": subject_key(f),
            "title": f.message,
            "regulation": f.regulation,
            "due": f.due.isoformat(),
        }
    )
    return reverse("oversight:action_new", kwargs={"home_id": home.public_id}) + "?" + query


def _with_actions(
    home: Home, grouped: list[tuple[str, list[Finding]]], tracked: dict[tuple[str, str], Action]
) -> list[tuple[str, list[tuple[Finding, Action | None, str]]]]:
    """Each finding with the open action tracking it, or the address to make one."""
    return [
        (
            standard,
            [(f, tracked.get((f.code, subject_key(f))), _new_action_url(home, f)) for f in group],
        )
        for standard, group in grouped
    ]


@home_view(policies.can_view_findings)
def dashboard(request: HttpRequest, home: Home) -> HttpResponse:
    as_of = today()
    found = home_findings(home=home, as_of=as_of)
    board = home_dashboard(home=home, as_of=as_of, now=timezone.now(), findings=found)
    return render(
        request,
        "oversight/dashboard.html",
        {
            "home": home,
            "board": board,
            "as_of": as_of,
            "by_standard": findings_by_standard(found),
            "trends": finding_trends(homes=[home], now=timezone.now()),
        },
    )


@home_view(policies.can_view_findings)
def findings(request: HttpRequest, home: Home) -> HttpResponse:
    as_of = today()
    found = home_findings(home=home, as_of=as_of)
    tracked = actions_tracking_findings(home=home)
    return render(
        request,
        "oversight/findings.html",
        {
            "home": home,
            "as_of": as_of,
            "findings": found,
            "by_standard": _with_actions(home, findings_by_standard(found), tracked),
            "counts": severity_counts(found),
            "can_manage_actions": policies.can_manage_actions(request.user, home),
        },
    )


@home_view(policies.can_manage_actions)
@require_POST
def finding_acknowledge(request: HttpRequest, home: Home) -> HttpResponse:
    """A manager takes a finding on: who and when are kept beside it (``StoredFinding``)."""
    try:
        row = finding_acknowledge_service(actor=request.user, home=home, key=request.POST.get("finding", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Acknowledged: {row.message[:120]}")
    return redirect("oversight:findings", home_id=home.public_id)


def _requirements(home: Home) -> tuple[list[Requirement], datetime.date]:
    as_of = today()
    found = home_findings(home=home, as_of=as_of)
    children = list(children_current(home=home, as_of=as_of))
    return mock_inspection(found, children=children), as_of


@home_view(policies.can_view_findings)
def mock_inspection_page(request: HttpRequest, home: Home) -> HttpResponse:
    requirements, as_of = _requirements(home)
    return render(
        request,
        "oversight/mock_inspection.html",
        {"home": home, "as_of": as_of, "requirements": requirements},
    )


@home_view(policies.can_view_findings)
def mock_inspection_download(request: HttpRequest, home: Home) -> HttpResponse:
    requirements, as_of = _requirements(home)
    pdf = mock_inspection_pdf(home=home, as_of_label=f"{as_of:%-d %B %Y}", requirements=requirements)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="mock-inspection-{home.urn}-{as_of.isoformat()}.pdf"'
    return response
