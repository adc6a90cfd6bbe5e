"""Telling the people who must act: a notification for each of them, and how each wants mail.

A notification is about something to do at a home (a finding opened, an overdue one escalated);
it links to the page where it is done. Mail carries no child's name or details: only what must
be done, where, and the link, which asks for sign-in (docs/live-oversight.md).
"""

from django.conf import settings
from django.db import models


class Notification(models.Model):
    class Kind(models.TextChoices):
        FINDING = "finding", "Something to put right"
        DEADLINE = "deadline", "A clock about to run out, or a child missing"
        ESCALATION = "escalation", "Overdue, passed to you"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    home = models.ForeignKey("homes.Home", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    key = models.CharField(max_length=120, help_text="What it is about, so no one is told the same thing twice")
    title = models.CharField(max_length=300, help_text="What must be done, with no child's name")
    detail = models.TextField(blank=True, help_text="Shown only in Hearth, after sign-in")
    url = models.CharField(max_length=300)
    due = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="notification_once_per_user")]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_user_unread")]

    def __str__(self) -> str:
        return self.title


class MailChoice(models.Model):
    """How a person wants mail: each notification as it happens, or a digest (daily for managers,
    weekly for a responsible individual). Without a row, it is as it happens."""

    class Mode(models.TextChoices):
        IMMEDIATE = "immediate", "Send each one as it happens"
        DIGEST = "digest", "Send me a digest (daily, or weekly for a responsible individual)"

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mail_choice")
    mode = models.CharField(max_length=20, choices=Mode.choices, default=Mode.IMMEDIATE)

    def __str__(self) -> str:
        return f"{self.user}: {self.get_mode_display()}"
