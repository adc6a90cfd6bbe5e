"""Incidents, missing episodes, physical interventions and notifications: record, read, review."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from hearth.access import policies
from hearth.access.decorators import home_view
from hearth.core.conflicts import VERSION_FIELD
from hearth.core.documents import document_pdf, pdf_response
from hearth.core.forms import apply_service_errors
from hearth.core.http import already_saved, form_page, safe_next, void_page
from hearth.core.paging import paged
from hearth.core.submissions import submit_once
from hearth.homes.models import Home
from hearth.incidents import selectors, services
from hearth.incidents.documents import notification_document
from hearth.incidents.forms import (
    IncidentForm,
    MissingActionForm,
    MissingForm,
    MissingUpdateForm,
    NotificationForm,
    PhysicalInterventionForm,
    prefill_from_link,
)
from hearth.incidents.models import Incident, PhysicalIntervention
from hearth.records.forms import AddendumForm, SignForm


def _incident_or_404(home: Home, incident_id: Any, *, void_too: bool = False) -> Incident:
    """The incident, or 404; a voided one only for reading (nothing more is added to it)."""
    incident = selectors.incident_detail(home=home, incident_id=incident_id)
    if incident is None or (incident.is_void and not void_too):
        raise Http404("No such incident.")
    return incident


def _intervention_or_404(home: Home, intervention_id: Any) -> PhysicalIntervention:
    found = (
        PhysicalIntervention.objects.filter(incident__home=home, public_id=intervention_id)
        .select_related("incident")
        .first()
    )
    if found is None:
        raise Http404("No such physical intervention.")
    return found


def _detail_url(home: Home, incident: Incident) -> str:
    return reverse("incidents:detail", kwargs={"home_id": home.public_id, "incident_id": incident.public_id})


@home_view(policies.can_view_home_records)
def incident_list(request: HttpRequest, home: Home) -> HttpResponse:
    type_filter = request.GET.get("type", "")
    if type_filter not in Incident.Type.values:
        type_filter = ""
    return render(
        request,
        "incidents/list.html",
        {
            "home": home,
            "paged": paged(selectors.incidents_for_home(home=home, type=type_filter, limit=None), request, per_page=50),
            "types": Incident.Type.choices,
            "type_filter": type_filter,
            "can_write": policies.can_write_records(request.user, home),
        },
    )


@home_view(policies.can_write_records)
@require_http_methods(["GET", "POST"])
def incident_new(request: HttpRequest, home: Home) -> HttpResponse:
    form = IncidentForm(request.POST or None, home=home)
    if request.method == "GET":
        prefill_from_link(form, request.GET)

    return form_page(
        request,
        form,
        save=lambda data: services.incident_create(actor=request.user, home=home, **form.incident()),
        success="Incident recorded and signed. The manager will review it.",
        then=lambda incident: _detail_url(home, incident),
        creates=True,
        title="Record an incident",
        submit="Save and sign",
        home=home,
        back_url=reverse("incidents:list", kwargs={"home_id": home.public_id}),
    )


@home_view(policies.can_view_home_records)
def incident_detail(request: HttpRequest, home: Home, incident_id: str) -> HttpResponse:
    incident = _incident_or_404(home, incident_id, void_too=True)
    pi = getattr(incident, "physical_intervention", None)
    episode = getattr(incident, "missing_episode", None)
    return render(
        request,
        "incidents/detail.html",
        {
            "home": home,
            "incident": incident,
            "pi": pi,
            "episode": episode,
            "now": timezone.now(),
            "clocks": selectors.restraint_clocks(pi, timezone.now()) if pi else [],
            "outstanding": selectors.recipient_labels(selectors.notifications_outstanding(incident)),
            "notification_due": selectors.notification_deadline(incident),
            "can_write": policies.can_write_records(request.user, home) and not incident.is_void,
            "can_review": policies.can_review_records(request.user, home) and not incident.is_void,
            "can_void": policies.can_void_records(request.user, home) and not incident.is_void,
            "sign_form": SignForm(),
            "action_form": MissingActionForm(),
        },
    )


@home_view(policies.can_write_records)
@require_http_methods(["GET", "POST"])
def incident_addendum(request: HttpRequest, home: Home, incident_id: str) -> HttpResponse:
    incident = _incident_or_404(home, incident_id)
    return form_page(
        request,
        AddendumForm(request.POST or None),
        save=lambda data: services.incident_add_addendum(actor=request.user, incident=incident, **data),
        success="Addendum added and signed. The original record is unchanged.",
        then=_detail_url(home, incident),
        creates=True,
        title="Add an addendum to the incident",
        submit="Add and sign",
        home=home,
        back_url=_detail_url(home, incident),
        intro="A signed record is never changed. An addendum sits beside it with your name, the time and your reason.",
    )


@home_view(policies.can_review_records)
@require_POST
def incident_review(request: HttpRequest, home: Home, incident_id: str) -> HttpResponse:
    incident = _incident_or_404(home, incident_id)
    form = SignForm(request.POST)
    form.is_valid()
    try:
        services.incident_review(actor=request.user, incident=incident, comment=form.cleaned_data.get("comment", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Reviewed: {incident}.")
    return redirect(safe_next(request, _detail_url(home, incident)))


@home_view(policies.can_review_records)
@require_http_methods(["GET", "POST"])
def notify(request: HttpRequest, home: Home, incident_id: str) -> HttpResponse:
    incident = _incident_or_404(home, incident_id)
    outstanding = selectors.notifications_outstanding(incident)
    due = timezone.localtime(selectors.notification_deadline(incident))
    still = ", ".join(selectors.recipient_labels(outstanding)) or "nobody (all required notifications are recorded)"
    return form_page(
        request,
        NotificationForm(request.POST or None),  # none ticked for them: each one told is a deliberate tick
        save=lambda data: services.notifications_record(actor=request.user, incident=incident, **data),
        success=lambda made: f"Notification recorded for {', '.join(n.get_recipient_display() for n in made)}.",
        then=_detail_url(home, incident),
        creates=True,
        title="Record a Regulation 40 notification",
        home=home,
        back_url=_detail_url(home, incident),
        intro=f"{incident}. Due by {due:%d %B %Y, %H:%M}. Still to notify: {still}.",
    )


@home_view(policies.can_view_home_records)
def notification_pdf(request: HttpRequest, home: Home, incident_id: str) -> HttpResponse:
    """The Regulation 40 notification as a document to send (or attach to Ofsted's form)."""
    incident = _incident_or_404(home, incident_id)
    occurred = timezone.localtime(incident.occurred_at)
    return pdf_response(
        document_pdf(notification_document(incident)), f"regulation-40-{home.urn}-{occurred:%Y-%m-%d}.pdf"
    )


@home_view(policies.can_write_records)
@require_http_methods(["GET", "POST"])
def missing_new(request: HttpRequest, home: Home) -> HttpResponse:
    return form_page(
        request,
        MissingForm(request.POST or None, home=home),
        save=lambda data: services.missing_episode_create(actor=request.user, home=home, **data),
        success="Missing episode recorded. Add each call, search and check as you make it.",
        then=lambda episode: _detail_url(home, episode.incident),
        creates=True,
        title="Report a child missing or away",
        submit="Save and sign",
        home=home,
        back_url=reverse("incidents:list", kwargs={"home_id": home.public_id}),
        intro="Missing: nobody knows where the child is. Away without authorisation: you know where, but it is not where they should be.",
    )


@home_view(policies.can_write_records)
@require_http_methods(["GET", "POST"])
def missing_update(request: HttpRequest, home: Home, incident_id: str) -> HttpResponse:
    incident = _incident_or_404(home, incident_id)
    episode = getattr(incident, "missing_episode", None)
    if episode is None:
        raise Http404("Not a missing episode.")
    fields = list(MissingUpdateForm.base_fields)

    def save(data: dict[str, Any]) -> Any:
        changes = {f: data[f] for f in fields if data[f] != getattr(episode, f)}
        return services.missing_episode_update(
            actor=request.user, episode=episode, expected_version=data[VERSION_FIELD], **changes
        )

    return form_page(
        request,
        MissingUpdateForm(request.POST or None, initial={f: getattr(episode, f) for f in fields}),
        save=save,
        success="Missing episode updated.",
        then=_detail_url(home, incident),
        creates=False,
        title="Update the missing episode",
        version_of=episode,
        home=home,
        back_url=_detail_url(home, incident),
    )


@home_view(policies.can_write_records)
@require_POST
def missing_action_add(request: HttpRequest, home: Home, incident_id: str) -> HttpResponse:
    incident = _incident_or_404(home, incident_id)
    episode = getattr(incident, "missing_episode", None)
    if episode is None:
        raise Http404("Not a missing episode.")
    form = MissingActionForm(request.POST)
    outcome = None
    if form.is_valid():
        try:
            outcome = submit_once(
                request,
                save=lambda: services.missing_action_add(actor=request.user, episode=episode, **form.cleaned_data),
                then=lambda _: _detail_url(home, incident) + "#actions",
                creates=True,
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
    if outcome is None:
        context = {
            "home": home,
            "form": form,
            "title": "Add an action taken while missing",
            "submit": "Add",
            "back_url": _detail_url(home, incident),
        }
        return render(request, "core/form_page.html", context)
    messages.add_message(
        request,
        messages.INFO if outcome.repeated else messages.SUCCESS,
        already_saved(outcome.saved_at) if outcome.repeated else "Action added.",
    )
    return redirect(outcome.url)


@home_view(policies.can_write_records)
@require_http_methods(["GET", "POST"])
def restraint_new(request: HttpRequest, home: Home) -> HttpResponse:
    return form_page(
        request,
        PhysicalInterventionForm(request.POST or None, home=home),
        save=lambda data: services.physical_intervention_create(actor=request.user, home=home, **data),
        success="Physical intervention recorded. The manager must speak to the staff and sign within 48 hours.",
        then=lambda pi: _detail_url(home, pi.incident),
        creates=True,
        title="Record a physical intervention",
        submit="Save and sign",
        home=home,
        back_url=reverse("incidents:list", kwargs={"home_id": home.public_id}),
        intro="Regulation 35: record it within 24 hours of the intervention.",
    )


def _restraint_step(request: HttpRequest, home: Home, intervention_id: str, step: Any, done: str) -> HttpResponse:
    intervention = _intervention_or_404(home, intervention_id)
    form = SignForm(request.POST)
    form.is_valid()
    try:
        step(actor=request.user, intervention=intervention, comment=form.cleaned_data.get("comment", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect(safe_next(request, _detail_url(home, intervention.incident)))


@home_view(policies.can_review_records)
@require_POST
def restraint_sign(request: HttpRequest, home: Home, intervention_id: str) -> HttpResponse:
    return _restraint_step(
        request, home, intervention_id, services.physical_intervention_sign, "Signed: you spoke to the staff."
    )


@home_view(policies.can_review_records)
@require_POST
def restraint_child(request: HttpRequest, home: Home, intervention_id: str) -> HttpResponse:
    return _restraint_step(
        request, home, intervention_id, services.physical_intervention_child_spoken, "Recorded: you spoke to the child."
    )


@home_view(policies.can_void_records)
@require_http_methods(["GET", "POST"])
def incident_void(request: HttpRequest, home: Home, incident_id: str) -> HttpResponse:
    incident = _incident_or_404(home, incident_id)
    return void_page(
        request,
        home=home,
        what="incident",
        void=lambda why: services.incident_void(actor=request.user, incident=incident, comment=why),
        record_url=_detail_url(home, incident),
    )
