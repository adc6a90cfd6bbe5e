"""The manager's review queue, and what the oversight rules find in the home's records."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from hearth.access import policies
from hearth.access.decorators import home_view
from hearth.children.selectors import children_current
from hearth.core.dates import today
from hearth.core.http import safe_next
from hearth.homes.models import Home
from hearth.oversight.engine import run_audit
from hearth.oversight.selectors import findings_by_standard, mock_inspection, review_queue, severity_counts
from hearth.records.forms import SignForm
from hearth.records.models import LogEntry
from hearth.records.services import log_entry_review


@home_view(policies.can_review_records)
def queue(request: HttpRequest, home: Home) -> HttpResponse:
    now = timezone.now()
    items = review_queue(home=home, now=now)
    overdue = sum(1 for i in items if i.overdue(now))
    return render(
        request, "oversight/review_queue.html", {"home": home, "items": items, "now": now, "overdue": overdue}
    )


@home_view(policies.can_review_records)
@require_POST
def sign_log(request: HttpRequest, home: Home, entry_id: str) -> HttpResponse:
    entry = LogEntry.objects.filter(home=home).filter(public_id=entry_id).first()
    if entry is None:
        raise Http404("No such log entry.")
    form = SignForm(request.POST)
    form.is_valid()
    try:
        log_entry_review(actor=request.user, entry=entry, comment=form.cleaned_data.get("comment", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Log entry signed.")
    return redirect(safe_next(request, reverse("oversight:queue", kwargs={"home_id": home.public_id})))


@home_view(policies.can_view_findings)
def findings(request: HttpRequest, home: Home) -> HttpResponse:
    as_of = today()
    found = run_audit(homes=[home], as_of=as_of)
    return render(
        request,
        "oversight/findings.html",
        {
            "home": home,
            "as_of": as_of,
            "findings": found,
            "by_standard": findings_by_standard(found),
            "counts": severity_counts(found),
        },
    )


@home_view(policies.can_view_findings)
def mock_inspection_page(request: HttpRequest, home: Home) -> HttpResponse:
    as_of = today()
    found = run_audit(homes=[home], as_of=as_of)
    children = list(children_current(home=home, as_of=as_of))
    return render(
        request,
        "oversight/mock_inspection.html",
        {"home": home, "as_of": as_of, "requirements": mock_inspection(found, children=children)},
    )
