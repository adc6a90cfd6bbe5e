"""Forms for actions, Regulation 44 reports and Regulation 45 reviews. Each maps onto a service in
``oversight/services``."""

from __future__ import annotations

from typing import Any

from django import forms

from hearth.core.forms import Checkboxes, DateInput, GovukForm, Radios
from hearth.oversight.engine import QUALITY_STANDARDS
from hearth.oversight.models import Action, Reg44Distribution, Reg44Visit

Source = Action.Source
TEXTAREA = {"rows": 4}


class OwnerField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A staff member, shown with their role."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} ({obj.get_role_display()})"


class ActionForm(GovukForm):
    """A new action. From a finding, the finding's code and subject come hidden with the page."""

    source = forms.ChoiceField(
        label="Where it comes from",
        choices=[(s.value, s.label) for s in (Source.OFSTED_REQUIREMENT, Source.OFSTED_RECOMMENDATION, Source.FINDING)],
        widget=Radios,
    )
    title = forms.CharField(label="What must be done", max_length=500, widget=forms.Textarea(attrs={"rows": 3}))
    regulation = forms.CharField(
        label="Regulation (optional)", max_length=100, required=False, help_text="For example 12(2)(a)(v)"
    )
    source_reference = forms.CharField(
        label="Reference (optional)",
        max_length=200,
        required=False,
        help_text="For example: inspection of 9 October 2026, requirement 2",
    )
    owner = OwnerField(queryset=None, label="Owner", required=False, empty_label="Not assigned yet")
    due_on = forms.DateField(label="Due date", widget=DateInput())
    detail = forms.CharField(label="Detail (optional)", required=False, widget=forms.Textarea(attrs=TEXTAREA))
    finding_code = forms.CharField(required=False, widget=forms.HiddenInput)
    finding_subject = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, staff: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff  # type: ignore[attr-defined]


class ActionUpdateForm(GovukForm):
    owner = OwnerField(queryset=None, label="Owner", required=False, empty_label="Not assigned")
    due_on = forms.DateField(label="Due date", widget=DateInput())
    status = forms.ChoiceField(
        choices=[(s.value, s.label) for s in (Action.Status.OPEN, Action.Status.IN_PROGRESS)], widget=Radios
    )
    reason = forms.CharField(
        label="Reason for the change (needed if the due date moves later)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, staff: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff  # type: ignore[attr-defined]


class ActionCompleteForm(GovukForm):
    completed_on = forms.DateField(label="Date completed", widget=DateInput())
    evidence = forms.CharField(
        label="Evidence of completion",
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text="What shows it was done: the record, document or change, and where to find it.",
    )


class ReasonForm(GovukForm):
    reason = forms.CharField(label="Reason", widget=forms.Textarea(attrs={"rows": 2}))


class Reg44VisitForm(GovukForm):
    """The visitor's report (Reg 44(4)): who was spoken to, what was sampled, and the two opinions."""

    visited_on = forms.DateField(label="Date of the visit", widget=DateInput())
    announced = forms.BooleanField(label="The visit was announced", required=False)
    children: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        queryset=None, label="Children spoken to (with their consent)", required=False, widget=Checkboxes
    )
    staff: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        queryset=None, label="Staff spoken to", required=False, widget=Checkboxes
    )
    others_spoken_to = forms.CharField(
        label="Others spoken to (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Parents, social workers, independent reviewing officers.",
    )
    records_sampled = forms.CharField(
        label="Records sampled",
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text="For example the daily log for a week, restraint, missing, complaint and incident records.",
    )
    premises = forms.CharField(label="The premises (optional)", required=False, widget=forms.Textarea(attrs=TEXTAREA))
    safeguarding_opinion = forms.ChoiceField(
        label="Are children effectively safeguarded?",
        choices=[("", "Not decided yet"), *Reg44Visit.SafeguardingOpinion.choices],
        required=False,
        widget=Radios,
    )
    safeguarding_reasons = forms.CharField(
        label="Reasons for the safeguarding opinion", required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    wellbeing_opinion = forms.ChoiceField(
        label="Does the conduct of the home promote children's well-being?",
        choices=[("", "Not decided yet"), *Reg44Visit.WellbeingOpinion.choices],
        required=False,
        widget=Radios,
    )
    wellbeing_reasons = forms.CharField(
        label="Reasons for the well-being opinion", required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    conflict_of_interest = forms.CharField(
        label="Any conflict of interest (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Reg 44(6): any conflict found since the visit must be disclosed.",
    )

    def __init__(self, *args: Any, children: Any, staff: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["children"].queryset = children  # type: ignore[attr-defined]
        self.fields["staff"].queryset = staff  # type: ignore[attr-defined]


class RecommendationForm(GovukForm):
    title = forms.CharField(label="Recommendation", max_length=500, widget=forms.Textarea(attrs={"rows": 3}))
    due_on = forms.DateField(
        label="To be considered by", widget=DateInput(), help_text="Reg 44(5): the date by which to consider it."
    )


class DistributionForm(GovukForm):
    recipient = forms.ChoiceField(label="Sent to", choices=Reg44Distribution.Recipient.choices, widget=Radios)
    recipient_name = forms.CharField(label="Name (needed for a placing authority)", max_length=200, required=False)
    sent_on = forms.DateField(label="Date sent", widget=DateInput())
    method = forms.CharField(
        label="How (optional)", max_length=100, required=False, help_text="For example secure email"
    )


class Reg45StartForm(GovukForm):
    period_start = forms.DateField(label="Period from", widget=DateInput())
    period_end = forms.DateField(
        label="Period to", widget=DateInput(), help_text="At most six months after the last review."
    )


class Reg45ReviewForm(GovukForm):
    """The manager's part of the review: the evaluation by standard and the views gathered (Reg 45(2) to (4))."""

    views_of_children = forms.CharField(
        label="Views of the children", required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    views_of_parents = forms.CharField(label="Views of parents", required=False, widget=forms.Textarea(attrs=TEXTAREA))
    views_of_placing_authorities = forms.CharField(
        label="Views of placing authorities", required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    views_of_staff = forms.CharField(label="Views of staff", required=False, widget=forms.Textarea(attrs=TEXTAREA))
    summary = forms.CharField(
        label="Summary and what the home will do to improve",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args: Any, standards: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.standards = standards
        for index, standard in enumerate(standards):
            self.fields[f"evaluation_{index}"] = forms.CharField(
                label=f"Evaluation: {standard}", required=False, widget=forms.Textarea(attrs=TEXTAREA)
            )

    def service_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        evaluation = {s: data.pop(f"evaluation_{i}", "").strip() for i, s in enumerate(self.standards)}
        return {**data, "evaluation": {s: t for s, t in evaluation.items() if t and s in QUALITY_STANDARDS}}


class Reg45CompleteForm(GovukForm):
    completed_on = forms.DateField(label="Date completed", widget=DateInput())


class Reg45SentForm(GovukForm):
    sent_on = forms.DateField(label="Date sent to Ofsted", widget=DateInput())
