"""Who did what, and who looked at which child's record."""

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    """An action a service carried out, with its actor and reason (Reg 36: records are signed).

    Field-level versions of the records themselves live in their simple-history tables; this is
    the account of the action ("placement ended", "bundle loaded") that a person reads.
    """

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=80)
    object_type = models.CharField(max_length=80)
    object_id = models.UUIDField()
    object_label = models.CharField(max_length=200)
    home = models.ForeignKey("homes.Home", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    changed_fields = models.JSONField(default=list, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["home", "-id"], name="audit_event_home_newest"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_label}"


class AccessEvent(models.Model):
    """One opening of a child's record by a person: the read side of the audit trail."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="access_events")
    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="+")
    path = models.CharField(max_length=300)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} opened {self.child}"
