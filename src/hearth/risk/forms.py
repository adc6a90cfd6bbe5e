"""Forms for writing a risk assessment: the summary of a version, and one item per domain."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone

from hearth.core.forms import Checkboxes, DateInput, GovukForm, Radios
from hearth.incidents.models import Incident
from hearth.risk.domains import DOMAINS
from hearth.risk.models import RiskAssessment, RiskItem
from hearth.risk.services import ITEM_REQUIRED


class IncidentChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        domains = ", ".join(DOMAINS.get(d, d).lower() for d in obj.risk_domains)
        return f"{obj}{f' ({domains})' if domains else ''}"


def _area(label: str, help_text: str = "", rows: int = 3, required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=label, help_text=help_text, required=required, widget=forms.Textarea(attrs={"rows": rows})
    )


class AssessmentSummaryForm(GovukForm):
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    strengths = _area(
        "Strengths and what keeps them safe",
        "What the child is good at, who and what helps. This sits beside the risks on the child's page.",
        required=False,
    )
    child_words = _area(
        "In the child's own words", "What the child says about their risks and this plan.", required=False
    )
    history_text = _area(
        "History",
        "Past events that explain the risks. This is kept out of the current view and off the printed copy.",
        rows=8,
        required=False,
    )


class RiskItemForm(GovukForm):
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    domain = forms.ChoiceField(choices=[("", "Choose a risk"), *list(DOMAINS.items())], label="Risk")
    level = forms.ChoiceField(choices=RiskItem.Level.choices, widget=Radios, label="Level of risk now")
    current_risk = _area("The risk now", "A few sentences about now. Older events belong in the history section.")
    triggers = _area("Triggers and early warning signs", "What sets it off, and what staff will notice first.")
    before = _area("What staff do before", "To prevent it, for this child: what helps them, what to avoid.", rows=4)
    during = _area("What staff do during", "When it is happening: what to say and do, who to call and when.", rows=4)
    after = _area("What staff do after", "Afterwards: checks, talking it through, who to tell.", rows=4)
    child_view = _area(
        "The child's view", "What the child thinks of this risk and the plan, in their words.", required=False
    )
    protective_factors = _area(
        "Protective factors", "People, places and strengths that keep the child safe.", required=False
    )
    incidents = IncidentChoiceField(
        queryset=Incident.objects.none(), widget=Checkboxes, required=False, label="Incidents this rests on"
    )
    review_by = forms.DateField(
        widget=DateInput, label="Review by", help_text="And after any incident bearing on this risk."
    )

    def __init__(self, *args: Any, assessment: RiskAssessment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The child's incidents of the last two years: what an item can rest on without old history.
        since = timezone.now() - datetime.timedelta(days=730)
        self.fields["incidents"].queryset = (  # type: ignore[attr-defined]
            Incident.objects.filter(involved_children__child=assessment.child, occurred_at__gte=since)
            .distinct()
            .order_by("-occurred_at")
        )

        for name in RiskItem.TEXT_FIELDS:
            self.fields[name].widget.attrs.update({"data-risk-check": name})
        for name, message in ITEM_REQUIRED.items():
            self.fields[name].error_messages["required"] = message
        self.fields["domain"].error_messages["required"] = "Choose the risk domain."
        self.fields["level"].error_messages["required"] = "Choose the level of risk: high, medium or low."
        self.fields["review_by"].error_messages["required"] = "Enter the date this item must be reviewed by."

    def clean_incidents(self) -> list[Incident]:
        return list(self.cleaned_data.get("incidents") or [])


class ApproveForm(GovukForm):
    comment = _area("Manager's comment", "What you checked, and anything staff must know.", rows=2, required=False)
