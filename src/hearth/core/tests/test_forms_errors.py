"""A service's refusal always reaches the person: beside the field it names, or at the top."""

from django import forms
from django.core.exceptions import ValidationError

from hearth.core.forms import GovukForm, apply_service_errors


class _Form(GovukForm):
    title = forms.CharField()
    code = forms.CharField(required=False, widget=forms.HiddenInput)


def _form() -> _Form:
    form = _Form({"title": "x", "code": ""})
    assert form.is_valid()
    return form


def test_an_error_naming_a_visible_field_lands_beside_it() -> None:
    form = _form()
    apply_service_errors(form, ValidationError({"title": "Too vague."}))
    assert form.errors == {"title": ["Too vague."]}


def test_an_error_naming_a_hidden_or_unknown_field_lands_at_the_top() -> None:
    form = _form()
    apply_service_errors(form, ValidationError({"code": "Needs a code.", "elsewhere": "Not here."}))
    assert form.non_field_errors() == ["Needs a code.", "Not here."]


def test_an_error_naming_no_field_lands_at_the_top() -> None:
    form = _form()
    apply_service_errors(form, ValidationError("This record is signed and cannot change."))
    assert form.non_field_errors() == ["This record is signed and cannot change."]
