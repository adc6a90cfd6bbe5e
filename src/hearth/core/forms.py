"""One accessible form style: GOV.UK Frontend classes, hints and error messages tied to inputs."""

from typing import Any

from django import forms

WIDGET_CLASSES = {
    forms.TextInput: "govuk-input",
    forms.EmailInput: "govuk-input",
    forms.PasswordInput: "govuk-input govuk-input--width-20",
    forms.DateInput: "govuk-input govuk-input--width-10",
    forms.NumberInput: "govuk-input govuk-input--width-5",
    forms.Textarea: "govuk-textarea",
    forms.Select: "govuk-select",
    forms.DateTimeInput: "govuk-input govuk-input--width-20",
    forms.ClearableFileInput: "govuk-file-upload",
}


class GovukForm(forms.Form):
    """Every Hearth form: GOV.UK classes, and ``aria-describedby`` linking hints and errors."""

    template_name = "core/forms/form.html"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            if getattr(widget, "hearth_group", False):
                continue  # fieldsets carry their own hint and error links (core/forms/form.html)
            css = next((c for cls, c in WIDGET_CLASSES.items() if isinstance(widget, cls)), "")
            widget.attrs.setdefault("class", css)
            if field.help_text:
                widget.attrs["aria-describedby"] = f"id_{name}_hint"

    def full_clean(self) -> None:
        """Validate, then mark each field in error so its input is styled and linked to its message.

        This must not run from ``__init__``: subclasses set querysets after it.
        """
        super().full_clean()
        for name in self.errors:
            field = self.fields.get(name)
            if field is None or getattr(field.widget, "hearth_group", False):
                continue
            attrs = field.widget.attrs
            base = attrs.get("class", "").split()
            if base and f"{base[0]}--error" not in base:
                attrs["class"] = " ".join([*base, f"{base[0]}--error"])
            described = [d for d in attrs.get("aria-describedby", "").split() if d]
            attrs["aria-describedby"] = " ".join([*described, f"id_{name}_error"])


class DateInput(forms.DateInput):
    """A date picker. Its value must be ISO (YYYY-MM-DD) or the browser shows it empty."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    """A date and time picker; values are Europe/London local time."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"class": "govuk-input govuk-input--width-20", **(attrs or {})}, format="%Y-%m-%dT%H:%M")


class Checkboxes(forms.CheckboxSelectMultiple):
    template_name = "core/widgets/checkboxes.html"
    hearth_group = True


class Radios(forms.RadioSelect):
    template_name = "core/widgets/radios.html"
    hearth_group = True


def apply_service_errors(form: forms.Form, exc: Any) -> None:
    """Show a service's ValidationError on the form: on the visible field it names, else at the top
    (an error about a hidden field, or one naming no field, must still be seen)."""
    located = exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]
    for name, errors in located:
        shown = name in form.fields and not form.fields[name].widget.is_hidden
        for error in errors:
            form.add_error(name if shown else None, error)


class VoidForm(GovukForm):
    """Why a record saved twice is void (core.services.void)."""

    comment = forms.CharField(
        label="Why is it void?",
        help_text="For example: a second copy of the entry saved at 14:02 (pressed Save twice).",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
