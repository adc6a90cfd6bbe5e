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
}


class GovukForm(forms.Form):
    """Every Hearth form: GOV.UK classes, and ``aria-describedby`` linking hints and errors."""

    template_name = "core/forms/form.html"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            css = next((c for cls, c in WIDGET_CLASSES.items() if isinstance(widget, cls)), "")
            if getattr(widget, "hearth_group", False):
                continue
            widget.attrs.setdefault("class", css)
            described = []
            if field.help_text:
                described.append(f"id_{name}_hint")
            if self.is_bound and self.errors.get(name):
                widget.attrs["class"] += f" {css.split()[0]}--error" if css else ""
                described.append(f"id_{name}_error")
            if described:
                widget.attrs["aria-describedby"] = " ".join(described)


class DateInput(forms.DateInput):
    input_type = "date"


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
    """Show a service's ValidationError on the form: on the field it names, else at the top."""
    for name, errors in exc.message_dict.items():
        for error in errors:
            form.add_error(name if name in form.fields else None, error)
