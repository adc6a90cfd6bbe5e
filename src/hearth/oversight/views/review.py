"""The manager's review queue: records awaiting review or sign-off, grouped by child and kind,
filtered; log entries signed one at a time from it or, routine ones, several together."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from hearth.access import policies
from hearth.access.decorators import home_view
from hearth.core.http import safe_next
from hearth.homes.models import Home
from hearth.oversight.selectors import review_queue
from hearth.oversight.selectors.queue_groups import KIND_LABELS, QueueFilters, group_queue, queue_choices
from hearth.records.forms import SignForm
from hearth.records.models import LogEntry
from hearth.records.services import log_entries_review_together, log_entry_review


def _queue_url(home: Home) -> str:
    return reverse("oversight:queue", kwargs={"home_id": home.public_id})


@home_view(policies.can_review_records)
def queue(request: HttpRequest, home: Home) -> HttpResponse:
    now = timezone.now()
    items = review_queue(home=home, now=now)
    children, kinds = queue_choices(items)
    asked = QueueFilters(
        child=request.GET.get("child", "") if request.GET.get("child", "") in children else "",
        kind=request.GET.get("kind", "") if request.GET.get("kind", "") in KIND_LABELS else "",
        overdue_only=request.GET.get("overdue") == "yes",
    )
    groups = group_queue(items, now=now, filters=asked)
    return render(
        request,
        "oversight/review_queue.html",
        {
            "home": home,
            "now": now,
            "total": len(items),
            "overdue": sum(1 for i in items if i.overdue(now)),
            "shown": sum(g.count for g in groups),
            "groups": groups,
            "filters": asked,
            "child_choices": children,
            "kind_choices": kinds,
            "filtered": asked != QueueFilters(),
        },
    )


@home_view(policies.can_review_records)
@require_POST
def sign_log(request: HttpRequest, home: Home, entry_id: str) -> HttpResponse:
    """Sign one entry. From the queue with htmx, only its row is answered, so the manager's place
    in the queue is kept; without it, the queue comes back as it was filtered."""
    entry = LogEntry.objects.filter(home=home).filter(public_id=entry_id).first()
    if entry is None:
        raise Http404("No such log entry.")
    form = SignForm(request.POST)
    form.is_valid()
    error = ""
    try:
        log_entry_review(actor=request.user, entry=entry, comment=form.cleaned_data.get("comment", ""))
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if getattr(request, "htmx", False):
        return render(request, "oversight/_queue_row_signed.html", {"entry": entry, "error": error})
    if error:
        messages.error(request, error)
    else:
        messages.success(request, "Log entry signed.")
    return redirect(safe_next(request, _queue_url(home)))


@home_view(policies.can_review_records)
@require_POST
def sign_logs(request: HttpRequest, home: Home) -> HttpResponse:
    """Sign the routine entries ticked in the queue, with one comment."""
    form = SignForm(request.POST)
    form.is_valid()
    try:
        outcome = log_entries_review_together(
            actor=request.user,
            home=home,
            entry_ids=request.POST.getlist("entries"),
            comment=form.cleaned_data.get("comment", ""),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if outcome.signed:
            count = len(outcome.signed)
            messages.success(request, f"{count} log entr{'y' if count == 1 else 'ies'} signed.")
        for entry, why in outcome.refused:
            when = timezone.localtime(entry.occurred_at)
            messages.error(request, f"Not signed, the entry of {when:%-d %B at %H:%M}: {why}")
        if outcome.already_yours:
            messages.info(request, f"{outcome.already_yours} of them you had signed already.")
        if outcome.not_found:
            messages.info(request, f"{outcome.not_found} of the entries chosen are no longer in this home's log.")
    return redirect(safe_next(request, _queue_url(home)))
