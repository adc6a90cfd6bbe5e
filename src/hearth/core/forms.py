"""One accessible form style: GOV.UK Frontend classes, hints and error messages tied to inputs."""

from typing import Any

from django import forms
from django.core import validators

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


LONG_TEXT_MAX_CHARS = 20_000  # a text box with no limit of its own: about eight pages


def _quoted(field: forms.Field, name: str) -> str:
    label = str(field.label or name.replace("_", " ").capitalize())
    return f"“{label}”"


def plain_error_messages(field: forms.Field, name: str) -> None:
    """Django's default messages ("This field is required.", "Ensure this value is greater than or
    equal to 1.") name no field, so in an error summary nobody can tell which was meant. Each is
    replaced by one that quotes the field's label. A message a form set itself is kept."""
    label = _quoted(field, name)
    own = field.error_messages
    if own.get("required") == forms.Field.default_error_messages["required"]:
        choosing = isinstance(field, forms.ChoiceField | forms.ModelChoiceField | forms.BooleanField)
        own["required"] = f"Choose an answer for {label}." if choosing else f"Fill in {label}."
    if "invalid_choice" in own and str(own["invalid_choice"]).startswith("Select a valid choice"):
        own["invalid_choice"] = f"Choose one of the answers offered for {label}."
    if isinstance(field, forms.DateTimeField):
        own["invalid"] = f"Enter {label} as a date and a time, for example 27/03/2026 14:30."
    elif isinstance(field, forms.DateField):
        own["invalid"] = f"Enter {label} as a real date, for example 27/03/2026."
    elif isinstance(field, forms.IntegerField | forms.DecimalField):
        own["invalid"] = f"Enter {label} as a number."
    for i, validator in enumerate(field.validators):
        if getattr(validator, "hearth_named", False):
            continue
        if isinstance(validator, validators.MinValueValidator):
            message = f"{label} must be %(limit_value)s or more."
        elif isinstance(validator, validators.MaxValueValidator):
            message = f"{label} must be %(limit_value)s or less."
        elif isinstance(validator, validators.MaxLengthValidator):
            message = f"{label} can be at most %(limit_value)s characters; it has %(show_value)s."
        else:
            continue
        named: Any = type(validator)(validator.limit_value, message=message)
        named.hearth_named = True
        field.validators[i] = named


class GovukForm(forms.Form):
    """Every Hearth form: GOV.UK classes, and ``aria-describedby`` linking hints and errors."""

    template_name = "core/forms/form.html"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for name in self.fields:
            self._style(name)

    def _style(self, name: str) -> None:
        """GOV.UK classes, plain error messages, a character count for long text, and the
        ``aria-describedby`` links, for one field (a form adding fields later calls it for each)."""
        field = self.fields[name]
        widget = field.widget
        plain_error_messages(field, name)
        if getattr(widget, "hearth_group", False):
            return  # fieldsets carry their own hint and error links (core/forms/form.html)
        css = next((c for cls, c in WIDGET_CLASSES.items() if isinstance(widget, cls)), "")
        widget.attrs.setdefault("class", css)
        described = [f"id_{name}_hint"] if field.help_text else []
        if isinstance(widget, forms.Textarea) and isinstance(field, forms.CharField) and not field.max_length:
            field.max_length = LONG_TEXT_MAX_CHARS
            field.validators.append(validators.MaxLengthValidator(LONG_TEXT_MAX_CHARS))
            plain_error_messages(field, name)
        max_chars = getattr(field, "max_length", None)
        if isinstance(widget, forms.Textarea) and max_chars and not getattr(widget, "hearth_count", None):
            # GOV.UK character count: the limit shown as the person types, and no hard stop
            # in the browser (what was pasted in stays, with a message saying how much over).
            widget.attrs.pop("maxlength", None)
            widget.attrs["class"] = f"{widget.attrs['class']} govuk-js-character-count".strip()
            widget.hearth_count = max_chars  # type: ignore[attr-defined]
            described.append(f"id_{name}-info")
        if described:
            widget.attrs["aria-describedby"] = " ".join(described)

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


def long_text(label: str, *, required: bool = True, help_text: str = "", rows: int = 4, max_length: int = 5000) -> Any:
    """A box for a few sentences or more, with its character count (``GovukForm`` adds it)."""
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
    )
