from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from hearth.children.models import Child
from hearth.children.selectors import children_current
from hearth.core.forms import Checkboxes, DateTimeInput, GovukForm, Radios
from hearth.homes.models import Home
from hearth.incidents.models import Incident, IncidentChild, MissingAction, MissingEpisode, Notification
from hearth.records.forms import ChildChoiceField, now_local
from hearth.risk.domains import DOMAINS
from hearth.staff.models import StaffMember
from hearth.staff.selectors import staff_current

NOT_INVOLVED = ""


class IncidentForm(GovukForm):
    type = forms.ChoiceField(
        choices=[c for c in Incident.Type.choices if c[0] not in ("missing", "away", "physical_intervention")],
        label="What kind of incident?",
        help_text="For a child missing or a physical intervention, use their own forms.",
    )
    severity = forms.ChoiceField(
        choices=Incident.Severity.choices, widget=Radios, initial=Incident.Severity.MEDIUM, label="How serious?"
    )
    occurred_at = forms.DateTimeField(widget=DateTimeInput(), label="When did it happen?")
    location = forms.CharField(max_length=200, required=False, label="Where?")
    what_happened = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), label="What happened")
    action_taken = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label="What staff did")
    staff: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        queryset=StaffMember.objects.none(), widget=Checkboxes, required=False, label="Staff involved"
    )
    risk_domains = forms.MultipleChoiceField(
        choices=list(DOMAINS.items()),
        widget=Checkboxes,
        required=False,
        label="Which risks does it bear on?",
        help_text="The child's risk assessment for each is flagged for review.",
    )

    def __init__(self, *args: Any, home: Home, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.children = list(children_current(home=home, as_of=timezone.localdate()))
        roles = [(NOT_INVOLVED, "Not involved"), *IncidentChild.Role.choices]
        for child in self.children:
            self.fields[f"child_{child.pk}"] = forms.ChoiceField(
                choices=roles,
                required=False,
                label=f"{child.display_name}: involved as",
                widget=forms.Select(attrs={"class": "govuk-select"}),
            )
        self.fields["staff"].queryset = staff_current(home=home, as_of=timezone.localdate())  # type: ignore[attr-defined]
        self.fields["occurred_at"].initial = now_local()
        # Keep the children's role choices next to each other, after "where".
        order = [
            "type",
            "severity",
            "occurred_at",
            "location",
            *[f"child_{c.pk}" for c in self.children],
            "staff",
            "what_happened",
            "action_taken",
            "risk_domains",
        ]
        self.order_fields(order)

    def involved(self) -> list[tuple[Any, str]]:
        return [
            (c, self.cleaned_data[f"child_{c.pk}"]) for c in self.children if self.cleaned_data.get(f"child_{c.pk}")
        ]

    def incident(self) -> dict[str, Any]:
        """What ``incidents.services.incident_create`` takes, from the cleaned form."""
        fields = {k: v for k, v in self.cleaned_data.items() if not k.startswith("child_") and k != "staff"}
        staff = [(s, "involved") for s in self.cleaned_data["staff"]]
        return {**fields, "children": self.involved(), "staff": staff}


class MissingForm(GovukForm):
    child = ChildChoiceField(queryset=Child.objects.none(), label="Child")
    whereabouts_known = forms.TypedChoiceField(
        choices=[("no", "Missing: whereabouts not known"), ("yes", "Away without authorisation: whereabouts known")],
        coerce=lambda v: v == "yes",
        widget=Radios,
        label="Is it known where the child is?",
    )
    last_seen_at = forms.DateTimeField(widget=DateTimeInput(), label="Last seen at")
    last_seen_where = forms.CharField(max_length=200, label="Last seen where, and with whom")
    circumstances = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label="Circumstances")
    risk_level = forms.ChoiceField(choices=MissingEpisode.RiskLevel.choices, widget=Radios, label="Risk level")
    action_taken = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="What staff have done so far")
    police_informed_at = forms.DateTimeField(widget=DateTimeInput(), required=False, label="Police told at")
    police_reference = forms.CharField(max_length=60, required=False, label="Police reference")
    placing_authority_informed_at = forms.DateTimeField(
        widget=DateTimeInput(), required=False, label="Placing authority told at"
    )

    def __init__(self, *args: Any, home: Home, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = children_current(home=home, as_of=timezone.localdate())  # type: ignore[attr-defined]
        self.fields["last_seen_at"].initial = now_local()


class MissingUpdateForm(GovukForm):
    police_informed_at = forms.DateTimeField(widget=DateTimeInput(), required=False, label="Police told at")
    police_reference = forms.CharField(max_length=60, required=False, label="Police reference")
    placing_authority_informed_at = forms.DateTimeField(
        widget=DateTimeInput(), required=False, label="Placing authority told at"
    )
    returned_at = forms.DateTimeField(widget=DateTimeInput(), required=False, label="Returned at")
    return_condition = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label="The child's condition on return"
    )
    return_interview_offered_at = forms.DateTimeField(
        widget=DateTimeInput(), required=False, label="Return home interview offered at"
    )
    return_interview_held_at = forms.DateTimeField(
        widget=DateTimeInput(), required=False, label="Return home interview held at"
    )
    return_interview_by = forms.CharField(
        max_length=200, required=False, label="Interview held by (independent person)"
    )


class MissingActionForm(GovukForm):
    kind = forms.ChoiceField(choices=MissingAction.Kind.choices, label="What was done")
    at = forms.DateTimeField(widget=DateTimeInput(), label="At")
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="Details and what was found")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["at"].initial = now_local()


class PhysicalInterventionForm(GovukForm):
    child = ChildChoiceField(queryset=Child.objects.none(), label="Child")
    occurred_at = forms.DateTimeField(widget=DateTimeInput(), label="When did it start?")
    location = forms.CharField(max_length=200, label="Where?")
    behaviour_before = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label="The behaviour that led to it")
    steps_tried_first = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), label="What was tried first to calm things down"
    )
    technique = forms.CharField(max_length=200, label="Hold or technique used")
    duration_minutes = forms.IntegerField(min_value=1, max_value=600, label="How long, in minutes")
    staff_used: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        queryset=StaffMember.objects.none(), widget=Checkboxes, label="Staff who used it"
    )
    witnesses = forms.CharField(max_length=300, required=False, label="Who else was there")
    injuries = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, label="Injuries to anyone")
    injury_treatment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label="Treatment given"
    )
    outcome = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="How effective it was, and what followed")
    severity = forms.ChoiceField(
        choices=Incident.Severity.choices, widget=Radios, initial=Incident.Severity.MEDIUM, label="How serious?"
    )

    def __init__(self, *args: Any, home: Home, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = children_current(home=home, as_of=timezone.localdate())  # type: ignore[attr-defined]
        self.fields["staff_used"].queryset = staff_current(home=home, as_of=timezone.localdate())  # type: ignore[attr-defined]
        self.fields["occurred_at"].initial = now_local()


class NotificationForm(GovukForm):
    recipients = forms.MultipleChoiceField(
        choices=Notification.Recipient.choices,
        widget=Checkboxes,
        label="Who was notified?",
        help_text="Tick each one told at this time, in the same way: one record is kept for each.",
    )
    sent_at = forms.DateTimeField(widget=DateTimeInput(), label="Sent at")
    method = forms.CharField(
        max_length=100, required=False, label="How", help_text="For example: Ofsted online form, phone, secure email."
    )
    reference = forms.CharField(max_length=100, required=False, label="Reference")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sent_at"].initial = now_local()


def prefill_from_link(form: IncidentForm, query: Any) -> None:
    """A link from another page names the kind of incident and the child it is about (the MAR's
    "record a medication error"): start the form with them chosen."""
    if query.get("type") in Incident.Type.values:
        form.initial["type"] = query["type"]
    for child in form.children:
        if str(child.public_id) == query.get("child"):
            form.initial[f"child_{child.pk}"] = IncidentChild.Role.SUBJECT
