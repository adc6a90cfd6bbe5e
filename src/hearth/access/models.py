"""Who may do what where: a person's role at a home, or across a provider."""

from typing import Any

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from hearth.core.models import HearthModel


class Role(models.TextChoices):
    SUPPORT_WORKER = "support_worker", "Residential support worker"
    SENIOR = "senior", "Senior support worker"
    DEPUTY_MANAGER = "deputy_manager", "Deputy manager"
    REGISTERED_MANAGER = "registered_manager", "Registered manager"
    RESPONSIBLE_INDIVIDUAL = "responsible_individual", "Responsible individual"
    REG44_VISITOR = "reg44_visitor", "Independent visitor (Regulation 44)"


HOME_ROLES = frozenset(
    {Role.SUPPORT_WORKER, Role.SENIOR, Role.DEPUTY_MANAGER, Role.REGISTERED_MANAGER, Role.REG44_VISITOR}
)
PROVIDER_ROLES = frozenset({Role.RESPONSIBLE_INDIVIDUAL})


class Membership(HearthModel):
    """A user's role at one home, or (responsible individual) across one provider's homes.

    Ending a membership (``ends_on``) keeps the row so that who-could-see-what stays auditable;
    access stops on that day, at once.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=30, choices=Role.choices)
    home = models.ForeignKey("homes.Home", null=True, blank=True, on_delete=models.PROTECT, related_name="memberships")
    provider = models.ForeignKey(
        "homes.Provider", null=True, blank=True, on_delete=models.PROTECT, related_name="memberships"
    )
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(role__in=sorted(r.value for r in HOME_ROLES), home__isnull=False, provider__isnull=True)
                    | models.Q(
                        role__in=sorted(r.value for r in PROVIDER_ROLES), home__isnull=True, provider__isnull=False
                    )
                ),
                name="membership_scope_matches_role",
            )
        ]

    def __str__(self) -> str:
        where = self.home or self.provider
        return f"{self.user} — {self.get_role_display()} at {where}"


class SecondFactorEnrolment(models.Model):
    """A single-use code that lets one person set up their authenticator app (the second factor).

    A password alone never enrols a second factor: the code is issued by the registered manager or
    the responsible individual (or an administrator), given to the person, and used once before
    it expires (OWASP ASVS 2.5: credential set-up through a secure, time-limited channel). Only a
    digest is stored; the code is shown once, to the person who issued it. Issuing a new code
    withdraws any the person has not used.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    code_digest = models.CharField(max_length=64, unique=True)
    issued_at = models.DateTimeField()
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )  # None: from the server's command line
    home = models.ForeignKey("homes.Home", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-issued_at", "-id"]

    def __str__(self) -> str:
        return f"Set-up code for {self.user} issued {self.issued_at:%Y-%m-%d %H:%M}"


class Invitation(HearthModel):
    """A single-use, expiring link with which a new member of staff sets their own password (and,
    for a role that needs one, their second factor) and takes up a role at a home.

    Only a digest of the link's token is stored; the link is shown once to the person who sent it
    and mailed to the person invited (OWASP ASVS 2.5: credentials set up through a secure,
    time-limited channel). Sending a new invitation to the same address at the same home
    withdraws any not yet used.
    """

    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="invitations")
    role = models.CharField(max_length=30, choices=Role.choices)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    email = models.EmailField()
    starts_on = models.DateField()
    staff_member = models.ForeignKey(
        "staff.StaffMember", null=True, blank=True, on_delete=models.PROTECT, related_name="invitations"
    )
    token_digest = models.CharField(max_length=64, unique=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-issued_at", "-id"]

    def __str__(self) -> str:
        return f"Invitation for {self.first_name} {self.last_name} ({self.get_role_display()})"

    def state(self, now: Any) -> str:
        if self.accepted_at:
            return "accepted"
        if self.withdrawn_at:
            return "withdrawn"
        return "expired" if now >= self.expires_at else "waiting"


class SignedInSession(models.Model):
    """A session a person signed in with, so that ending their access ends it at once (the session
    store cannot be searched by person). Kept until the session ends or is ended."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    session_key = models.CharField(max_length=40, unique=True)
    signed_in_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Session of user {self.user_id} from {self.signed_in_at:%Y-%m-%d %H:%M}"
