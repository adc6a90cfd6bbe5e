"""Setting up a provider's homes in the browser: registration details, the statement of purpose
(structured, so that admissions can be checked against it) and the location risk assessment."""

from typing import Any

from django import forms

from hearth.core.forms import Checkboxes, DateInput, GovukForm, Radios
from hearth.homes.models import LocationRiskAssessment
from hearth.homes.needs import NEEDS, SEXES

AGES: dict[str, Any] = {"min_value": 0, "max_value": 25}


class HomeForm(GovukForm):
    name = forms.CharField(label="Name of the home", max_length=200)
    urn = forms.CharField(label="Ofsted URN", max_length=12, help_text="Its unique reference number, like SC123456")
    address_line_1 = forms.CharField(label="Address line 1", max_length=200)
    address_line_2 = forms.CharField(label="Address line 2", max_length=200, required=False)
    town = forms.CharField(label="Town or city", max_length=100)
    postcode = forms.CharField(label="Postcode", max_length=10)
    capacity = forms.IntegerField(label="Places (registered capacity)", min_value=1, max_value=50)
    age_min = forms.IntegerField(label="Youngest age", **AGES)
    age_max = forms.IntegerField(label="Oldest age", **AGES)
    sexes = forms.ChoiceField(label="Who it cares for", choices=list(SEXES.items()), widget=Radios)
    complaint_response_days = forms.IntegerField(
        label="Days to answer a complaint",
        help_text="As the home's complaints procedure says; 28 unless it says otherwise",
        min_value=1,
        max_value=90,
        initial=28,
        required=False,
    )

    def clean_complaint_response_days(self) -> int:
        return self.cleaned_data.get("complaint_response_days") or 28


class SetUpForm(HomeForm):
    """The administrator's first step for a new provider: the provider, its first home, and the
    people who will run it (each invited to set their own password)."""

    provider_name = forms.CharField(label="Provider's name", max_length=200)
    manager_first_name = forms.CharField(label="Registered manager's first name", max_length=100)
    manager_last_name = forms.CharField(label="Registered manager's last name", max_length=100)
    manager_email = forms.EmailField(label="Registered manager's email address")
    ri_first_name = forms.CharField(label="Responsible individual's first name", max_length=100)
    ri_last_name = forms.CharField(label="Responsible individual's last name", max_length=100)
    ri_email = forms.EmailField(label="Responsible individual's email address")

    field_order = ["provider_name", *HomeForm.base_fields]


class StatementOfPurposeForm(GovukForm):
    effective_from = forms.DateField(label="In force from", widget=DateInput())
    summary = forms.CharField(
        label="Summary of the home's purpose",
        max_length=6000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What the home is for, its ethos, and how it meets children's needs (Schedule 1).",
    )
    accepted_needs = forms.MultipleChoiceField(
        label="Needs the home accepts", choices=list(NEEDS.items()), widget=Checkboxes, required=False
    )
    excluded_needs = forms.MultipleChoiceField(
        label="Needs the home does not accept", choices=list(NEEDS.items()), widget=Checkboxes, required=False
    )
    age_min = forms.IntegerField(label="Youngest age", **AGES)
    age_max = forms.IntegerField(label="Oldest age", **AGES)
    capacity = forms.IntegerField(label="Places", min_value=1, max_value=50)
    sexes = forms.ChoiceField(label="Who it cares for", choices=list(SEXES.items()), widget=Radios)
    emergency_admissions = forms.TypedChoiceField(
        label="Does it accept emergency admissions?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda v: v == "yes",
        widget=Radios,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        both = set(data.get("accepted_needs") or []) & set(data.get("excluded_needs") or [])
        if both:
            self.add_error(
                "excluded_needs",
                f"A need cannot be both accepted and not accepted: {', '.join(NEEDS[c] for c in sorted(both))}.",
            )
        return data


class LocationAssessmentForm(GovukForm):
    reviewed_on = forms.DateField(label="Date of this review", widget=DateInput())
    summary = forms.CharField(label="Summary", max_length=6000, widget=forms.Textarea(attrs={"rows": 5}))
    consulted = forms.CharField(
        label="Who was consulted",
        max_length=300,
        required=False,
        help_text="For example the police and the local authority.",
    )
    area_offers = forms.CharField(
        label="What the area offers children",
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One on each line: leisure, faith, culture, education.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, label in LocationRiskAssessment.RISK_CATEGORIES.items():  # one box per kind of risk
            self.fields[f"risk_{code}"] = forms.CharField(
                label=label,
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text="Where, and what the home does about it. Leave blank if none.",
            )
            self._style(f"risk_{code}")
        risks = [f"risk_{c}" for c in LocationRiskAssessment.RISK_CATEGORIES]
        self.order_fields(["reviewed_on", "summary", "consulted", *risks, "area_offers"])

    def risks(self) -> list[dict[str, str]]:
        return [
            {"category": code, "description": self.cleaned_data[f"risk_{code}"].strip()}
            for code in LocationRiskAssessment.RISK_CATEGORIES
            if self.cleaned_data.get(f"risk_{code}", "").strip()
        ]
