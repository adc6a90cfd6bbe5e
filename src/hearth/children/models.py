"""Children, their placements across homes, and consent to a Reg 44 visitor reading the record."""

import datetime

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from hearth.core.models import HearthModel


class Child(HearthModel):
    """A child's case record (Reg 36, Schedule 3): personal details, legal basis, contacts, needs.

    A child is not owned by a home: placements tie them to homes over time, so the record stays
    whole when a child moves. It is kept 75 years from the date of birth and never hard-deleted.
    """

    class Sex(models.TextChoices):
        FEMALE = "female", "Female"
        MALE = "male", "Male"

    class LegalStatus(models.TextChoices):
        S20 = "s20", "Accommodated by agreement (section 20)"
        S31_INTERIM = "s31_interim", "Interim care order (section 38)"
        S31 = "s31", "Care order (section 31)"
        PLACEMENT_ORDER = "placement_order", "Placement order"
        REMAND = "remand", "Remanded to local authority accommodation"
        PRIVATE = "private", "Placed privately by parents"

    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    known_as = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField()
    sex = models.CharField(max_length=10, choices=Sex.choices)
    legal_status = models.CharField(max_length=20, choices=LegalStatus.choices)
    placing_authority = models.CharField(max_length=200)
    social_worker_name = models.CharField(max_length=200, blank=True)
    social_worker_email = models.EmailField(blank=True)
    social_worker_phone = models.CharField(max_length=40, blank=True)
    needs = models.JSONField(default=list)
    photo = models.FileField(upload_to="child-photos/", blank=True, help_text="A recent photograph (Schedule 3)")
    history = HistoricalRecords()

    class Meta:
        ordering = ["first_name", "last_name"]
        verbose_name_plural = "children"

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def display_name(self) -> str:
        """The name staff use: the known-as name where the child has one."""
        return f"{self.known_as or self.first_name} {self.last_name}"

    @property
    def initials(self) -> str:
        return f"{(self.known_as or self.first_name)[:1]}{self.last_name[:1]}".upper()

    def age_on(self, day: datetime.date) -> int:
        dob = self.date_of_birth
        return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


class Placement(HearthModel):
    """A child's stay at a home: admitted, and when and why they left (Schedule 4 register)."""

    class LeavingReason(models.TextChoices):
        PLANNED_MOVE = "planned_move", "Planned move"
        RETURNED_HOME = "returned_home", "Returned to family"
        FOSTER_CARE = "foster_care", "Moved to foster care"
        INDEPENDENCE = "independence", "Moved to independent or semi-independent living"
        UNPLANNED_END = "unplanned_end", "Unplanned ending"
        CUSTODY = "custody", "Entered custody"
        OTHER = "other", "Other"

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="placements")
    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="placements")
    admitted_on = models.DateField()
    emergency = models.BooleanField(default=False)
    left_on = models.DateField(null=True, blank=True)
    leaving_reason = models.CharField(max_length=20, choices=LeavingReason.choices, blank=True)
    leaving_notes = models.TextField(blank=True)
    ending_planned = models.BooleanField(
        null=True, blank=True, help_text="Planned with the child and their social worker, or not"
    )
    destination = models.CharField(max_length=300, blank=True, help_text="Where the child went (Schedule 4)")
    child_view_of_ending = models.TextField("The child's view of the move", blank=True)
    ending_summary = models.TextField(blank=True, help_text="How the placement went and ended, for the child's record")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-admitted_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True) | models.Q(left_on__gte=models.F("admitted_on")),
                name="placement_left_after_admitted",
            )
        ]
        indexes = [models.Index(fields=["home", "left_on"])]

    def __str__(self) -> str:
        return f"{self.child} at {self.home} from {self.admitted_on:%d %B %Y}"


class CaseRecordConsent(HearthModel):
    """Consent for the home's independent (Reg 44) visitor to read this child's case record.

    Reg 44(4)(c): the independent person may inspect records except a child's case record,
    unless both the child and the placing authority consent. Both dates must be recorded; a
    withdrawal ends the consent.
    """

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="case_record_consents")
    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="+")
    child_consented_on = models.DateField()
    placing_authority_consented_on = models.DateField()
    placing_authority_contact = models.CharField(max_length=200)
    withdrawn_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-child_consented_on"]

    def __str__(self) -> str:
        return f"Consent to Regulation 44 visitor reading {self.child}'s record"


class PlacementPlan(HearthModel):
    """The placement plan agreed with the placing authority (Reg 14; Care Planning Regulations 2010):
    how the home will meet the child's needs, dated, with the child's views. Due within 5 working
    days of admission. A new agreement is a new row; earlier plans stay as they were."""

    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="plans")
    agreed_on = models.DateField()
    agreed_with = models.CharField(max_length=200, help_text="Who at the placing authority agreed it")
    summary = models.TextField(help_text="What the placement is for and how the home will meet the child's needs")
    child_views = models.TextField("The child's views")
    review_by = models.DateField(null=True, blank=True)
    recorded_by_name = models.CharField(max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["placement", "-agreed_on"]

    def __str__(self) -> str:
        return f"Placement plan agreed {self.agreed_on:%d %B %Y}"
