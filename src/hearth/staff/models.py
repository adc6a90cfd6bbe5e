"""Staff members of a home. Vetting, training and supervision arrive with their own issue."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from hearth.core.models import HearthModel


class StaffMember(HearthModel):
    """A person employed at a home (Reg 32), with role and dates of employment."""

    class Role(models.TextChoices):
        SUPPORT_WORKER = "support_worker", "Residential support worker"
        SENIOR = "senior", "Senior support worker"
        DEPUTY_MANAGER = "deputy_manager", "Deputy manager"
        REGISTERED_MANAGER = "registered_manager", "Registered manager"
        RELIEF = "relief", "Relief or agency worker"
        ANCILLARY = "ancillary", "Ancillary staff"

    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="staff")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="staff_records"
    )
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    role = models.CharField(max_length=30, choices=Role.choices)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    email = models.EmailField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self) -> str:
        return str(self)
