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
