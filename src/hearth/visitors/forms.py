from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from hearth.children.models import Child
from hearth.children.selectors import children_current
from hearth.core.forms import Checkboxes, DateInput, DateTimeInput, GovukForm, Radios
from hearth.homes.models import Home
from hearth.records.forms import ChildrenChoiceField, now_local
from hearth.staff.models import StaffMember
from hearth.staff.selectors import staff_current
from hearth.visitors.models import Visit, Visitor


class VisitorForm(GovukForm):
    name = forms.CharField(max_length=200, label="Full name")
    kind = forms.ChoiceField(choices=Visitor.Kind.choices, label="Who are they?")
    organisation = forms.CharField(max_length=200, required=False, label="Organisation")
    related_staff_member: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=StaffMember.objects.none(),
        required=False,
        label="Related to a member of staff?",
        help_text="Choose the staff member if the visitor is their relative or friend.",
    )
    relationship = forms.CharField(
        max_length=200,
        required=False,
        label="Relationship",
        help_text="To the staff member or to a child, e.g. 'son', 'aunt'.",
    )

    def __init__(self, *args: Any, home: Home, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["related_staff_member"].queryset = staff_current(home=home, as_of=timezone.localdate())  # type: ignore[attr-defined]


class VisitForm(GovukForm):
    arrived_at = forms.DateTimeField(widget=DateTimeInput(), label="Arrived at")
    left_at = forms.DateTimeField(widget=DateTimeInput(), required=False, label="Left at")
    reason = forms.CharField(max_length=300, label="Reason for the visit")
    contact = forms.ChoiceField(choices=Visit.Contact.choices, widget=Radios, label="Contact with children")
    children = ChildrenChoiceField(
        queryset=Child.objects.none(), widget=Checkboxes, required=False, label="Children they had contact with"
    )
    supervised_by: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=StaffMember.objects.none(), required=False, label="Supervised throughout by"
    )

    def __init__(self, *args: Any, home: Home, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["children"].queryset = children_current(home=home, as_of=timezone.localdate())  # type: ignore[attr-defined]
        self.fields["supervised_by"].queryset = staff_current(home=home, as_of=timezone.localdate())  # type: ignore[attr-defined]
        self.fields["arrived_at"].initial = now_local()


class DbsForm(GovukForm):
    certificate_number = forms.CharField(max_length=20, label="Enhanced DBS certificate number", help_text="12 digits.")
    issued_on = forms.DateField(widget=DateInput(), label="Issued on")
    barred_list_checked = forms.BooleanField(
        required=False, label="The certificate includes the children's barred list check"
    )


class RiskAssessmentForm(GovukForm):
    risk_assessment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        label="Risk assessment",
        help_text="The risks of this person's contact with children, and how contact will be managed until a DBS check is in place.",
    )
