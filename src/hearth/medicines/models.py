"""Medicines: prescriptions, the medication administration record (MAR), controlled-drug stock and
consent for homely remedies (Regulation 10(2)(c) and 23: medicines kept, given and recorded safely;
the Guide, paragraphs 7.15-7.20; NICE SC1, "Managing medicines in care homes").

A dose record is signed when written, like a log entry: who gave it, when, and (for a controlled
drug) who witnessed it. It is never changed; a mistake is a medication error, recorded as an
incident for the manager's review.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from hearth.core.models import HearthModel


def number(value: Decimal) -> str:
    """A quantity as people write it: 4, 1.5, 26 (never 4.0 or 26.00)."""
    return format(value.normalize(), "f")


class Prescription(HearthModel):
    """A medicine a child takes: prescribed (regular or as needed) or a homely remedy."""

    class Kind(models.TextChoices):
        REGULAR = "regular", "Regular, at set times"
        AS_NEEDED = "as_needed", "As needed (PRN)"
        HOMELY_REMEDY = "homely_remedy", "Homely remedy (bought without a prescription)"

    class Route(models.TextChoices):
        ORAL = "oral", "By mouth"
        INHALED = "inhaled", "Inhaled"
        TOPICAL = "topical", "On the skin"
        EYE = "eye", "Eye drops"
        EAR = "ear", "Ear drops"
        NASAL = "nasal", "Nasal spray"
        INJECTION = "injection", "Injection"
        OTHER = "other", "Other"

    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="prescriptions")
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="prescriptions")
    medicine = models.CharField(max_length=200, help_text="Name and strength, as on the label")
    dose = models.CharField(max_length=100, help_text="How much each time, as on the label")
    route = models.CharField(max_length=20, choices=Route.choices, default=Route.ORAL)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    times = models.JSONField(default=list, blank=True, help_text="Regular doses: the times of day, as HH:MM")
    max_doses_per_day = models.PositiveSmallIntegerField(null=True, blank=True)
    min_hours_between = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    when_needed = models.CharField(max_length=300, blank=True, help_text="As needed: what it is for")
    controlled = models.BooleanField(default=False, help_text="A controlled drug: witnessed, with a stock balance")
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    prescriber = models.CharField(max_length=200, blank=True)
    instructions = models.TextField(blank=True)
    recorded_by_name = models.CharField(max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["medicine", "id"]
        indexes = [models.Index(fields=["home", "starts_on"])]

    def __str__(self) -> str:
        return f"{self.medicine}, {self.dose}"

    def is_current(self, day: datetime.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)

    @property
    def min_hours_text(self) -> str:
        return number(self.min_hours_between) if self.min_hours_between is not None else ""

    @property
    def min_interval(self) -> datetime.timedelta | None:
        if self.min_hours_between is None:
            return None
        return datetime.timedelta(hours=float(self.min_hours_between))


class DoseRecord(HearthModel):
    """One entry on the medication administration record: a dose given, refused, or not given."""

    class Outcome(models.TextChoices):
        GIVEN = "given", "Given"
        REFUSED = "refused", "Refused"
        NOT_GIVEN = "not_given", "Not given"

    prescription = models.ForeignKey(Prescription, on_delete=models.PROTECT, related_name="doses")
    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="doses")
    scheduled_for = models.DateTimeField(null=True, blank=True, help_text="Regular doses: the time it was due")
    at = models.DateTimeField(help_text="When it was given, refused or missed")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    reason = models.CharField(max_length=300, blank=True)
    quantity = models.DecimalField(max_digits=8, decimal_places=2, default=Decimal(1))
    recorded_at = models.DateTimeField()
    given_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    given_by_name = models.CharField(max_length=200)
    witness_name = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["child", "at"]), models.Index(fields=["home", "at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["prescription", "scheduled_for"],
                condition=models.Q(scheduled_for__isnull=False),
                name="one_record_per_scheduled_dose",
            )
        ]

    def __str__(self) -> str:
        return f"{self.prescription.medicine}: {self.get_outcome_display().lower()}"


class StockEntry(HearthModel):
    """A controlled drug's stock book: what came in or went back, and each count of what is there.

    The running balance is what came in, less what was given and returned; a count is compared
    with it (``medication.controlled_balance``)."""

    class Kind(models.TextChoices):
        RECEIVED = "received", "Received"
        RETURNED = "returned", "Returned to the pharmacy"
        COUNT = "count", "Stock count"

    prescription = models.ForeignKey(Prescription, on_delete=models.PROTECT, related_name="stock_entries")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    at = models.DateTimeField()
    quantity = models.DecimalField(max_digits=8, decimal_places=2)
    recorded_by_name = models.CharField(max_length=200)
    witness_name = models.CharField(max_length=200)

    class Meta:
        ordering = ["at", "id"]
        verbose_name_plural = "stock entries"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.quantity}"


class RemedyConsent(HearthModel):
    """Consent for homely remedies from someone with parental responsibility (Guide, 7.17)."""

    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="remedy_consents")
    given_by = models.CharField(max_length=200, help_text="Who consented, and how they hold parental responsibility")
    remedies = models.CharField(max_length=300, help_text="Which remedies, e.g. paracetamol, antihistamine")
    given_on = models.DateField()
    withdrawn_on = models.DateField(null=True, blank=True)
    recorded_by_name = models.CharField(max_length=200)

    class Meta:
        ordering = ["-given_on", "id"]

    def __str__(self) -> str:
        return f"Consent from {self.given_by} ({self.given_on:%-d %B %Y})"
