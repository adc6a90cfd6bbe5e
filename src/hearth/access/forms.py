from django import forms

from hearth.core.forms import GovukForm


class SignInForm(GovukForm):
    username = forms.CharField(
        label="Username",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "spellcheck": "false"}),
    )
    password = forms.CharField(label="Password", widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))


class TokenForm(GovukForm):
    token = forms.RegexField(
        label="Code from your authenticator app",
        regex=r"^\s*\d{6}\s*$",
        help_text="The 6-digit code your authenticator app shows for Hearth.",
        error_messages={"invalid": "Enter the 6-digit code, numbers only."},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "class": "govuk-input govuk-input--width-5"}
        ),
    )


class SetUpCodeForm(GovukForm):
    code = forms.CharField(
        label="Set-up code",
        max_length=30,
        help_text="The one-time code your registered manager, responsible individual or administrator gave you, like ABCD-EFGH-JKMN.",
        error_messages={"required": "Enter the set-up code you were given."},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "spellcheck": "false",
                "autocapitalize": "characters",
                "class": "govuk-input govuk-input--width-20",
            }
        ),
    )
