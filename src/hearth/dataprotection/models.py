"""Records law: requests to see one's own records, and what happens to records whose time is up.

- A **subject access request** (UK GDPR Article 15) is answered within one month of receipt; for a
  complex request the home may extend that by up to two further months, telling the requester why
  within the first month (Article 12(3)). Children who lived in the home ask for their records
  years later; so do parents and former staff.
- **Keeping records** (Regulations 36 and 37; domain.md's deadline sheet): a child's case record is
  kept until the child's 75th birthday; other records (a staff file here) 15 years from the last
  entry, taken as the day the person left. When that time is up the responsible individual
  decides: keep longer (with the reason), destroy, or anonymise. ``RetentionDecision`` records it.
"""

import datetime

from django.db import models

from hearth.core.models import HearthModel


class SubjectAccessRequest(HearthModel):
    class From(models.TextChoices):
        CHILD = "child", "A child living at the home"
        FORMER_CHILD = "former_child", "Someone who lived at the home as a child"
        PARENT = "parent", "A parent or someone with parental responsibility"
        STAFF = "staff", "A member of staff, or former member of staff"
        OTHER = "other", "Someone else, for the person concerned"

    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="subject_access_requests")
    received_on = models.DateField()
    requester_name = models.CharField(max_length=200)
    requester_kind = models.CharField(max_length=20, choices=From.choices)
    child = models.ForeignKey(
        "children.Child", null=True, blank=True, on_delete=models.PROTECT, related_name="subject_access_requests"
    )
    what = models.TextField(help_text="What they asked for")
    identity_checked_on = models.DateField(null=True, blank=True)
    due_on = models.DateField(help_text="One month from receipt")
    extended_to = models.DateField(null=True, blank=True)
    extension_reason = models.TextField(blank=True)
    responded_on = models.DateField(null=True, blank=True)
    response = models.TextField(blank=True, help_text="What was sent, and anything withheld and why")
    recorded_by_name = models.CharField(max_length=200)

    class Meta:
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return f"Request from {self.requester_name}, {self.received_on:%-d %B %Y}"

    @property
    def answer_by(self) -> datetime.date:
        return self.extended_to or self.due_on


class RetentionDecision(HearthModel):
    class Decision(models.TextChoices):
        KEEP = "keep", "Keep for longer (say why and until when)"
        DESTROYED = "destroyed", "Destroyed securely"
        ANONYMISED = "anonymised", "Anonymised"

    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="retention_decisions")
    child = models.ForeignKey("children.Child", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    staff_member = models.ForeignKey(
        "staff.StaffMember", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField()
    decision = models.CharField(max_length=20, choices=Decision.choices)
    reason = models.TextField()
    keep_until = models.DateField(null=True, blank=True)
    recorded_by_name = models.CharField(max_length=200)

    class Meta:
        ordering = ["-decided_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} ({self.decided_on:%-d %B %Y})"
