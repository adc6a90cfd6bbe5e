"""The daily record: log entries with addenda and concern responses, and outings and contact."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from hearth.core.models import Addendum, HearthModel, ManagerReview, Voidable


class LogEntry(HearthModel, ManagerReview, Voidable):
    """One entry in the daily log about one or more children (Reg 36: signed and dated by its author).

    Signed when written: ``author``, ``author_name`` and ``created_at`` are set by the service and
    never change. The time of the event (``occurred_at``) is separate from the time of writing.
    Corrections are addenda (``LogEntryAddendum``), never edits. The indicator fields record what
    the concern lexicon found when the entry was written, so rules can query them.
    """

    class Kind(models.TextChoices):
        DAILY = "daily", "Daily record"
        KEY_WORK = "key_work", "Key-work session"
        EDUCATION = "education", "Education"
        HEALTH = "health", "Health"
        FAMILY_TIME = "family_time", "Family time and contact"
        ACTIVITY = "activity", "Activity"
        NIGHT = "night", "Night record"
        OTHER = "other", "Other"

    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="log_entries")
    children = models.ManyToManyField("children.Child", related_name="log_entries")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    author_name = models.CharField(max_length=200)
    occurred_at = models.DateTimeField()
    recorded_at = models.DateTimeField(help_text="When it was written (signed); set by Hearth")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.DAILY)
    text = models.TextField()
    indicator_categories = models.JSONField(default=list, blank=True)
    indicator_matches = models.JSONField(default=dict, blank=True)
    lexicon_version = models.CharField(max_length=40, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name_plural = "log entries"
        indexes = [models.Index(fields=["home", "occurred_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} entry, {self.occurred_at:%d %B %Y %H:%M}"


class LogEntryAddendum(Addendum):
    """A correction or addition to a signed log entry."""

    entry = models.ForeignKey(LogEntry, on_delete=models.PROTECT, related_name="addenda")

    def __str__(self) -> str:
        return f"Addendum to {self.entry} by {self.author_name}"


class ConcernResponse(HearthModel):
    """What a person decided about a possible concern the lexicon found in a log entry."""

    class Response(models.TextChoices):
        INCIDENT_RAISED = "incident_raised", "Incident raised"
        RISK_REVIEW = "risk_review", "Risk assessment review asked for"
        NO_CONCERN = "no_concern", "No concern, with reason"

    entry = models.ForeignKey(LogEntry, on_delete=models.PROTECT, related_name="concern_responses")
    response = models.CharField(max_length=20, choices=Response.choices)
    incident = models.ForeignKey(
        "incidents.Incident", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(blank=True)
    responded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    responded_at = models.DateTimeField(help_text="When it was answered; rules.md protection.concern_not_actioned")
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.get_response_display()} for {self.entry}"


class Outing(HearthModel):
    """Where a child went or was taken, with whom, and whether the address and adults were checked.

    Reg 12(2)(a)(iv): staff must not take a child at risk of exploitation to an address nobody
    checked (scenarios.md A1), so verification and the adults present are recorded every time.
    """

    class Kind(models.TextChoices):
        OUTING = "outing", "Outing or activity"
        FAMILY_TIME = "family_time", "Family time or contact"
        TRANSPORT = "transport", "Transport to an address"
        APPOINTMENT = "appointment", "Appointment"
        UNACCOMPANIED = "unaccompanied", "Time out without staff"

    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="outings")
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="outings")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    destination = models.CharField(max_length=200)
    address = models.CharField(max_length=300, blank=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField(null=True, blank=True)
    staff = models.ManyToManyField("staff.StaffMember", blank=True, related_name="outings")
    address_verified = models.BooleanField(default=False)
    verification = models.CharField(max_length=300, blank=True, help_text="How the address was checked, and by whom")
    adults = models.JSONField(default=list, blank=True)  # [{"name", "relationship", "identified": bool}]
    notes = models.TextField(blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    author_name = models.CharField(max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["home", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.destination}, {self.starts_at:%d %B %Y}"

    @property
    def all_adults_identified(self) -> bool:
        return all(a.get("identified") for a in self.adults)
