"""Referrals, impact risk assessments and admission decisions (Reg 14; domain.md section 7.2).

Before accepting a referral the manager tests the child's needs against the statement of
purpose, weighs the effect on (and from) every child already living in the home, records the
decision with reasons, and has it approved. Ofsted found both failures behind Hearth: children
admitted with no impact assessment, and assessments that did not weigh the children already
there or say why a child was accepted (scenarios.md A3, A10, B1).
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from hearth.core.models import Approval, HearthModel


class Referral(HearthModel):
    """A request from a placing authority for a home to take a child."""

    class Status(models.TextChoices):
        OPEN = "open", "Being assessed"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        ADMITTED = "admitted", "Admitted"
        WITHDRAWN = "withdrawn", "Withdrawn"

    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="referrals")
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="referrals")
    received_on = models.DateField()
    referrer = models.CharField(max_length=200, help_text="Who referred the child, and from which authority")
    needs_summary = models.TextField(help_text="The child's needs and risks as the referral describes them")
    risk_domains = models.JSONField(default=list, blank=True)
    proposed_admission_on = models.DateField()
    emergency = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    placement = models.OneToOneField(
        "children.Placement", null=True, blank=True, on_delete=models.PROTECT, related_name="referral"
    )
    admission_problems = models.JSONField(
        default=list, blank=True, help_text="What was wrong when the child was admitted"
    )
    override_reason = models.TextField(blank=True)
    override_at = models.DateTimeField(null=True, blank=True)
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    override_by_name = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return f"Referral of {self.child} to {self.home}, {self.received_on:%d %B %Y}"


class ImpactAssessment(HearthModel, Approval):
    """The impact risk assessment for one referral: the child's needs and risks, the benefits of the
    move, one section per child already living in the home, and a decision with reasons."""

    class Decision(models.TextChoices):
        ACCEPT = "accept", "Accept the referral"
        DECLINE = "decline", "Decline the referral"

    referral = models.OneToOneField(Referral, on_delete=models.PROTECT, related_name="impact_assessment")
    needs_and_risks = models.TextField(
        blank=True, help_text="The referred child's needs and risks, and how the home will meet them"
    )
    benefits = models.TextField(blank=True, help_text="What the child gains from living here")
    decision = models.CharField(max_length=10, choices=Decision.choices, blank=True)
    decision_reasons = models.TextField(blank=True)
    written_by_name = models.CharField(max_length=200)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Impact risk assessment for {self.referral.child}"


class ImpactResidentSection(HearthModel):
    """The assessment's section about one child already living in the home: risks each way, and how
    they will be managed. Created for every resident; it cannot be skipped."""

    assessment = models.ForeignKey(ImpactAssessment, on_delete=models.PROTECT, related_name="residents")
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="+")
    risks_to = models.TextField("Risks to this child from the referred child", blank=True)
    risks_from = models.TextField("Risks from this child to the referred child", blank=True)
    management = models.TextField("How the risks will be managed", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["assessment", "child__first_name"]
        constraints = [models.UniqueConstraint(fields=["assessment", "child"], name="impact_section_per_resident")]

    def __str__(self) -> str:
        return f"Impact on {self.child}"

    @property
    def is_complete(self) -> bool:
        return all(v.strip() for v in (self.risks_to, self.risks_from, self.management))
