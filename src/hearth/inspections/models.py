"""Ofsted's inspections of a home, read from their published reports (domain.md 10).

- ``Inspection``: one inspection as its report describes it: type, dates, judgements, the
  notices it mentions and the home's details as Ofsted recorded them. Its statutory
  requirements and recommendations become ``oversight.Action`` rows (``Action.inspection``),
  tracked to completion like any other action.
- ``PastInspection``: the home's inspection history, one row per inspection, gathered from the
  "Recent inspection history" table of every imported report and from the imports themselves.

An imported inspection is the published report's record: it is never edited. Importing the same
inspection again changes nothing.
"""

from django.db import models
from simple_history.models import HistoricalRecords

from hearth.core.models import HearthModel


class InspectionType(models.TextChoices):
    FULL = "full", "Full inspection"
    INTERIM = "interim", "Interim inspection"
    MONITORING = "monitoring", "Monitoring visit"
    ASSURANCE = "assurance", "Assurance visit"


JUDGEMENT_LABELS = {
    "overall_experiences_and_progress": "Overall experiences and progress of children and young people",
    "help_and_protection": "How well children and young people are helped and protected",
    "leadership_and_management": "The effectiveness of leaders and managers",
    "effectiveness": "Effectiveness since the last inspection",
}


class Inspection(HearthModel):
    """One Ofsted inspection of the home, from its report."""

    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="inspections")
    urn = models.CharField("Unique reference number in the report", max_length=12)
    provider_name = models.CharField(max_length=300, blank=True)
    inspection_type = models.CharField(max_length=20, choices=InspectionType.choices)
    start_on = models.DateField()
    end_on = models.DateField()
    judgements = models.JSONField(default=dict, blank=True, help_text="Area key to judgement wording")
    enforcement = models.JSONField(default=list, blank=True)
    details = models.JSONField(default=dict, blank=True)
    report = models.JSONField(help_text="The parsed report as imported (docs/ofsted-format.md)")
    source_name = models.CharField(max_length=300)
    source_sha256 = models.CharField(max_length=64)
    imported_by_name = models.CharField(max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["home", "inspection_type", "start_on"], name="inspection_once_per_home_type_and_day"
            ),
            models.CheckConstraint(condition=models.Q(end_on__gte=models.F("start_on")), name="inspection_dates_order"),
        ]

    def __str__(self) -> str:
        return f"{self.get_inspection_type_display()}, {self.start_on:%-d %B %Y}"

    @property
    def judgement_rows(self) -> list[tuple[str, str]]:
        return [(JUDGEMENT_LABELS.get(area, area), value) for area, value in self.judgements.items()]


class PastInspection(models.Model):
    """A row of the home's inspection history: when, what kind, and the judgement."""

    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="past_inspections")
    inspected_on = models.DateField()
    inspection_type = models.CharField(max_length=30)
    judgement = models.CharField(max_length=100, blank=True)
    source_name = models.CharField(max_length=300, help_text="The report this row was read from")

    class Meta:
        ordering = ["-inspected_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["home", "inspected_on", "inspection_type"], name="past_inspection_once_per_home_day_type"
            )
        ]

    def __str__(self) -> str:
        return f"{self.inspection_type} inspection on {self.inspected_on:%-d %B %Y}: {self.judgement or 'no judgement'}"
