from typing import Any

from django import forms

from hearth.children.models import Child, Placement
from hearth.core.forms import DateInput, GovukForm, Radios
from hearth.homes.models import Home


class CaseRecordConsentForm(GovukForm):
    child_consented_on = forms.DateField(label="Date the child consented", widget=DateInput())
    placing_authority_consented_on = forms.DateField(label="Date the placing authority consented", widget=DateInput())
    placing_authority_contact = forms.CharField(
        label="Who at the placing authority consented",
        max_length=200,
        help_text="Name and role, for example the child's social worker.",
    )


class ConsentWithdrawalForm(GovukForm):
    withdrawn_by = forms.ChoiceField(
        label="Who withdrew consent",
        choices=[("child", "The child"), ("placing_authority", "The placing authority")],
        widget=forms.RadioSelect,
    )
    withdrawn_on = forms.DateField(label="Date consent was withdrawn", widget=DateInput())


class PlacementPlanForm(GovukForm):
    agreed_on = forms.DateField(label="Date agreed", widget=DateInput())
    agreed_with = forms.CharField(
        label="Agreed with",
        max_length=200,
        help_text="Name and role at the placing authority, for example the social worker.",
    )
    summary = forms.CharField(
        label="What the placement is for, and how the home will meet the child's needs",
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    child_views = forms.CharField(label="The child's views", widget=forms.Textarea(attrs={"rows": 3}))
    review_by = forms.DateField(label="Review by (optional)", widget=DateInput(), required=False)


class ChildDetailsForm(GovukForm):
    first_name = forms.CharField(label="First name", max_length=100)
    last_name = forms.CharField(label="Last name", max_length=100)
    known_as = forms.CharField(
        label="Known as", max_length=100, required=False, help_text="The name they like to be called, if different"
    )
    date_of_birth = forms.DateField(label="Date of birth", widget=DateInput())
    sex = forms.ChoiceField(label="Sex", choices=Child.Sex.choices, widget=Radios)
    legal_status = forms.ChoiceField(label="Legal status", choices=Child.LegalStatus.choices)
    placing_authority = forms.CharField(label="Placing authority", max_length=200)
    social_worker_name = forms.CharField(label="Social worker", max_length=200, required=False)
    social_worker_email = forms.EmailField(label="Social worker's email", required=False)
    social_worker_phone = forms.CharField(label="Social worker's phone", max_length=40, required=False)


class PlacementEndingForm(GovukForm):
    left_on = forms.DateField(label="Date they left", widget=DateInput())
    planned = forms.TypedChoiceField(
        label="Was the ending planned?",
        choices=[("yes", "Yes, planned with the child and their social worker"), ("no", "No, it was not planned")],
        coerce=lambda v: v == "yes",
        widget=Radios,
    )
    reason = forms.ChoiceField(label="Why did the placement end?", choices=Placement.LeavingReason.choices)
    destination = forms.CharField(
        label="Where did they go?", max_length=300, help_text="The address, or the home or family's name and town."
    )
    child_view = forms.CharField(
        label="What did the child say about leaving?",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="In their own words where you can.",
    )
    summary = forms.CharField(
        label="How the placement went and ended",
        max_length=6000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="For the child's record: they may read this one day.",
    )


class PlacementMoveForm(GovukForm):
    to_home = forms.ModelChoiceField(label="Move to", queryset=Home.objects.none(), empty_label="Choose a home")
    moved_on = forms.DateField(label="Date of the move", widget=DateInput())
    why = forms.CharField(label="Why are they moving?", max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))
    child_view = forms.CharField(
        label="What did the child say about the move?",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, homes: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        to_home: Any = self.fields["to_home"]
        to_home.queryset = homes


class ChildPhotoForm(GovukForm):
    photo = forms.FileField(
        label="Photograph",
        help_text="A recent photograph, JPEG or PNG. It helps the police find a child who goes missing.",
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )
