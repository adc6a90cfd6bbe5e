from django import forms

from hearth.core.forms import DateInput, GovukForm, Radios
from hearth.education.codes import CHOICES
from hearth.education.models import Exclusion, Provision


class ProvisionForm(GovukForm):
    name = forms.CharField(label="School, college or provision", max_length=200)
    kind = forms.ChoiceField(label="Kind", choices=Provision.Kind.choices, widget=Radios)
    designated_teacher = forms.CharField(label="Designated teacher (optional)", max_length=200, required=False)
    virtual_school_contact = forms.CharField(
        label="Virtual school contact (optional)", max_length=200, required=False, help_text="Name and phone or email"
    )
    hours_per_week = forms.IntegerField(label="Hours a week (optional)", min_value=1, max_value=40, required=False)
    starts_on = forms.DateField(label="First day", widget=DateInput())
    ends_on = forms.DateField(label="Last day (optional)", widget=DateInput(), required=False)


class PepReviewForm(GovukForm):
    held_on = forms.DateField(label="Date of the review", widget=DateInput())
    attended_by = forms.CharField(label="Who took part", max_length=300)
    targets = forms.CharField(label="Targets agreed", max_length=4000, widget=forms.Textarea(attrs={"rows": 5}))
    child_views = forms.CharField(
        label="The child's views, in their words (optional)",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AttendanceForm(GovukForm):
    on = forms.DateField(label="Day", widget=DateInput())
    am = forms.ChoiceField(label="Morning", choices=[("", "Choose the code"), *CHOICES])
    pm = forms.ChoiceField(label="Afternoon", choices=[("", "Choose the code"), *CHOICES])


class ExclusionForm(GovukForm):
    kind = forms.ChoiceField(label="Kind", choices=Exclusion.Kind.choices, widget=Radios)
    starts_on = forms.DateField(label="First day", widget=DateInput())
    ends_on = forms.DateField(label="Last day (optional)", widget=DateInput(), required=False)
    reason = forms.CharField(
        label="Why, as the school gave it", max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AbsenceActionForm(GovukForm):
    on = forms.DateField(label="Date", widget=DateInput())
    action = forms.CharField(
        label="What the home did about missed education", max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )
