from typing import Any

from django import forms

from hearth.children.selectors import children_current
from hearth.control.models import ControlMeasure
from hearth.core.dates import today
from hearth.core.forms import DateTimeInput, GovukForm, Radios, long_text
from hearth.homes.models import Home
from hearth.records.forms import ChildChoiceField


class MeasureForm(GovukForm):
    child = ChildChoiceField(queryset=None, label="Which child", empty_label="Choose a child")
    kind = forms.ChoiceField(label="Kind of measure", choices=ControlMeasure.Kind.choices, widget=Radios)
    at = forms.DateTimeField(label="When it was imposed", widget=DateTimeInput())
    measure = long_text(
        label="What was done, and for how long",
        help_text="For example: no games console until Sunday; the kitchen knives locked away overnight",
    )
    reason = long_text(label="What led to it: the behaviour or the risk")
    amount = forms.DecimalField(
        label="Reparation: the sum, in £ (only for reparation)",
        required=False,
        max_digits=7,
        decimal_places=2,
        min_value=0,
    )
    ends = forms.CharField(label="When it ends, or is looked at again (optional)", max_length=200, required=False)
    decided_by_name = forms.CharField(label="Who decided it", max_length=200)
    child_view = long_text(label="What the child said about it, in their words (optional now)", required=False)

    def __init__(self, *args: Any, home: Home, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = children_current(home=home, as_of=today())  # type: ignore[attr-defined]


class ChildViewForm(GovukForm):
    child_view = long_text(label="What the child said about it, in their words")


class ReviewForm(GovukForm):
    comment = long_text(label="Your review", help_text="Was it proportionate and lawful? Did it help? What follows?")
