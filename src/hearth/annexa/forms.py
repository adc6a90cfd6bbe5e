import datetime
from typing import Any

from django import forms

from hearth.core.forms import DateInput, GovukForm


class PeriodForm(GovukForm):
    since = forms.DateField(
        label="From", widget=DateInput(), help_text="Usually the day after the last full inspection"
    )
    until = forms.DateField(label="To", widget=DateInput())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if isinstance(since, datetime.date) and isinstance(until, datetime.date) and until < since:
            self.add_error("until", "The end is before the start.")
        return data
