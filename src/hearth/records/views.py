"""The daily log, log entries with addenda and concern prompts, outings, and a child's chronology."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from hearth.access import policies
from hearth.access.decorators import child_view, home_view
from hearth.children.models import Child
from hearth.core.forms import apply_service_errors
from hearth.homes.models import Home
from hearth.records import selectors, services
from hearth.records.forms import AddendumForm, ConcernResponseForm, LogEntryForm, OutingForm
from hearth.records.models import LogEntry


def _entry_or_404(home: Home, entry_id: str) -> LogEntry:
    entry = selectors.log_entry_detail(home=home, entry_id=entry_id)
    if entry is None:
        raise Http404("No such log entry.")
    return entry


@home_view(policies.can_view_daily_log)
def log_list(request: HttpRequest, home: Home) -> HttpResponse:
    return render(
        request,
        "records/log_list.html",
        {
            "home": home,
            "entries": selectors.log_entries_for_home(home=home),
            "can_write": policies.can_write_records(request.user, home),
        },
    )


@home_view(policies.can_write_records)
@require_http_methods(["GET", "POST"])
def log_entry_new(request: HttpRequest, home: Home) -> HttpResponse:
    form = LogEntryForm(request.POST or None, home=home, initial={"children": request.GET.getlist("child")})
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.log_entry_create(actor=request.user, home=home, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, "Log entry saved and signed.")
            return redirect("records:entry", home_id=home.public_id, entry_id=entry.public_id)
    return render(
        request,
        "core/form_page.html",
        {
            "home": home,
            "form": form,
            "title": "Write a log entry",
            "submit": "Save and sign",
            "back_url": reverse("records:log", kwargs={"home_id": home.public_id}),
        },
    )


@home_view(policies.can_view_daily_log)
def log_entry_detail(request: HttpRequest, home: Home, entry_id: str) -> HttpResponse:
    entry = _entry_or_404(home, entry_id)
    return render(
        request,
        "records/entry_detail.html",
        {
            "home": home,
            "entry": entry,
            "responses": list(entry.concern_responses.all()),
            "can_write": policies.can_write_records(request.user, home),
            "can_review": policies.can_review_records(request.user, home),
        },
    )


@home_view(policies.can_write_records)
@require_http_methods(["GET", "POST"])
def addendum_new(request: HttpRequest, home: Home, entry_id: str) -> HttpResponse:
    entry = _entry_or_404(home, entry_id)
    form = AddendumForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.log_entry_add_addendum(actor=request.user, entry=entry, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, "Addendum added and signed. The original entry is unchanged.")
            return redirect("records:entry", home_id=home.public_id, entry_id=entry.public_id)
    return render(
        request,
        "core/form_page.html",
        {
            "home": home,
            "form": form,
            "title": "Add an addendum",
            "submit": "Add and sign",
            "intro": "A signed entry is never changed. An addendum sits beside it with your name, the time and your reason.",
            "back_url": reverse("records:entry", kwargs={"home_id": home.public_id, "entry_id": entry.public_id}),
        },
    )


@home_view(policies.can_write_records)
@require_http_methods(["GET", "POST"])
def concern_respond(request: HttpRequest, home: Home, entry_id: str) -> HttpResponse:
    entry = _entry_or_404(home, entry_id)
    form = ConcernResponseForm(request.POST or None, entry=entry)
    if request.method == "POST" and form.is_valid():
        try:
            services.concern_respond(actor=request.user, entry=entry, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, "What was done about the possible concern is recorded.")
            return redirect("records:entry", home_id=home.public_id, entry_id=entry.public_id)
    words = "; ".join(f"{cat}: {', '.join(w)}" for cat, w in entry.indicator_matches.items())
    return render(
        request,
        "core/form_page.html",
        {
            "home": home,
            "form": form,
            "title": "Respond to a possible concern",
            "submit": "Save",
            "intro": f"Words in the entry that may show a concern — {words}. You decide what they mean.",
            "back_url": reverse("records:entry", kwargs={"home_id": home.public_id, "entry_id": entry.public_id}),
        },
    )


@home_view(policies.can_view_daily_log)
def outing_list(request: HttpRequest, home: Home) -> HttpResponse:
    return render(
        request,
        "records/outing_list.html",
        {
            "home": home,
            "outings": selectors.outings_for_home(home=home),
            "can_write": policies.can_write_records(request.user, home),
        },
    )


@home_view(policies.can_write_records)
@require_http_methods(["GET", "POST"])
def outing_new(request: HttpRequest, home: Home) -> HttpResponse:
    form = OutingForm(request.POST or None, home=home)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if not k.startswith("adult_")}
        try:
            services.outing_create(actor=request.user, home=home, adults=form.adults(), **data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, "Outing recorded.")
            return redirect("records:outings", home_id=home.public_id)
    return render(
        request,
        "core/form_page.html",
        {
            "home": home,
            "form": form,
            "title": "Record an outing or contact",
            "submit": "Save and sign",
            "intro": "Check the address and who will be there before a child at risk of exploitation goes.",
            "back_url": reverse("records:outings", kwargs={"home_id": home.public_id}),
        },
    )


@child_view(policies.can_view_home)
def chronology(request: HttpRequest, home: Home, child: Child) -> HttpResponse:
    type_filter = request.GET.get("type", "")
    filters = selectors.chronology_filters()
    if type_filter and type_filter not in dict(filters):
        type_filter = ""
    return render(
        request,
        "records/chronology.html",
        {
            "home": home,
            "child": child,
            "items": selectors.child_chronology(child=child, home=home, type_filter=type_filter),
            "filters": filters,
            "type_filter": type_filter,
        },
    )
