from typing import Any

from django import forms

from hearth.core.forms import Checkboxes, DateInput, DateTimeInput, GovukForm, Radios
from hearth.health.body import AREAS
from hearth.health.models import Appointment, Condition, Registration


class RegistrationForm(GovukForm):
    kind = forms.ChoiceField(label="Registered with", choices=Registration.Kind.choices, widget=Radios)
    practice = forms.CharField(label="Practice", max_length=200)
    registered_on = forms.DateField(label="Date registered", widget=DateInput())


class ConditionForm(GovukForm):
    kind = forms.ChoiceField(label="Kind", choices=Condition.Kind.choices, widget=Radios)
    name = forms.CharField(label="Allergy or condition", max_length=200)
    what_to_do = forms.CharField(
        label="What staff need to know and do (optional)",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ConsentHolderForm(GovukForm):
    name = forms.CharField(label="Name", max_length=200)
    relationship = forms.CharField(
        label="How they hold parental responsibility",
        max_length=200,
        help_text="For example: mother; the local authority, under a care order",
    )
    consents_to_treatment = forms.BooleanField(
        label="They may consent to medical treatment", required=False, initial=True
    )
    contact = forms.CharField(label="Phone or email (optional)", max_length=200, required=False)


class HealthAssessmentForm(GovukForm):
    by = forms.CharField(
        label="Who holds it", max_length=200, help_text="For example the looked-after children's nurse"
    )
    held_on = forms.DateField(label="Held on (if it has happened)", widget=DateInput(), required=False)
    booked_for = forms.DateField(label="Booked for (if it is to come)", widget=DateInput(), required=False)
    outcome = forms.CharField(
        label="What it found and recommended", max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class AppointmentForm(GovukForm):
    at = forms.DateTimeField(label="When", widget=DateTimeInput())
    kind = forms.ChoiceField(label="Kind", choices=Appointment.Kind.choices)
    with_whom = forms.CharField(label="With", max_length=200)
    attendance = forms.ChoiceField(label="Did they go?", choices=Appointment.Attendance.choices, widget=Radios)
    outcome = forms.CharField(
        label="What was said or agreed (optional)",
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ServiceForm(GovukForm):
    name = forms.CharField(label="Service", max_length=200, help_text="For example CAMHS, speech and language therapy")
    contact = forms.CharField(label="Contact (optional)", max_length=200, required=False)
    starts_on = forms.DateField(label="Since", widget=DateInput())


def _areas(side: str) -> list[tuple[str, str]]:
    return [(a.code, a.label.capitalize()) for a in AREAS if a.side == side]


class AccidentForm(GovukForm):
    occurred_at = forms.DateTimeField(label="When did it happen?", widget=DateTimeInput())
    where = forms.CharField(label="Where?", max_length=200)
    what_happened = forms.CharField(label="What happened", max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))
    front_areas = forms.MultipleChoiceField(
        label="Front of the body: where the injury is", choices=_areas("front"), widget=Checkboxes, required=False
    )
    back_areas = forms.MultipleChoiceField(
        label="Back of the body: where the injury is", choices=_areas("back"), widget=Checkboxes, required=False
    )
    first_aid = forms.CharField(
        label="First aid and medical help", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def accident(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["body_areas"] = [*data.pop("front_areas"), *data.pop("back_areas")]
        return data


class AppointmentOutcomeForm(GovukForm):
    attendance = forms.ChoiceField(
        label="Did they go?",
        choices=[c for c in Appointment.Attendance.choices if c[0] != Appointment.Attendance.BOOKED],
        widget=Radios,
    )
    outcome = forms.CharField(
        label="What was said or agreed", max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
