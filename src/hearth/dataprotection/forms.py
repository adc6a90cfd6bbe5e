from typing import Any

from django import forms

from hearth.children.models import Child
from hearth.core.forms import DateInput, GovukForm, Radios, long_text
from hearth.dataprotection.models import RetentionDecision, SubjectAccessRequest
from hearth.homes.models import Home
from hearth.records.forms import ChildChoiceField


class RequestForm(GovukForm):
    received_on = forms.DateField(label="Day it was received", widget=DateInput())
    requester_name = forms.CharField(label="Who asked", max_length=200)
    requester_kind = forms.ChoiceField(label="They are", choices=SubjectAccessRequest.From.choices, widget=Radios)
    child = ChildChoiceField(
        queryset=None, required=False, label="Whose records, if a child's (optional)", empty_label="Not a child's"
    )
    what = long_text("What they asked for")
    identity_checked_on = forms.DateField(
        label="Day their identity was checked (optional)", widget=DateInput(), required=False
    )

    def __init__(self, *args: Any, home: Home, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        children = Child.objects.filter(placements__home=home).distinct().order_by("first_name", "last_name")
        self.fields["child"].queryset = children  # type: ignore[attr-defined]


class ExtendForm(GovukForm):
    extended_to = forms.DateField(label="Answer by", widget=DateInput(), help_text="Up to two further months")
    extension_reason = long_text("Why it is complex (the requester must be told within the first month)")


class AnswerForm(GovukForm):
    responded_on = forms.DateField(label="Day it was answered", widget=DateInput())
    response = long_text("What was sent, and anything withheld and why")


class DecisionForm(GovukForm):
    decision = forms.ChoiceField(label="Decision", choices=RetentionDecision.Decision.choices, widget=Radios)
    reason = long_text("Why")
    keep_until = forms.DateField(label="If kept: until when", widget=DateInput(), required=False)
    decided_on = forms.DateField(label="Day decided", widget=DateInput())
