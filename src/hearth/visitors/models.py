"""Visitors and volunteers (Schedule 4, paragraph 8; Reg 32 for volunteers), and their visits."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from hearth.core.models import HearthModel


class Visitor(HearthModel):
    """A person who is not vetted staff and comes to the home: who they are, and their checks.

    Anyone with other than fully supervised contact with a child needs an enhanced DBS check with
    the children's barred list, or a risk assessment the manager approved (rules.md
    visitor.unchecked_contact; scenarios.md A8).
    """

    class Kind(models.TextChoices):
        PROFESSIONAL = "professional", "Professional (social worker, police, health)"
        FAMILY = "family", "Child's family or friend"
        VOLUNTEER = "volunteer", "Volunteer"
        TUTOR = "tutor", "Tutor or activity leader"
        CONTRACTOR = "contractor", "Contractor"
        STAFF_RELATIVE = "staff_relative", "Relative or friend of a staff member"
        OTHER = "other", "Other"

    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="visitors")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    organisation = models.CharField(max_length=200, blank=True)
    related_staff_member = models.ForeignKey(
        "staff.StaffMember", null=True, blank=True, on_delete=models.PROTECT, related_name="relatives_visiting"
    )
    relationship = models.CharField(max_length=200, blank=True, help_text="To staff or to children")
    dbs_certificate_number = models.CharField(max_length=20, blank=True)
    dbs_issued_on = models.DateField(null=True, blank=True)
    dbs_barred_list_checked = models.BooleanField(default=False)
    dbs_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    risk_assessment = models.TextField(blank=True)
    risk_assessment_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    risk_assessment_approved_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def has_dbs(self) -> bool:
        return bool(self.dbs_certificate_number and self.dbs_issued_on and self.dbs_barred_list_checked)

    @property
    def cleared_for_unsupervised_contact(self) -> bool:
        return self.has_dbs or self.risk_assessment_approved_at is not None


class Visit(HearthModel):
    """One visit: when, why, which children, and how closely contact was supervised."""

    class Contact(models.TextChoices):
        NONE = "none", "No contact with children"
        SUPERVISED = "supervised", "Supervised by staff throughout"
        UNSUPERVISED = "unsupervised", "Not supervised throughout"

    visitor = models.ForeignKey(Visitor, on_delete=models.PROTECT, related_name="visits")
    arrived_at = models.DateTimeField()
    left_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(max_length=300)
    contact = models.CharField(max_length=20, choices=Contact.choices)
    children = models.ManyToManyField("children.Child", blank=True, related_name="visits")
    supervised_by = models.ForeignKey(
        "staff.StaffMember", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    recorded_by_name = models.CharField(max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-arrived_at"]

    def __str__(self) -> str:
        return f"Visit by {self.visitor}, {self.arrived_at:%d %B %Y}"
