from django import forms

from hearth.core.forms import DateInput, DateTimeInput, GovukForm, Radios
from hearth.family.models import Account, FamilyTime


class PlanForm(GovukForm):
    with_whom = forms.CharField(label="With whom", max_length=200, help_text="For example: Mum, and her brother Liam")
    how_often = forms.CharField(label="How often", max_length=200, help_text="For example: every Saturday, 2 to 4 pm")
    where = forms.CharField(label="Where", max_length=200)
    supervised = forms.TypedChoiceField(
        label="Is it supervised?",
        choices=[("True", "Yes"), ("False", "No")],
        coerce=lambda v: v == "True",
        widget=Radios,
    )
    agreed_on = forms.DateField(label="Date agreed", widget=DateInput())
    agreed_with = forms.CharField(label="Agreed with", max_length=200, help_text="For example the social worker")


class TimeForm(GovukForm):
    planned_for = forms.DateTimeField(label="When", widget=DateTimeInput())
    outcome = forms.ChoiceField(label="What happened", choices=FamilyTime.Outcome.choices, widget=Radios)
    reason = forms.CharField(label="If it did not take place: why", max_length=300, required=False)
    how_it_went = forms.CharField(
        label="How it went (optional)", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    child_words = forms.CharField(
        label="What the child said about it, in their words (optional)",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class OutcomeForm(GovukForm):
    outcome = forms.ChoiceField(
        label="What happened",
        choices=[c for c in FamilyTime.Outcome.choices if c[0] != FamilyTime.Outcome.PLANNED],
        widget=Radios,
    )
    reason = forms.CharField(label="If it did not take place: why", max_length=300, required=False)
    how_it_went = forms.CharField(
        label="How it went (optional)", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    child_words = forms.CharField(
        label="What the child said about it, in their words (optional)",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MoneyForm(GovukForm):
    account = forms.ChoiceField(label="Which money", choices=Account.choices, widget=Radios)
    direction = forms.ChoiceField(
        label="In or out", choices=[("in", "Money in"), ("out", "Money spent or taken out")], widget=Radios
    )
    amount = forms.DecimalField(label="Amount (£)", min_value=0.01, max_digits=9, decimal_places=2)
    what = forms.CharField(label="What for, or where from", max_length=200)
    on = forms.DateField(label="Date", widget=DateInput())
    receipt_kept = forms.BooleanField(label="A receipt is kept", required=False)


class CountForm(GovukForm):
    account = forms.ChoiceField(label="Which money", choices=Account.choices, widget=Radios)
    counted = forms.DecimalField(label="Amount counted (£)", min_value=0, max_digits=9, decimal_places=2)
    on = forms.DateField(label="Date", widget=DateInput())
    explanation = forms.CharField(label="If it does not match the ledger: why", max_length=300, required=False)
    child_signed = forms.BooleanField(label="The child counted it with us and signed", required=False)
    child_comment = forms.CharField(label="What the child said (optional)", max_length=300, required=False)
