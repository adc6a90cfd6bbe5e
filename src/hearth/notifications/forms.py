from django import forms

from hearth.notifications.models import MailChoice


class MailChoiceForm(forms.Form):
    mode = forms.ChoiceField(
        label="How should Hearth email you?",
        choices=MailChoice.Mode.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how Hearth should email you"},
    )
