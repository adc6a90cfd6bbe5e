"""Forms for a shift: one page per record, sensible defaults, large targets for a tablet."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone

from hearth.children.models import Child
from hearth.children.selectors import children_current
from hearth.core.forms import Checkboxes, DateInput, DateTimeInput, GovukForm, Radios
from hearth.homes.models import Home
from hearth.incidents.models import Incident
from hearth.records.models import ConcernResponse, LogEntry, Outing
from hearth.staff.models import StaffMember
from hearth.staff.selectors import staff_current


def now_local() -> str:
    return timezone.localtime().strftime("%Y-%m-%dT%H:%M")


class ChildrenChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class ChildChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class LogEntryForm(GovukForm):
    children = ChildrenChoiceField(queryset=Child.objects.none(), widget=Checkboxes, label="Who is this about?")
    kind = forms.ChoiceField(choices=LogEntry.Kind.choices, initial=LogEntry.Kind.DAILY, label="Kind of entry")
    occurred_at = forms.DateTimeField(
        widget=DateTimeInput(),
        label="When did it happen?",
        help_text="The time of the event. The time you write this is added for you.",
    )
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        label="What happened",
        help_text="Write for the child, who may read this later: facts first, in plain words.",
    )

    def __init__(self, *args: Any, home: Home, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["children"].queryset = children_current(home=home, as_of=timezone.localdate())  # type: ignore[attr-defined]
        self.fields["occurred_at"].initial = now_local()


class AddendumForm(GovukForm):
    reason = forms.CharField(
        max_length=300,
        label="Why is an addendum needed?",
        help_text="For example: the time was wrong; new information.",
    )
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), label="Addendum")


class ConcernResponseForm(GovukForm):
    response = forms.ChoiceField(
        choices=ConcernResponse.Response.choices, widget=Radios, label="What has been done about this possible concern?"
    )
    incident: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=Incident.objects.none(),
        required=False,
        label="Incident raised",
        help_text="If you raised an incident, choose it.",
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label="Reason",
        help_text="Needed if there is no concern: say why.",
    )

    def __init__(self, *args: Any, entry: LogEntry, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["incident"].queryset = (  # type: ignore[attr-defined]
            Incident.objects.filter(home=entry.home)
            .filter(
                involved_children__child__in=entry.children.all(),
                occurred_at__gte=entry.occurred_at - datetime.timedelta(days=2),
            )
            .distinct()
        )


class SignForm(GovukForm):
    comment = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label="Comment")


class OutingForm(GovukForm):
    child = ChildChoiceField(queryset=Child.objects.none(), label="Child")
    kind = forms.ChoiceField(choices=Outing.Kind.choices, label="Kind of outing")
    destination = forms.CharField(
        max_length=200, label="Where to", help_text="A place name, e.g. 'Grandmother's house' or 'Leisure centre'."
    )
    address = forms.CharField(max_length=300, required=False, label="Address")
    starts_at = forms.DateTimeField(widget=DateTimeInput(), label="Left the home at")
    ends_at = forms.DateTimeField(widget=DateTimeInput(), required=False, label="Back at")
    staff: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        queryset=StaffMember.objects.none(), widget=Checkboxes, required=False, label="Staff with the child"
    )
    address_verified = forms.TypedChoiceField(
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda v: v == "yes",
        widget=Radios,
        label="Was the address checked before the child went?",
    )
    verification = forms.CharField(max_length=300, required=False, label="How was it checked, and by whom?")
    adult_1 = forms.CharField(max_length=200, required=False, label="Adult present (name, or a description if unknown)")
    adult_1_relationship = forms.CharField(max_length=200, required=False, label="Their relationship to the child")
    adult_1_identified = forms.BooleanField(
        required=False, label="Identity confirmed (known to the placing authority or checked)"
    )
    adult_2 = forms.CharField(max_length=200, required=False, label="Another adult present")
    adult_2_relationship = forms.CharField(max_length=200, required=False, label="Their relationship to the child")
    adult_2_identified = forms.BooleanField(required=False, label="Identity confirmed")
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label="Notes")

    def __init__(self, *args: Any, home: Home, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = children_current(home=home, as_of=timezone.localdate())  # type: ignore[attr-defined]
        self.fields["staff"].queryset = staff_current(home=home, as_of=timezone.localdate())  # type: ignore[attr-defined]
        self.fields["starts_at"].initial = now_local()

    def adults(self) -> list[dict[str, Any]]:
        d = self.cleaned_data
        return [
            {
                "name": d[f"adult_{i}"],
                "relationship": d[f"adult_{i}_relationship"],
                "identified": d[f"adult_{i}_identified"],
            }
            for i in (1, 2)
            if d.get(f"adult_{i}")
        ]


class ChronologyForm(GovukForm):
    """A chronology's filters, sent by GET: a type of record and a date range."""

    type = forms.ChoiceField(label="Show", required=False)
    date_from = forms.DateField(label="From", required=False, widget=DateInput())
    date_to = forms.DateField(label="To", required=False, widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from hearth.records.selectors import chronology_filters

        super().__init__(*args, **kwargs)
        kind: Any = self.fields["type"]
        kind.choices = [("", "Everything"), *chronology_filters()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", "“To” must be the same day as “From” or later.")
        return data
