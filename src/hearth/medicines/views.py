"""The child's medication administration record (MAR) and the forms that write it."""

import datetime
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from hearth.access import policies
from hearth.access.decorators import child_view
from hearth.access.selectors import staff_colleagues
from hearth.children.models import Child
from hearth.core.dates import today
from hearth.core.http import act_and_return, form_page
from hearth.homes.models import Home
from hearth.medicines import services
from hearth.medicines.forms import DoseForm, PrescriptionForm, RemedyConsentForm, StockForm, StopForm
from hearth.medicines.models import DoseRecord, Prescription, StockEntry
from hearth.medicines.selectors import mar_day, medicines_overview


def mar_url(home: Home, child: Child, day: datetime.date | None = None, anchor: str = "") -> str:
    url = reverse("medicines:mar", kwargs={"home_id": home.public_id, "child_id": child.public_id})
    if day is not None and day != today():
        url += f"?day={day.isoformat()}"
    return url + (f"#{anchor}" if anchor else "")


def _day(request: HttpRequest) -> datetime.date:
    try:
        return datetime.date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        return today()


def _prescription(home: Home, child: Child, prescription_id: Any) -> Prescription:
    found = (
        Prescription.objects.filter(child=child, home=home, public_id=prescription_id)
        .select_related("child", "home")
        .first()
    )
    if found is None:
        raise Http404("No such medicine.")
    return found


def _due(value: str | None) -> datetime.datetime | None:
    if not value:
        return None
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        raise Http404("No such dose.") from None
    return moment if timezone.is_aware(moment) else None


def _witness_name(choices: list[tuple[str, str]], value: str) -> str:
    return dict(choices).get(value, "")


@child_view(policies.can_view_home)
def mar(request: HttpRequest, home: Home, child: Child) -> HttpResponse:
    day = _day(request)
    now = timezone.now()
    return render(
        request,
        "medicines/mar.html",
        {
            "home": home,
            "child": child,
            "mar": mar_day(child=child, home=home, day=day, now=now),
            "overview": medicines_overview(child=child, home=home, today=today()),
            "day": day,
            "is_today": day == today(),
            "previous_day": day - datetime.timedelta(days=1),
            "next_day": day + datetime.timedelta(days=1) if day < today() else None,
            "can_record": policies.can_record_medicines(request.user, home) and policies.child_lives_at(child, home),
            "can_manage": policies.can_manage_prescriptions(request.user, home)
            and policies.child_lives_at(child, home),
        },
    )


@child_view(policies.can_record_medicines, lives_here=True)
@require_POST
def dose_given(request: HttpRequest, home: Home, child: Child, prescription_id: Any) -> HttpResponse:
    """One tap: the scheduled dose was given now, as prescribed."""
    prescription = _prescription(home, child, prescription_id)
    due = _due(request.POST.get("due"))
    if prescription.controlled:
        raise Http404("A controlled drug is recorded with its witness, on its own form.")
    local = timezone.localtime(due) if due else timezone.localtime()
    return act_and_return(
        request,
        act=lambda: services.dose_record(
            actor=request.user, prescription=prescription, outcome=DoseRecord.Outcome.GIVEN, scheduled_for=due
        ),
        done=f"{prescription.medicine} given: the {local:%H:%M} dose is signed by you.",
        then=mar_url(home, child, local.date(), anchor=f"dose-{prescription.public_id}-{local:%H%M}"),
        refused_level=messages.WARNING,
    )


@child_view(policies.can_record_medicines, lives_here=True)
@require_http_methods(["GET", "POST"])
def dose_new(request: HttpRequest, home: Home, child: Child, prescription_id: Any) -> HttpResponse:
    """A dose recorded with more than one tap: refused, not given (with why), a controlled drug
    (with its witness), or an as-needed dose (checked against its limits)."""
    prescription = _prescription(home, child, prescription_id)
    due = _due(request.GET.get("due"))
    if prescription.kind == Prescription.Kind.REGULAR and due is None:
        raise Http404("Choose the dose on the MAR.")
    witnesses = staff_colleagues(home=home, excluding=request.user, as_of=today())
    outcome = request.GET.get("outcome")
    initial: dict[str, Any] = {
        "at": timezone.localtime(due or timezone.now()).replace(second=0, microsecond=0, tzinfo=None)
    }
    if outcome in DoseRecord.Outcome.values:
        initial["outcome"] = outcome
    elif prescription.kind != Prescription.Kind.REGULAR:
        initial["outcome"] = DoseRecord.Outcome.GIVEN
    form = DoseForm(request.POST or None, initial=initial, witnesses=witnesses, controlled=prescription.controlled)
    day = timezone.localtime(due).date() if due else today()
    back = mar_url(home, child, day)

    def save(data: dict[str, Any]) -> DoseRecord:
        return services.dose_record(
            actor=request.user,
            prescription=prescription,
            outcome=data["outcome"],
            scheduled_for=due,
            at=timezone.make_aware(data["at"]) if timezone.is_naive(data["at"]) else data["at"],
            reason=data["reason"],
            quantity=data["quantity"],
            witness_name=_witness_name(witnesses, data.get("witness", "")),
        )

    when = f" due at {timezone.localtime(due):%H:%M}" if due else ""
    return form_page(
        request,
        form,
        save=save,
        success=lambda dose: f"{prescription.medicine}: {dose.get_outcome_display().lower()}, signed by you.",
        then=back,
        creates=True,
        title=f"{prescription.medicine}{when}",
        caption=f"{child.display_name}'s medicines",
        intro=_dose_intro(prescription),
        submit="Save and sign",
        home=home,
        back_url=back,
    )


def _dose_intro(p: Prescription) -> str:
    parts = [f"{p.dose}, {p.get_route_display().lower()}."]
    if p.kind != Prescription.Kind.REGULAR:
        parts.append(f"At most {p.max_doses_per_day} in 24 hours, at least {p.min_hours_text} hours apart.")
    if p.when_needed:
        parts.append(f"For: {p.when_needed}.")
    if p.controlled:
        parts.append("A controlled drug: a colleague witnesses it being given.")
    return " ".join(parts)


@child_view(policies.can_manage_prescriptions, lives_here=True)
@require_http_methods(["GET", "POST"])
def prescription_new(request: HttpRequest, home: Home, child: Child) -> HttpResponse:
    back = mar_url(home, child)
    return form_page(
        request,
        PrescriptionForm(request.POST or None, initial={"starts_on": today(), "kind": Prescription.Kind.REGULAR}),
        save=lambda data: services.prescription_record(actor=request.user, home=home, child=child, **data),
        success=lambda p: f"{p.medicine} is on {child.display_name}'s MAR.",
        then=back,
        creates=True,
        title="Add a medicine",
        caption=f"{child.display_name}'s medicines",
        intro="Copy it from the pharmacy label. Regular medicines need their times; as-needed medicines and "
        "homely remedies need the most doses in 24 hours and the least time between them, which Hearth then enforces.",
        submit="Add to the MAR",
        home=home,
        back_url=back,
    )


@child_view(policies.can_record_medicines, lives_here=True)
@require_http_methods(["GET", "POST"])
def stock_new(request: HttpRequest, home: Home, child: Child, prescription_id: Any) -> HttpResponse:
    prescription = _prescription(home, child, prescription_id)
    witnesses = staff_colleagues(home=home, excluding=request.user, as_of=today())
    back = mar_url(home, child)
    initial = {"kind": StockEntry.Kind.COUNT, "at": timezone.localtime().replace(second=0, microsecond=0, tzinfo=None)}
    return form_page(
        request,
        StockForm(request.POST or None, initial=initial, witnesses=witnesses),
        save=lambda data: services.stock_entry_record(
            actor=request.user,
            prescription=prescription,
            kind=data["kind"],
            quantity=data["quantity"],
            at=timezone.make_aware(data["at"]) if timezone.is_naive(data["at"]) else data["at"],
            witness_name=_witness_name(witnesses, data["witness"]),
        ),
        success="Saved in the controlled drugs record, with your witness.",
        then=back,
        creates=True,
        title=f"Controlled drugs record: {prescription.medicine}",
        caption=f"{child.display_name}'s medicines",
        submit="Save and sign",
        home=home,
        back_url=back,
    )


@child_view(policies.can_manage_prescriptions, lives_here=True)
@require_http_methods(["GET", "POST"])
def remedy_consent_new(request: HttpRequest, home: Home, child: Child) -> HttpResponse:
    back = mar_url(home, child)
    return form_page(
        request,
        RemedyConsentForm(request.POST or None, initial={"given_on": today()}),
        save=lambda data: services.remedy_consent_record(actor=request.user, home=home, child=child, **data),
        success="Consent for homely remedies recorded.",
        then=back,
        creates=True,
        title="Record consent for homely remedies",
        caption=f"{child.display_name}'s medicines",
        intro="Homely remedies are given only with consent from someone with parental responsibility.",
        home=home,
        back_url=back,
    )


@child_view(policies.can_manage_prescriptions, lives_here=True)
@require_http_methods(["GET", "POST"])
def prescription_stop(request: HttpRequest, home: Home, child: Child, prescription_id: Any) -> HttpResponse:
    """A senior or manager stops a medicine (the GP stopped it, the course ended early): no dose
    falls due after its last day; every dose recorded stays as it was."""
    prescription = _prescription(home, child, prescription_id)
    back = mar_url(home, child)
    return form_page(
        request,
        StopForm(request.POST or None, initial={"on": today()}),
        save=lambda data: services.prescription_stop(actor=request.user, prescription=prescription, **data),
        success=f"{prescription.medicine} is stopped.",
        then=back,
        creates=False,
        title=f"Stop {prescription.medicine}",
        caption=f"{child.display_name}'s medicines",
        submit="Stop the medicine",
        home=home,
        back_url=back,
    )
