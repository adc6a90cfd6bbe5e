from typing import Any

from django import forms
from django.utils import timezone

from hearth.access.models import Role
from hearth.core.forms import DateInput, GovukForm, Radios


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


class RecoveryCodeForm(GovukForm):
    recovery_code = forms.CharField(
        label="Recovery code",
        max_length=40,
        help_text="One of the codes you saved when you set up your app. Each works once.",
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "class": "govuk-input govuk-input--width-20"}
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


class InviteForm(GovukForm):
    first_name = forms.CharField(label="First name", max_length=100)
    last_name = forms.CharField(label="Last name", max_length=100)
    email = forms.EmailField(
        label="Email address", help_text="The invitation link goes here. It works once, for 3 days."
    )
    role = forms.ChoiceField(label="Role at the home", widget=Radios)
    starts_on = forms.DateField(label="Access starts on", widget=DateInput())

    def __init__(self, *args: Any, roles: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        role: Any = self.fields["role"]
        role.choices = [(r, Role(r).label) for r in roles]
        self.fields["starts_on"].initial = timezone.localdate()


class RoleForm(GovukForm):
    role = forms.ChoiceField(label="New role", widget=Radios)

    def __init__(self, *args: Any, roles: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        role: Any = self.fields["role"]
        role.choices = [(r, Role(r).label) for r in roles]


class EndAccessForm(GovukForm):
    ends_on = forms.DateField(
        label="Access ends on",
        widget=DateInput(),
        help_text="Today ends it at once and signs them out of Hearth everywhere. A later date ends it that morning.",
    )
    reason = forms.CharField(
        label="Why does their access end?", max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ends_on"].initial = timezone.localdate()


class AcceptInvitationForm(GovukForm):
    username = forms.CharField(
        label="Choose a username",
        max_length=150,
        help_text="You sign in with this. Letters, numbers and . _ - only.",
        widget=forms.TextInput(attrs={"autocomplete": "username", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label="Choose a password",
        help_text="At least 12 characters. A few unrelated words together make a good one.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label="Type the password again", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        username = data.get("username", "")
        if username and not all(ch.isalnum() or ch in "._-" for ch in username):
            self.add_error("username", "A username can have only letters, numbers and . _ -")
        if data.get("password") and data.get("password_again") and data["password"] != data["password_again"]:
            self.add_error("password_again", "The two passwords are not the same: type them again.")
        return data
