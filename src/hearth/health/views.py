"""A child's health record: its page and the forms that add to it."""

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth.access import policies
from hearth.access.decorators import child_view
from hearth.children.models import Child
from hearth.core.dates import today
from hearth.core.forms import GovukForm
from hearth.core.http import form_page
from hearth.health import forms, services
from hearth.health.models import Appointment
from hearth.health.selectors import body_map, health_overview
from hearth.homes.models import Home


def page_url(home: Home, child: Child) -> str:
    return reverse("health:child", kwargs={"home_id": home.public_id, "child_id": child.public_id})


@child_view(policies.can_view_home)
def child_page(request: HttpRequest, home: Home, child: Child) -> HttpResponse:
    overview = health_overview(child=child, home=home, today=today())
    return render(
        request,
        "health/child.html",
        {
            "home": home,
            "child": child,
            "health": overview,
            "accidents": [(a, words, body_map(a.body_areas)) for a, words in overview.accidents],
            "can_write": policies.can_write_records(request.user, home) and policies.child_lives_at(child, home),
        },
    )


def _aware(data: dict[str, Any]) -> dict[str, Any]:
    return {k: timezone.make_aware(v) if hasattr(v, "hour") and timezone.is_naive(v) else v for k, v in data.items()}


def _add(
    form_class: type[GovukForm],
    service: Callable[..., Any],
    title: str,
    success: str,
    initial: Callable[[], dict[str, Any]] = dict,
    template: str = "core/form_page.html",
    shape: Callable[[Any], dict[str, Any]] = lambda form: form.cleaned_data,
) -> Callable[..., Any]:
    """A page that adds one kind of health record for the child, from its form and its service."""

    @child_view(policies.can_write_records, lives_here=True)
    @require_http_methods(["GET", "POST"])
    def view(request: HttpRequest, home: Home, child: Child) -> HttpResponse:
        form = form_class(request.POST or None, initial=initial())
        back = page_url(home, child)
        return form_page(
            request,
            form,
            save=lambda _: service(actor=request.user, home=home, child=child, **_aware(shape(form))),
            success=success,
            then=back,
            creates=True,
            title=title,
            caption=f"{child.display_name}'s health",
            home=home,
            back_url=back,
            template=template,
            extra={"areas": body_map(request.POST.getlist("front_areas") + request.POST.getlist("back_areas"))},
        )

    return view


def _now() -> dict[str, Any]:
    return {"occurred_at": timezone.localtime().replace(second=0, microsecond=0, tzinfo=None)}


registration_new = _add(
    forms.RegistrationForm,
    services.registration_record,
    "Record a registration",
    "Registration recorded.",
    lambda: {"registered_on": today()},
)
condition_new = _add(forms.ConditionForm, services.condition_record, "Record an allergy or condition", "Recorded.")
consent_holder_new = _add(
    forms.ConsentHolderForm,
    services.consent_holder_record,
    "Record who holds parental responsibility",
    "Recorded.",
)
assessment_new = _add(
    forms.HealthAssessmentForm,
    services.health_assessment_record,
    "Record a health assessment",
    "Health assessment recorded.",
)
appointment_new = _add(
    forms.AppointmentForm,
    services.appointment_record,
    "Record an appointment",
    "Appointment recorded.",
    lambda: {"attendance": Appointment.Attendance.BOOKED},
)
service_new = _add(
    forms.ServiceForm,
    services.health_service_record,
    "Record a service",
    "Service recorded.",
    lambda: {"starts_on": today()},
)
accident_new = _add(
    forms.AccidentForm,
    services.accident_record,
    "Record an accident or injury",
    "Accident recorded and signed.",
    _now,
    template="health/accident_form.html",
    shape=lambda form: form.accident(),
)


@child_view(policies.can_write_records, lives_here=True)
@require_http_methods(["GET", "POST"])
def appointment_outcome(request: HttpRequest, home: Home, child: Child, appointment_id: Any) -> HttpResponse:
    appointment = Appointment.objects.filter(child=child, home=home, public_id=appointment_id).first()
    if appointment is None:
        raise Http404("No such appointment.")
    back = page_url(home, child)
    form = forms.AppointmentOutcomeForm(request.POST or None)
    return form_page(
        request,
        form,
        save=lambda data: services.appointment_outcome_record(actor=request.user, appointment=appointment, **data),
        success="Appointment updated.",
        then=back,
        creates=False,
        title=f"How did it go? {appointment}",
        caption=f"{child.display_name}'s health",
        home=home,
        back_url=back,
    )
