"""The manager's review queue: records awaiting review or sign-off, and signing a log entry from it."""

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
