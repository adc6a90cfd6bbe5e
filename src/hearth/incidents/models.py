"""Incidents of every kind, missing episodes, physical interventions and Reg 40 notifications."""

from typing import TypeVar

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from hearth.core.models import Addendum, HearthModel, ManagerReview, NotVoidedManager, Voidable

_M = TypeVar("_M", bound=models.Model)


class OfLiveIncident(NotVoidedManager[_M]):
    """What belongs to an incident that is not void (a voided incident's episode, children and
    notifications are left out of counts too)."""

    void_lookup = "incident__voided_at__isnull"


class Incident(HearthModel, ManagerReview, Voidable):
    """Something that happened that the home must record, oversee and learn from.

    Missing episodes and physical interventions are incidents with a detail record
    (``MissingEpisode``, ``PhysicalIntervention``) so one review queue and one chronology cover all.
    """

    class Type(models.TextChoices):
        BULLYING = "bullying", "Bullying"
        MISSING = "missing", "Missing from home"
        AWAY = "away", "Away without authorisation"
        EXPLOITATION = "exploitation", "Exploitation concern"
        SELF_HARM = "self_harm", "Self-harm"
        PHYSICAL_INTERVENTION = "physical_intervention", "Physical intervention"
        POLICE = "police", "Police involvement"
        ALLEGATION = "allegation", "Allegation against staff"
        COMPLAINT = "complaint", "Complaint"
        INJURY = "injury", "Injury"
        DAMAGE = "damage", "Damage to property"
        MEDICATION_ERROR = "medication_error", "Medication error"
        OTHER = "other", "Other"

    class Severity(models.TextChoices):
        LOW = "low", "Low"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High"

    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="incidents")
    type = models.CharField(max_length=30, choices=Type.choices)
    severity = models.CharField(max_length=10, choices=Severity.choices, default=Severity.MEDIUM)
    occurred_at = models.DateTimeField()
    recorded_at = models.DateTimeField(help_text="When it was written (signed); set by Hearth")
    location = models.CharField(max_length=200, blank=True)
    what_happened = models.TextField()
    action_taken = models.TextField()
    risk_domains = models.JSONField(default=list, blank=True)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    reported_by_name = models.CharField(max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["home", "occurred_at"]), models.Index(fields=["home", "type"])]

    def __str__(self) -> str:
        return f"{self.get_type_display()}, {self.occurred_at:%d %B %Y %H:%M}"


class IncidentChild(models.Model):
    """A child involved in an incident, and how."""

    class Role(models.TextChoices):
        SUBJECT = "subject", "Subject"
        HARMED = "harmed", "Was harmed"
        HARMED_OTHERS = "harmed_others", "Harmed others"
        WITNESS = "witness", "Witness"

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="involved_children")
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="incident_roles")
    role = models.CharField(max_length=20, choices=Role.choices)

    objects = models.Manager()  # every child of an incident, for the incident's own page
    current = OfLiveIncident["IncidentChild"]()  # for counting: not a voided incident's

    class Meta:
        constraints = [models.UniqueConstraint(fields=["incident", "child"], name="incident_child_once")]

    def __str__(self) -> str:
        return f"{self.child} ({self.get_role_display()})"


class IncidentStaff(models.Model):
    class Role(models.TextChoices):
        INVOLVED = "involved", "Involved"
        WITNESS = "witness", "Witness"

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="involved_staff")
    staff_member = models.ForeignKey("staff.StaffMember", on_delete=models.PROTECT, related_name="incident_roles")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.INVOLVED)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["incident", "staff_member"], name="incident_staff_once")]

    def __str__(self) -> str:
        return f"{self.staff_member} ({self.get_role_display()})"


class IncidentAddendum(Addendum):
    """A correction or addition to a signed incident record."""

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="addenda")

    def __str__(self) -> str:
        return f"Addendum to {self.incident} by {self.author_name}"


class MissingEpisode(HearthModel):
    """A child missing (whereabouts unknown) or away without authorisation (whereabouts known).

    Statutory missing guidance: police informed, placing authority informed, the return recorded
    with the child's condition, and an independent return home interview offered within 72 hours.
    """

    class RiskLevel(models.TextChoices):
        LOW = "low", "Low"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High"

    incident = models.OneToOneField(Incident, on_delete=models.PROTECT, related_name="missing_episode")
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="missing_episodes")
    whereabouts_known = models.BooleanField(default=False)
    last_seen_at = models.DateTimeField()
    last_seen_where = models.CharField(max_length=200)
    circumstances = models.TextField()
    risk_level = models.CharField(max_length=10, choices=RiskLevel.choices)
    police_informed_at = models.DateTimeField(null=True, blank=True)
    police_reference = models.CharField(max_length=60, blank=True)
    placing_authority_informed_at = models.DateTimeField(null=True, blank=True)
    returned_at = models.DateTimeField(null=True, blank=True)
    return_condition = models.TextField(blank=True)
    return_interview_offered_at = models.DateTimeField(null=True, blank=True)
    return_interview_held_at = models.DateTimeField(null=True, blank=True)
    return_interview_by = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()
    objects = OfLiveIncident["MissingEpisode"]()  # not a voided incident's
    with_voided = models.Manager()

    def __str__(self) -> str:
        what = "Away without authorisation" if self.whereabouts_known else "Missing"
        return f"{what} from {self.last_seen_at:%d %B %Y %H:%M}"


class MissingAction(HearthModel):
    """One thing staff did while a child was missing: a call, a search, a taxi firm asked, a check."""

    class Kind(models.TextChoices):
        CALLED_CHILD = "called_child", "Called or messaged the child"
        CALLED_CONTACTS = "called_contacts", "Called family or friends"
        SEARCHED = "searched", "Searched the area"
        TAXI_FIRMS = "taxi_firms", "Asked taxi firms not to carry the child"
        VISUAL_CHECK = "visual_check", "Saw the child in person"
        ROOM_SEARCH = "room_search", "Searched the room for information on whereabouts"
        POLICE_UPDATE = "police_update", "Updated the police"
        OTHER = "other", "Other"

    episode = models.ForeignKey(MissingEpisode, on_delete=models.PROTECT, related_name="actions")
    at = models.DateTimeField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.TextField()
    by_name = models.CharField(max_length=200)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} at {self.at:%H:%M}"


class PhysicalIntervention(HearthModel):
    """A use of restraint or physical intervention (Reg 35; Reg 20).

    Three clocks: recorded within 24 hours; the registered person spoke to the staff and signed
    within 48 hours; the registered person spoke to the child within 5 days.
    """

    incident = models.OneToOneField(Incident, on_delete=models.PROTECT, related_name="physical_intervention")
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="physical_interventions")
    behaviour_before = models.TextField()
    steps_tried_first = models.TextField()
    technique = models.CharField(max_length=200)
    duration_minutes = models.PositiveIntegerField()
    staff_used = models.ManyToManyField("staff.StaffMember", related_name="interventions_used")
    witnesses = models.CharField(max_length=300, blank=True)
    injuries = models.TextField(blank=True)
    injury_treatment = models.TextField(blank=True)
    outcome = models.TextField(help_text="How effective it was, and its consequences")
    staff_spoken_signed_at = models.DateTimeField(null=True, blank=True)
    staff_spoken_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    staff_spoken_comment = models.TextField(blank=True)
    child_spoken_at = models.DateTimeField(null=True, blank=True)
    child_spoken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    child_spoken_comment = models.TextField(blank=True)
    history = HistoricalRecords()
    objects = OfLiveIncident["PhysicalIntervention"]()  # not a voided incident's
    with_voided = models.Manager()

    def __str__(self) -> str:
        return f"Physical intervention, {self.incident.occurred_at:%d %B %Y %H:%M}"


class Notification(HearthModel):
    """A Reg 40 notification sent about an incident: to whom, when, how, and its reference."""

    class Recipient(models.TextChoices):
        OFSTED = "ofsted", "Ofsted"
        PLACING_AUTHORITY = "placing_authority", "Placing authority"
        POLICE = "police", "Police"
        LADO = "lado", "Local authority designated officer (LADO)"
        HOST_AUTHORITY = "host_authority", "Host local authority"

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="notifications")
    recipient = models.CharField(max_length=30, choices=Recipient.choices)
    sent_at = models.DateTimeField()
    method = models.CharField(max_length=100, blank=True)
    reference = models.CharField(max_length=100, blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    sent_by_name = models.CharField(max_length=200)
    history = HistoricalRecords()
    objects = OfLiveIncident["Notification"]()  # not a voided incident's
    with_voided = models.Manager()

    class Meta:
        ordering = ["sent_at"]

    def __str__(self) -> str:
        return f"Notification to {self.get_recipient_display()}, {self.sent_at:%d %B %Y %H:%M}"
