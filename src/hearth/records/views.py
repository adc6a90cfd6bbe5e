"""The daily log, log entries with addenda and concern prompts, outings, and a child's chronology."""

import uuid
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth.access import policies
from hearth.access.decorators import child_view, home_view
from hearth.children.models import Child
from hearth.children.selectors import children_current
from hearth.core.dates import today
from hearth.core.documents import document_pdf, pdf_response
from hearth.core.http import form_page, void_page
from hearth.core.paging import paged
from hearth.core.services import signature_name
from hearth.homes.models import Home
from hearth.records import concern_views, selectors, services
from hearth.records.documents import chronology_document
from hearth.records.forms import AddendumForm, ChronologyForm, ConcernResponseForm, LogEntryForm, OutingForm
from hearth.records.models import LogEntry


def _entry_or_404(home: Home, entry_id: str, *, void_too: bool = False) -> LogEntry:
    """The entry, or 404; a voided one only for reading (nothing more is added to it)."""
    entry = selectors.log_entry_detail(home=home, entry_id=entry_id)
    if entry is None or (entry.is_void and not void_too):
        raise Http404("No such log entry.")
    return entry


def _children_asked_for(request: HttpRequest, home: Home) -> list[int]:
    """Children named by public id in ``?child=`` (from a child's page), if they live here now."""
    wanted = []
    for value in request.GET.getlist("child"):
        try:
            wanted.append(uuid.UUID(value))
        except ValueError:
            continue
    return list(children_current(home=home, as_of=today()).filter(public_id__in=wanted).values_list("pk", flat=True))


def _entry_url(home: Home, entry: LogEntry) -> str:
    return reverse("records:entry", kwargs={"home_id": home.public_id, "entry_id": entry.public_id})


LOG_PER_PAGE = 50


@home_view(policies.can_view_daily_log)
def log_list(request: HttpRequest, home: Home) -> HttpResponse:
    """The daily log, newest first, 50 to a page; narrowing it is the search page's work."""
    return render(
        request,
        "records/log_list.html",
        {
            "home": home,
            "paged": paged(selectors.log_entries_for_home(home=home, limit=None), request, per_page=LOG_PER_PAGE),
            "can_write": policies.can_write_records(request.user, home),
        },
    )


@home_view(policies.can_write_records)
@require_http_methods(["GET", "POST"])
def log_entry_new(request: HttpRequest, home: Home) -> HttpResponse:
    """Write and sign an entry. A possible concern is shown as the worker types and, before saving,
    asked about: save and raise an incident, or save without one (the manager then asks why)."""
    form = LogEntryForm(request.POST or None, home=home, initial={"children": _children_asked_for(request, home)})
    page: dict[str, Any] = {
        "title": "Write a log entry",
        "home": home,
        "back_url": reverse("records:log", kwargs={"home_id": home.public_id}),
    }
    extra = {"check_url": reverse("records:entry_check", kwargs={"home_id": home.public_id})}
    if request.method == "POST" and form.is_valid():
        prompt = concern_views.prompt_needed(request, form.cleaned_data["text"])
        if prompt:  # asked before saving: nothing is saved until the writer chooses
            seen = concern_views.concern_digest(form.cleaned_data["text"])
            context = {**page, **extra, "form": form, "prompt": prompt, "concern_seen": seen}
            return render(request, "records/entry_form.html", context)
    raising = request.POST.get("then") == "incident"
    return form_page(
        request,
        form,
        save=lambda data: services.log_entry_create(actor=request.user, home=home, **data),
        success="Log entry saved and signed.",
        warning=lambda entry: concern_views.saved_warning(entry, raising),
        then=concern_views.after_saving(home, raising),
        creates=True,
        submit="Save and sign",
        template="records/entry_form.html",
        extra=extra,
        **page,
    )


@home_view(policies.can_view_daily_log)
def log_entry_detail(request: HttpRequest, home: Home, entry_id: str) -> HttpResponse:
    entry = _entry_or_404(home, entry_id, void_too=True)
    return render(
        request,
        "records/entry_detail.html",
        {
            "home": home,
            "entry": entry,
            "responses": list(entry.concern_responses.all()),
            "can_write": policies.can_write_records(request.user, home) and not entry.is_void,
            "can_review": policies.can_review_records(request.user, home) and not entry.is_void,
            "can_void": policies.can_void_records(request.user, home) and not entry.is_void,
        },
    )


@home_view(policies.can_write_records)
@require_http_methods(["GET", "POST"])
def addendum_new(request: HttpRequest, home: Home, entry_id: str) -> HttpResponse:
    entry = _entry_or_404(home, entry_id)
    return form_page(
        request,
        AddendumForm(request.POST or None),
        save=lambda data: services.log_entry_add_addendum(actor=request.user, entry=entry, **data),
        success="Addendum added and signed. The original entry is unchanged.",
        then=_entry_url(home, entry),
        creates=True,
        title="Add an addendum",
        submit="Add and sign",
        home=home,
        back_url=_entry_url(home, entry),
        intro="A signed entry is never changed. An addendum sits beside it with your name, the time and your reason.",
    )


@home_view(policies.can_write_records)
@require_http_methods(["GET", "POST"])
def concern_respond(request: HttpRequest, home: Home, entry_id: str) -> HttpResponse:
    entry = _entry_or_404(home, entry_id)
    words = "; ".join(f"{cat}: {', '.join(w)}" for cat, w in entry.indicator_matches.items())
    return form_page(
        request,
        ConcernResponseForm(request.POST or None, entry=entry),
        save=lambda data: services.concern_respond(actor=request.user, entry=entry, **data),
        success="What was done about the possible concern is recorded.",
        then=_entry_url(home, entry),
        creates=True,
        title="Respond to a possible concern",
        home=home,
        back_url=_entry_url(home, entry),
        intro=f"Words in the entry that may show a concern — {words}. You decide what they mean.",
    )


@home_view(policies.can_view_daily_log)
def outing_list(request: HttpRequest, home: Home) -> HttpResponse:
    return render(
        request,
        "records/outing_list.html",
        {
            "home": home,
            "paged": paged(selectors.outings_for_home(home=home, limit=None), request, per_page=LOG_PER_PAGE),
            "can_write": policies.can_write_records(request.user, home),
        },
    )


@home_view(policies.can_write_records)
@require_http_methods(["GET", "POST"])
def outing_new(request: HttpRequest, home: Home) -> HttpResponse:
    form = OutingForm(request.POST or None, home=home)
    outings = reverse("records:outings", kwargs={"home_id": home.public_id})
    return form_page(
        request,
        form,
        save=lambda data: services.outing_create(
            actor=request.user,
            home=home,
            adults=form.adults(),
            **{k: v for k, v in data.items() if not k.startswith("adult_")},
        ),
        success="Outing recorded.",
        then=outings,
        creates=True,
        title="Record an outing or contact",
        submit="Save and sign",
        home=home,
        back_url=outings,
        intro="Check the address and who will be there before a child at risk of exploitation goes.",
    )


def _chronology_asked(request: HttpRequest, home: Home, child: Child) -> dict[str, Any]:
    """The chronology the request asks for: a type, and a date range (``from``, ``to``); a date
    that is not one, or a range the wrong way round, is said beside its field and not applied."""
    form = ChronologyForm(request.GET or None)
    asked = form.cleaned_data if form.is_bound and form.is_valid() else {}
    type_filter = asked.get("type", "")
    return {
        "home": home,
        "child": child,
        "form": form,
        "items": selectors.child_chronology(
            child=child,
            home=home,
            type_filter=type_filter,
            readable_child_ids=policies.children_readable_by(request.user, home),
            date_from=asked.get("date_from"),
            date_to=asked.get("date_to"),
        ),
        "type_filter": type_filter,
        "type_label": dict(form.fields["type"].choices).get(type_filter, "Everything"),  # type: ignore[attr-defined]
        "asked": asked,
    }


@child_view(policies.can_view_home)
def chronology(request: HttpRequest, home: Home, child: Child) -> HttpResponse:
    return render(request, "records/chronology.html", _chronology_asked(request, home, child))


@child_view(policies.can_view_home)
def chronology_pdf(request: HttpRequest, home: Home, child: Child) -> HttpResponse:
    """The chronology as printed: the same filters and dates, oldest first, with who printed it."""
    page = _chronology_asked(request, home, child)
    asked = page["asked"]
    document = chronology_document(
        child=child,
        home=home,
        items=page["items"],
        date_from=asked.get("date_from"),
        date_to=asked.get("date_to"),
        type_label=page["type_label"],
        printed_by=signature_name(request.user),
        printed_at=timezone.localtime(),
    )
    return pdf_response(document_pdf(document), f"chronology-{child.initials}-{timezone.localdate()}.pdf")


@home_view(policies.can_void_records)
@require_http_methods(["GET", "POST"])
def log_entry_void(request: HttpRequest, home: Home, entry_id: str) -> HttpResponse:
    entry = _entry_or_404(home, entry_id)
    return void_page(
        request,
        home=home,
        what="log entry",
        void=lambda why: services.log_entry_void(actor=request.user, entry=entry, comment=why),
        record_url=_entry_url(home, entry),
    )
