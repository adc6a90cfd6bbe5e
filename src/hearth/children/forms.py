from django import forms

from hearth.core.forms import DateInput, GovukForm


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
