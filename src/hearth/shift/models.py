"""The shift handover: what the outgoing shift tells the incoming one.

A handover is part of the home's record of its day (Regulation 36: records kept and signed by the
person who wrote them; Regulation 13: leadership that makes sure each shift knows what the last
one knew). The outgoing worker writes and signs it; the incoming shift lead acknowledges it, so
the home can show that what was handed over was received. Once written it is never changed: a
correction is a new handover.
"""

from django.conf import settings
from django.db import models

from hearth.core.models import HearthModel

HANDOVER_MAX_CHARS = 4000  # about a page and a half: what a shift lead reads at the start of a shift


class Handover(HearthModel):
    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="handovers")
    text = models.TextField()
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    written_by_name = models.CharField(max_length=200)
    written_at = models.DateTimeField()
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    acknowledged_by_name = models.CharField(max_length=200, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-written_at", "-id"]
        indexes = [models.Index(fields=["home", "-written_at"], name="handover_home_recent")]

    def __str__(self) -> str:
        return f"Handover written by {self.written_by_name}"
