from decimal import Decimal
from typing import Any

from django import forms

from hearth.core.forms import DateInput, DateTimeInput, GovukForm, Radios
from hearth.medicines.models import DoseRecord, Prescription, StockEntry


class PrescriptionForm(GovukForm):
    medicine = forms.CharField(
        label="Medicine and strength", max_length=200, help_text="As on the label, for example Sertraline 50 mg tablets"
    )
    dose = forms.CharField(
        label="Dose", max_length=100, help_text="How much each time, for example one tablet, or 5 ml"
    )
    route = forms.ChoiceField(label="How it is taken", choices=Prescription.Route.choices)
    kind = forms.ChoiceField(label="When it is given", choices=Prescription.Kind.choices, widget=Radios)
    times = forms.CharField(
        label="Times of day (regular medicines)",
        max_length=100,
        required=False,
        help_text="Separated by commas, for example 08:00, 20:00",
    )
    max_doses_per_day = forms.IntegerField(
        label="Most doses in 24 hours (as needed and homely remedies)", min_value=1, max_value=24, required=False
    )
    min_hours_between = forms.DecimalField(
        label="Least hours between doses (as needed and homely remedies)",
        min_value=Decimal("0.5"),
        max_value=72,
        decimal_places=1,
        required=False,
    )
    when_needed = forms.CharField(label="What it is for (as needed)", max_length=300, required=False)
    controlled = forms.BooleanField(
        label="A controlled drug (given with a witness; its stock is counted)", required=False
    )
    starts_on = forms.DateField(label="First day", widget=DateInput())
    ends_on = forms.DateField(label="Last day (optional)", widget=DateInput(), required=False)
    prescriber = forms.CharField(label="Prescribed by", max_length=200, required=False, help_text="The GP or clinic")
    instructions = forms.CharField(
        label="Other instructions (optional)", widget=forms.Textarea(attrs={"rows": 3}), max_length=1000, required=False
    )

    def clean_times(self) -> list[str]:
        return [t.strip() for t in self.cleaned_data["times"].split(",") if t.strip()]


class DoseForm(GovukForm):
    """A dose that is not a one-tap "Given": refused, not given, a controlled drug, or as needed."""

    outcome = forms.ChoiceField(label="What happened", choices=DoseRecord.Outcome.choices, widget=Radios)
    at = forms.DateTimeField(label="Time", widget=DateTimeInput())
    quantity = forms.DecimalField(
        label="How many were given (tablets, ml, puffs)",
        min_value=Decimal("0.01"),
        max_digits=8,
        decimal_places=2,
        initial=Decimal(1),
    )
    reason = forms.CharField(
        label="Why (needed if not given; for as-needed medicine, what it was given for)",
        max_length=300,
        required=False,
    )
    witness = forms.ChoiceField(label="Witness (controlled drugs)", required=False)

    def __init__(
        self,
        *args: Any,
        witnesses: list[tuple[str, str]],
        controlled: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["witness"].choices = [("", "Choose a colleague"), *witnesses]  # type: ignore[attr-defined]
        if not controlled:
            del self.fields["witness"]


class StockForm(GovukForm):
    kind = forms.ChoiceField(label="What is being recorded", choices=StockEntry.Kind.choices, widget=Radios)
    quantity = forms.DecimalField(label="How many (tablets, ml)", min_value=0, max_digits=8, decimal_places=2)
    at = forms.DateTimeField(label="Time", widget=DateTimeInput())
    witness = forms.ChoiceField(label="Witness")

    def __init__(self, *args: Any, witnesses: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["witness"].choices = [("", "Choose a colleague"), *witnesses]  # type: ignore[attr-defined]


class RemedyConsentForm(GovukForm):
    given_by = forms.CharField(
        label="Who consented",
        max_length=200,
        help_text="Their name and how they hold parental responsibility, for example Jo Smith, social worker for the local authority",
    )
    remedies = forms.CharField(
        label="Which remedies", max_length=300, help_text="For example paracetamol, antihistamine, antiseptic cream"
    )
    given_on = forms.DateField(label="Date consent was given", widget=DateInput())


class StopForm(GovukForm):
    on = forms.DateField(label="Last day it is given", widget=DateInput())
    reason = forms.CharField(
        label="Why it is stopped", max_length=300, help_text="For example: the GP stopped it on 3 December"
    )
