from typing import Any

from django import forms

from hearth.children.selectors import children_current
from hearth.complaints.models import Complaint
from hearth.core.dates import today
from hearth.core.forms import Checkboxes, DateInput, GovukForm, Radios, long_text
from hearth.homes.models import Home
from hearth.records.forms import ChildChoiceField
from hearth.staff.models import StaffMember
from hearth.staff.selectors import staff_current


class ComplaintForm(GovukForm):
    received_on = forms.DateField(label="Day it was received", widget=DateInput())
    complainant_kind = forms.ChoiceField(label="Who made it", choices=Complaint.From.choices, widget=Radios)
    complainant_name = forms.CharField(label="Their name", max_length=200, help_text="Or “anonymous”")
    child = ChildChoiceField(
        queryset=None,
        required=False,
        label="The child who complained, or who it is about (optional for others)",
        empty_label="No child",
    )
    advocate = forms.CharField(
        label="The child's advocate (optional)",
        max_length=200,
        required=False,
        help_text="If the child has an advocate, or asked for one",
    )
    summary = long_text(label="What the complaint is about")
    about_staff: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        queryset=StaffMember.objects.none(), widget=Checkboxes, required=False, label="Staff it is about (if any)"
    )
    investigator: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=StaffMember.objects.none(),
        required=False,
        label="Who will investigate (optional now)",
        help_text="Never someone the complaint is about",
        empty_label="Not decided yet",
    )

    def __init__(self, *args: Any, home: Home, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = children_current(home=home, as_of=today())  # type: ignore[attr-defined]
        staff = staff_current(home=home, as_of=today())
        self.fields["about_staff"].queryset = staff  # type: ignore[attr-defined]
        self.fields["investigator"].queryset = staff  # type: ignore[attr-defined]


class InvestigatorForm(GovukForm):
    investigator: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=StaffMember.objects.none(), label="Who will investigate", empty_label="Choose someone"
    )

    def __init__(self, *args: Any, home: Home, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["investigator"].queryset = staff_current(home=home, as_of=today())  # type: ignore[attr-defined]


class ResponseForm(GovukForm):
    actions = long_text(label="What was done to look into it")
    outcome = forms.ChoiceField(label="Outcome", choices=Complaint.Outcome.choices, widget=Radios)
    response = long_text(label="What the complainant was told")
    responded_on = forms.DateField(label="Day the response was given", widget=DateInput())
    satisfaction = forms.ChoiceField(
        label="Was the complainant satisfied?", choices=Complaint.Satisfied.choices, widget=Radios
    )
