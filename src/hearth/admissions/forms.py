"""Forms for a referral, its impact risk assessment, the sections about each resident, and admission."""

from __future__ import annotations

from typing import Any

from django import forms

from hearth.admissions.models import ImpactAssessment
from hearth.children.models import Child
from hearth.core.forms import Checkboxes, DateInput, GovukForm, Radios
from hearth.homes.needs import NEEDS
from hearth.risk.domains import DOMAINS


def _area(label: str, help_text: str = "", rows: int = 4, required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=label, help_text=help_text, required=required, widget=forms.Textarea(attrs={"rows": rows})
    )


class KnownChildField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.display_name}, born {obj.date_of_birth:%d %B %Y}"


class ReferralForm(GovukForm):
    existing_child = KnownChildField(
        queryset=Child.objects.none(),
        required=False,
        label="A child Hearth already knows (optional)",
        help_text="A child coming back, or moving from another of your homes. Otherwise fill in the child's details.",
        empty_label="A new child",
    )
    first_name = forms.CharField(max_length=100, required=False)
    last_name = forms.CharField(max_length=100, required=False)
    known_as = forms.CharField(max_length=100, required=False, label="Known as (optional)")
    date_of_birth = forms.DateField(widget=DateInput, required=False)
    sex = forms.ChoiceField(choices=Child.Sex.choices, widget=Radios, required=False)
    legal_status = forms.ChoiceField(choices=[("", "Choose"), *list(Child.LegalStatus.choices)], required=False)
    placing_authority = forms.CharField(max_length=200, required=False)
    social_worker_name = forms.CharField(max_length=200, required=False, label="Social worker")
    needs = forms.MultipleChoiceField(
        choices=list(NEEDS.items()),
        widget=Checkboxes,
        required=False,
        label="The child's needs",
        help_text="These are checked against the statement of purpose.",
    )
    risk_domains = forms.MultipleChoiceField(
        choices=list(DOMAINS.items()), widget=Checkboxes, required=False, label="Risks the referral describes"
    )
    received_on = forms.DateField(widget=DateInput, label="Referral received on")
    referrer = forms.CharField(max_length=200, label="Referred by", help_text="Name, role and authority.")
    needs_summary = _area(
        "Needs and risks from the referral", "In a few sentences; attach the detail to the child's record later."
    )
    proposed_admission_on = forms.DateField(widget=DateInput, label="Proposed admission date")
    emergency = forms.BooleanField(required=False, label="This is an emergency admission")

    NEW_CHILD_REQUIRED = {
        "first_name": "Enter the child's first name.",
        "last_name": "Enter the child's last name.",
        "date_of_birth": "Enter the child's date of birth.",
        "sex": "Choose the child's sex.",
        "legal_status": "Choose the child's legal status.",
        "placing_authority": "Enter the placing authority.",
    }

    def __init__(self, *args: Any, known_children: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if known_children is not None:
            self.fields["existing_child"].queryset = known_children  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("existing_child"):
            for name, message in self.NEW_CHILD_REQUIRED.items():
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, message)
        return data

    CHILD_FIELDS = (
        "first_name",
        "last_name",
        "known_as",
        "date_of_birth",
        "sex",
        "legal_status",
        "placing_authority",
        "social_worker_name",
        "needs",
    )


class ImpactAssessmentForm(GovukForm):
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    needs_and_risks = _area(
        "The child's needs and risks",
        "What the child needs, the risks to and from them, and how the home will meet them (health, education, extra help such as CAMHS).",
        rows=6,
        required=False,
    )
    benefits = _area(
        "Benefits for the child", "What the child would gain from living here, and their strengths.", required=False
    )
    decision = forms.ChoiceField(
        choices=ImpactAssessment.Decision.choices, widget=Radios, required=False, label="Decision"
    )
    decision_reasons = _area(
        "Reasons for the decision", "Why this child, in this home, with these children.", required=False
    )


class ResidentSectionForm(GovukForm):
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    risks_to = _area("Risks to this child from the referred child")
    risks_from = _area("Risks from this child to the referred child")
    management = _area(
        "How the risks will be managed", "Specific steps: rooms, supervision, routines, who watches for what."
    )


class ApproveImpactForm(GovukForm):
    comment = _area("Manager's comment", rows=2, required=False)


class AdmitForm(GovukForm):
    admitted_on = forms.DateField(widget=DateInput, label="Date of admission")
    override_reason = _area(
        "Reason for admitting despite the problems listed",
        "Only the responsible individual can override. The override and this reason are reported.",
        required=False,
    )

    def __init__(self, *args: Any, can_override: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not can_override:
            del self.fields["override_reason"]
