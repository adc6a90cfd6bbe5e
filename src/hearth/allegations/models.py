"""Allegations against staff (Regulation 34; Working Together 2023, chapter 2: the local authority
designated officer). Each allegation, what was done at once, the referral to the LADO within one
working day, strategy meetings, the outcome and any referral to the DBS.

These records are the most sensitive a home keeps: only the registered manager, the responsible
individual and people they name may open one (``access.policies.can_view_allegation``), never the
person it is about, and every opening is kept (``AllegationOpening``)."""

from django.conf import settings
from django.db import models

from hearth.core.models import HearthModel


class Allegation(HearthModel):
    class ImmediateAction(models.TextChoices):
        NONE = "none", "No change while it is looked into"
        SUSPENDED = "suspended", "Suspended"
        ALTERNATIVE_DUTIES = "alternative_duties", "Alternative duties, away from children"
        NOT_ON_ROTA = "not_on_rota", "Not on the rota with the child"
        OTHER = "other", "Something else (say what)"

    class Outcome(models.TextChoices):
        SUBSTANTIATED = "substantiated", "Substantiated"
        UNSUBSTANTIATED = "unsubstantiated", "Unsubstantiated"
        FALSE = "false", "False"
        MALICIOUS = "malicious", "Malicious"
        UNFOUNDED = "unfounded", "Unfounded"

    class DbsReferral(models.TextChoices):
        NOT_NEEDED = "not_needed", "Not needed"
        MADE = "made", "Referred to the DBS"

    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="allegations")
    staff_member = models.ForeignKey("staff.StaffMember", on_delete=models.PROTECT, related_name="allegations")
    child = models.ForeignKey(
        "children.Child", null=True, blank=True, on_delete=models.PROTECT, related_name="allegations"
    )
    received_at = models.DateTimeField()
    made_by = models.CharField(max_length=200, help_text="Who made or passed on the allegation")
    allegation = models.TextField()
    immediate_action = models.CharField(max_length=30, choices=ImmediateAction.choices)
    immediate_action_detail = models.TextField(blank=True)
    lado_referred_at = models.DateTimeField(null=True, blank=True)
    lado_name = models.CharField(max_length=200, blank=True)
    lado_reference = models.CharField(max_length=100, blank=True)
    lado_advice = models.TextField(blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    outcome_on = models.DateField(null=True, blank=True)
    outcome_detail = models.TextField(blank=True)
    dbs_referral = models.CharField(max_length=20, choices=DbsReferral.choices, blank=True)
    dbs_referred_on = models.DateField(null=True, blank=True)
    recorded_by_name = models.CharField(max_length=200)

    class Meta:
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return f"Allegation received {self.received_at:%-d %B %Y}"


class StrategyMeeting(HearthModel):
    """A strategy meeting or evaluation meeting the LADO holds about the allegation."""

    allegation = models.ForeignKey(Allegation, on_delete=models.PROTECT, related_name="meetings")
    held_on = models.DateField()
    attended_by = models.CharField(max_length=300)
    decisions = models.TextField()
    recorded_by_name = models.CharField(max_length=200)

    class Meta:
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"Strategy meeting {self.held_on:%-d %B %Y}"


class AllegationReader(HearthModel):
    """Someone the registered manager or the responsible individual named to read an allegation
    (an investigating manager, the provider's safeguarding lead). Withdrawn, never deleted."""

    allegation = models.ForeignKey(Allegation, on_delete=models.PROTECT, related_name="readers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    named_by_name = models.CharField(max_length=200)
    why = models.CharField(max_length=300)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.user} may read {self.allegation}"


class AllegationOpening(models.Model):
    """Every time anyone opened an allegation, or took it into an Annex A pack: who, when, how."""

    class How(models.TextChoices):
        PAGE = "page", "Opened its page"
        LIST = "list", "Saw it in the home's list"
        ANNEX_A = "annex_a", "Included in an Annex A pack"

    allegation = models.ForeignKey(Allegation, on_delete=models.PROTECT, related_name="openings")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    user_name = models.CharField(max_length=200)
    at = models.DateTimeField()
    how = models.CharField(max_length=20, choices=How.choices, default=How.PAGE)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["allegation", "at"], name="allegation_opening_at")]

    def __str__(self) -> str:
        return f"{self.user_name} opened {self.allegation} at {self.at:%Y-%m-%d %H:%M}"
