"""What the home undertakes to put right, and the independent scrutiny that asks it to.

- ``Action``: any finding, Ofsted requirement or recommendation, or Regulation 44/45
  recommendation, with an owner, a due date, a status and the evidence that it was done
  (Reg 13(2)(h): leaders use monitoring and review to improve the home; Reg 45(4)(b)).
- ``Reg44Visit``: the independent person's monthly visit report, and ``Reg44Distribution`` the
  log of who it went to (Reg 44(1), (4), (7) and (8)).
- ``Reg45Review``: the six-monthly review of the quality of care, and when it went to Ofsted
  (Reg 45(1) to (4)).

Signed records never change: a submitted Regulation 44 report and a completed Regulation 45
review are fixed; a completed action can only be reopened with a reason, which history keeps.
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from hearth.core.models import HearthModel


class Reg44Visit(HearthModel):
    """One Regulation 44 visit and the visitor's report of it.

    A draft until the visitor submits it (signed, with the time); after that it never changes,
    and only its distribution log grows (Reg 44(7): copies to Ofsted, the placing authorities,
    the registered person and the responsible individual).
    """

    class SafeguardingOpinion(models.TextChoices):
        EFFECTIVE = "effective", "Children are effectively safeguarded"
        NOT_EFFECTIVE = "not_effective", "Children are not effectively safeguarded"

    class WellbeingOpinion(models.TextChoices):
        PROMOTES = "promotes", "The conduct of the home promotes children's well-being"
        DOES_NOT_PROMOTE = "does_not_promote", "The conduct of the home does not promote children's well-being"

    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="reg44_visits")
    visitor_name = models.CharField(max_length=200)
    visited_on = models.DateField()
    announced = models.BooleanField(default=False)
    children_spoken_to = models.ManyToManyField("children.Child", blank=True, related_name="+")
    staff_spoken_to = models.ManyToManyField("staff.StaffMember", blank=True, related_name="+")
    others_spoken_to = models.TextField(blank=True, help_text="Parents, social workers, others")
    records_sampled = models.TextField()
    premises = models.TextField(blank=True)
    safeguarding_opinion = models.CharField(max_length=20, choices=SafeguardingOpinion.choices)
    safeguarding_reasons = models.TextField()
    wellbeing_opinion = models.CharField(max_length=20, choices=WellbeingOpinion.choices)
    wellbeing_reasons = models.TextField()
    conflict_of_interest = models.TextField(blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_by_name = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords(m2m_fields=[children_spoken_to, staff_spoken_to])

    class Meta:
        ordering = ["-visited_on"]

    def __str__(self) -> str:
        return f"Regulation 44 visit, {self.visited_on:%-d %B %Y}"

    @property
    def submitted(self) -> bool:
        return self.submitted_at is not None


class Reg44Distribution(HearthModel):
    """A copy of a Regulation 44 report sent to someone who must have it (Reg 44(7))."""

    class Recipient(models.TextChoices):
        OFSTED = "ofsted", "Ofsted"
        PLACING_AUTHORITY = "placing_authority", "A child's placing authority"
        REGISTERED_MANAGER = "registered_manager", "The registered manager"
        RESPONSIBLE_INDIVIDUAL = "responsible_individual", "The responsible individual"
        PROVIDER = "provider", "The registered provider"
        HOST_AUTHORITY = "host_authority", "The host local authority (on request)"

    visit = models.ForeignKey(Reg44Visit, on_delete=models.PROTECT, related_name="distribution")
    recipient = models.CharField(max_length=30, choices=Recipient.choices)
    recipient_name = models.CharField(max_length=200, blank=True, help_text="For example the authority's name")
    sent_on = models.DateField()
    method = models.CharField(max_length=100, blank=True, help_text="For example secure email")
    recorded_by_name = models.CharField(max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["sent_on", "recipient"]


class Reg45Review(HearthModel):
    """The registered person's six-monthly review of the quality of care (Reg 45).

    Created as a draft with the period's figures and findings by quality standard gathered in
    (``figures``, ``findings``); the manager writes the evaluation and the views gathered,
    completes it (fixed from then), and records when it was sent to Ofsted (within 28 days).
    """

    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="reg45_reviews")
    period_start = models.DateField()
    period_end = models.DateField()
    figures = models.JSONField(default=dict)
    findings = models.JSONField(default=list)
    evaluation = models.JSONField(default=dict, help_text="The manager's evaluation, by quality standard")
    views_of_children = models.TextField(blank=True)
    views_of_parents = models.TextField(blank=True)
    views_of_placing_authorities = models.TextField(blank=True)
    views_of_staff = models.TextField(blank=True)
    summary = models.TextField(blank=True)
    completed_on = models.DateField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    completed_by_name = models.CharField(max_length=200, blank=True)
    sent_to_ofsted_on = models.DateField(null=True, blank=True)
    sent_by_name = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-period_end"]

    def __str__(self) -> str:
        return f"Regulation 45 review, {self.period_start:%-d %B %Y} to {self.period_end:%-d %B %Y}"


class Action(HearthModel):
    """One thing the home has undertaken to do, from wherever it was asked for."""

    class Source(models.TextChoices):
        FINDING = "finding", "Hearth finding"
        OFSTED_REQUIREMENT = "ofsted_requirement", "Ofsted requirement"
        OFSTED_RECOMMENDATION = "ofsted_recommendation", "Ofsted recommendation"
        REG44 = "reg44", "Regulation 44 recommendation"
        REG45 = "reg45", "Regulation 45 review"

    class Status(models.TextChoices):
        OPEN = "open", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETED = "completed", "Completed"

    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="actions")
    source = models.CharField(max_length=30, choices=Source.choices)
    title = models.CharField(max_length=500)
    detail = models.TextField(blank=True)
    regulation = models.CharField(max_length=100, blank=True)
    source_reference = models.CharField(max_length=200, blank=True, help_text="For example the inspection date")
    finding_code = models.CharField(max_length=80, blank=True)
    finding_subject = models.CharField(max_length=120, blank=True, help_text="type:id of the finding's subject")
    reg44_visit = models.ForeignKey(
        Reg44Visit, null=True, blank=True, on_delete=models.PROTECT, related_name="recommendations"
    )
    reg45_review = models.ForeignKey(
        Reg45Review, null=True, blank=True, on_delete=models.PROTECT, related_name="actions"
    )
    inspection = models.ForeignKey(
        "inspections.Inspection", null=True, blank=True, on_delete=models.PROTECT, related_name="actions"
    )
    compliance_notice = models.BooleanField(
        default=False, help_text="An Ofsted requirement that is also the subject of a compliance notice"
    )
    owner = models.ForeignKey(
        "staff.StaffMember", null=True, blank=True, on_delete=models.PROTECT, related_name="actions"
    )
    due_on = models.DateField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    completed_on = models.DateField(null=True, blank=True)
    completion_evidence = models.TextField(blank=True)
    completed_by_name = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="completed", completed_on__isnull=False)
                | (~models.Q(status="completed") & models.Q(completed_on__isnull=True)),
                name="action_completed_has_date",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def completed(self) -> bool:
        return self.status == self.Status.COMPLETED

    @property
    def is_requirement(self) -> bool:
        """Ofsted requirements are legal duties; everything else is advice to consider."""
        return self.source == self.Source.OFSTED_REQUIREMENT


class StoredFinding(models.Model):
    """A finding as it lives: first seen by an audit, seen again by each later one, resolved when
    the rule stops finding it (``oversight/services/stored.py``). Pages and ``hearth audit
    --stored`` read these rows; the background worker keeps them current (docs/live-oversight.md).

    ``key`` names the finding across audits: its code, home, subject, evidence and the words of
    its message less any figures ("overdue by 3 days" and "by 4 days" are one finding). A finding
    that stops and starts again is a new row, so how long each stayed open is kept.
    """

    key = models.CharField(max_length=64, db_index=True)
    home = models.ForeignKey("homes.Home", on_delete=models.CASCADE, related_name="stored_findings")
    code = models.CharField(max_length=80)
    regulation = models.CharField(max_length=100)
    standard = models.CharField(max_length=200)
    severity = models.CharField(max_length=10)
    subject = models.JSONField()  # {"type", "id", "label", "url"}
    message = models.TextField()
    evidence = models.JSONField(default=list)  # [{"type", "id", "label", "url"}]
    due = models.DateField()
    as_of = models.DateField(help_text="The day of the audit that last found it")
    first_seen_at = models.DateTimeField()
    last_seen_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.ForeignKey(Action, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["home_id", "regulation", "code"]
        indexes = [
            models.Index(fields=["home", "resolved_at"], name="storedfinding_home_open"),
            models.Index(fields=["first_seen_at"], name="storedfinding_first_seen"),
            # The provider page counts each home's open findings by severity: read from this alone.
            models.Index(
                fields=["home", "severity"],
                condition=models.Q(resolved_at__isnull=True),
                name="storedfinding_open_counts",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["key"], condition=models.Q(resolved_at__isnull=True), name="storedfinding_one_open_per_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} at {self.home_id}: {self.message[:60]}"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


class HomeAudit(models.Model):
    """When a home's stored findings were last worked out, and as of which day: pages read the
    stored findings when they are of today (``oversight/selectors/findings.py``)."""

    home = models.OneToOneField("homes.Home", on_delete=models.CASCADE, related_name="audit_state")
    last_run_at = models.DateTimeField(null=True, blank=True)
    last_as_of = models.DateField(null=True, blank=True)
    last_event_id = models.BigIntegerField(default=0, help_text="The home's newest audit event when it last ran")

    def __str__(self) -> str:
        return f"Audit state of home {self.home_id}"


class QueuedRun(models.Model):
    """A run waiting for a worker ("home:12", "comparisons:3"): many saves in a burst mark it
    queued once and make one run (``oversight/scheduling.py``)."""

    name = models.CharField(max_length=60, unique=True)
    queued = models.BooleanField(default=False)
    requested_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({'queued' if self.queued else 'idle'})"


class ScheduledRun(models.Model):
    """A piece of timed work done once for its day, or its quarter of an hour (the nightly audit,
    the digests, the sweep of clocks running down), so that any number of workers enqueue it
    once. The nightly run deletes those over a week old."""

    name = models.CharField(max_length=40)
    day = models.DateField()
    enqueued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["name", "day"], name="scheduledrun_once_a_day")]

    def __str__(self) -> str:
        return f"{self.name} on {self.day}"
