from typing import Any

from django import forms

from hearth.children.models import Child
from hearth.core.forms import DateInput, GovukForm
from hearth.homes.models import Home
from hearth.records.selectors import chronology_filters
from hearth.search.selectors import Filters


class SearchForm(GovukForm):
    """Sent by GET, so a search is a link that can be kept, shared and paged."""

    q = forms.CharField(label="Words to find", required=False, max_length=200)
    type = forms.ChoiceField(label="Type of record", required=False)
    child = forms.ModelChoiceField(
        label="About", required=False, queryset=Child.objects.none(), empty_label="Any child"
    )
    written_by = forms.CharField(label="Written by", required=False, max_length=200, help_text="Part of a name will do")
    date_from = forms.DateField(label="From", required=False, widget=DateInput())
    date_to = forms.DateField(label="To", required=False, widget=DateInput())

    def __init__(self, *args: Any, home: Home, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind: Any = self.fields["type"]
        child: Any = self.fields["child"]
        kind.choices = [
            ("", "Everything"),
            ("log", "Daily log entries"),
            ("incident", "Incidents"),
            ("people", "People"),
            *chronology_filters(),
        ]
        child.queryset = Child.objects.filter(placements__home=home).distinct().order_by("first_name", "last_name")
        child.label_from_instance = lambda c: c.display_name

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "“To” must be the same day as “From” or later.")
        return data

    def filters(self) -> Filters:
        """The filters asked for (none while the form is not valid)."""
        if not self.is_valid():
            return Filters()
        data = self.cleaned_data
        return Filters(
            text=data["q"],
            type=data["type"],
            child=data["child"],
            written_by=data["written_by"],
            date_from=data["date_from"],
            date_to=data["date_to"],
        )
