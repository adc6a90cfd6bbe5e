"""Who may do what where: a person's role at a home, or across a provider."""

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
