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
    """One reading of records by a person: a child's record, a staff member's file, or a home's
    records about children (the daily log, incidents): the read side of the audit trail, written
    for every such page opened (audit.middleware.ReadingLogMiddleware)."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey(
        "children.Child", null=True, blank=True, on_delete=models.PROTECT, related_name="access_events"
    )
    staff_member = models.ForeignKey(
        "staff.StaffMember", null=True, blank=True, on_delete=models.PROTECT, related_name="access_events"
    )
    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="+")
    what = models.CharField(max_length=80, blank=True)  # in plain words: "the daily log", "a staff file"
    path = models.CharField(max_length=300)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} opened {self.child or self.staff_member or self.what}"


class SecurityEvent(models.Model):
    """An event about signing in worth keeping: a signed-in person sent away from a page (403 or
    404), a wrong second-factor or set-up code, a second factor set up, or someone issuing a set-up
    code or removing a second factor (``about``: whose). Read by administrators; never shown to
    the person refused."""

    class Kind(models.TextChoices):
        DENIED = "denied", "Page refused"
        SECOND_FACTOR_FAILED = "second_factor_failed", "Wrong second-factor code"
        SECOND_FACTOR_REMOVED = "second_factor_removed", "Second factor removed by an administrator"
        SET_UP_CODE_FAILED = "set_up_code_failed", "Wrong second-factor set-up code"
        SET_UP_CODE_ISSUED = "set_up_code_issued", "Second-factor set-up code issued"
        SECOND_FACTOR_ENROLLED = "second_factor_enrolled", "Second factor set up"
        SECOND_FACTOR_RESET = "second_factor_reset", "Second factor reset by a manager"
        INVITATION_ACCEPTED = "invitation_accepted", "Invitation accepted; account made"
        INVITATION_FAILED = "invitation_failed", "Invitation link not usable"
        SESSIONS_ENDED = "sessions_ended", "Signed out everywhere when access ended"
        RECOVERY_CODES_ISSUED = "recovery_codes_issued", "Recovery codes issued"
        RECOVERY_CODE_USED = "recovery_code_used", "Signed in with a recovery code"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    status = models.PositiveSmallIntegerField(null=True, blank=True)
    path = models.CharField(max_length=300)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    about = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()}: {self.user} {self.path}"
