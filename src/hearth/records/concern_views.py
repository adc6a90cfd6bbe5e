"""Possible concerns in the daily log: checked as the worker writes, prompted before saving, and
raised as an incident straight from the prompt (rules.md protection.concern_not_actioned)."""

import hashlib
from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from hearth.access import policies
from hearth.access.decorators import home_view
from hearth.core.http import form_page
from hearth.homes.models import Home
from hearth.incidents.forms import IncidentForm
from hearth.records import services
from hearth.records.models import LogEntry
from hearth.risk.indicators import CATEGORY_LABELS, Match, detect
from hearth.risk.selectors import INDICATOR_DOMAINS


def concern_digest(text: str) -> str:
    """Names the text a prompt was shown for: if the writer changes it, they are asked again."""
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()[:20]


def prompt_needed(request: HttpRequest, text: str) -> list[Match]:
    """The possible concerns to show before saving ``text``; none once the writer has seen them."""
    found = detect(text)
    return [] if request.POST.get("concern_seen") == concern_digest(text) else found


def saved_warning(entry: LogEntry, raising: bool) -> str | None:
    """What the writer is told once a possible concern is saved: a warning, not a success."""
    if not entry.indicator_categories:
        return None
    labels = ", ".join(CATEGORY_LABELS.get(c, c) for c in entry.indicator_categories)
    if raising:
        return f"Log entry saved and signed. Now record the incident ({labels}): the form is filled in from the entry."
    return (
        f"Log entry saved and signed. It may show a possible concern ({labels}). Raise an incident, "
        "or record why it is not a concern, within 24 hours; the manager sees it in the review queue."
    )


def after_saving(home: Home, raising: bool) -> Callable[[LogEntry], str]:
    def url(entry: LogEntry) -> str:
        kwargs = {"home_id": home.public_id, "entry_id": entry.public_id}
        if raising and entry.indicator_categories:
            return reverse("records:concern_incident", kwargs=kwargs)
        return reverse("records:entry", kwargs=kwargs)

    return url


@home_view(policies.can_write_records)
@require_POST
def entry_check(request: HttpRequest, home: Home) -> HttpResponse:
    """htmx: the possible concerns in the text being written, as the writer types."""
    text = request.POST.get("text", "")
    return render(request, "records/_concern_prompt.html", {"concerns": detect(text), "live": True})


def _incident_form(request: HttpRequest, home: Home, entry: LogEntry) -> IncidentForm:
    categories = list(entry.indicator_categories or ())
    domains = sorted({d for c in categories for d in INDICATOR_DOMAINS.get(c, ())})
    initial: dict[str, Any] = {
        "type": services.concern_incident_type(categories),
        "severity": None,  # a person judges how serious it is
        "occurred_at": timezone.localtime(entry.occurred_at).replace(tzinfo=None),
        "what_happened": entry.text,
        "risk_domains": domains,
        **{f"child_{c.pk}": "subject" for c in entry.children.all()},
    }
    form = IncidentForm(request.POST or None, home=home, initial=initial)
    form.fields["severity"].initial = None
    return form


@home_view(policies.can_write_records)
@require_http_methods(["GET", "POST"])
def concern_incident(request: HttpRequest, home: Home, entry_id: str) -> HttpResponse:
    """The incident form, filled from the entry whose possible concern it answers."""
    entry = LogEntry.objects.filter(home=home, public_id=entry_id, voided_at__isnull=True).first()
    if entry is None or not entry.indicator_categories:
        raise Http404("No such log entry with a possible concern.")
    entry_url = reverse("records:entry", kwargs={"home_id": home.public_id, "entry_id": entry.public_id})
    form = _incident_form(request, home, entry)

    labels = ", ".join(CATEGORY_LABELS.get(c, c).lower() for c in entry.indicator_categories)
    missing = "missing" in entry.indicator_categories
    return form_page(
        request,
        form,
        save=lambda data: services.concern_incident_raise(actor=request.user, entry=entry, **form.incident()),
        success="Incident recorded and signed, and the possible concern in the log entry is answered by it.",
        then=lambda incident: reverse(
            "incidents:detail", kwargs={"home_id": home.public_id, "incident_id": incident.public_id}
        ),
        creates=True,
        title="Raise an incident from a log entry",
        submit="Save and sign",
        home=home,
        back_url=entry_url,
        intro=(
            f"The entry may show {labels}. The form is filled in from it: check each answer, say how serious it is "
            "and what staff did."
            + (" If the child is missing now, record a missing episode instead." if missing else "")
        ),
    )
