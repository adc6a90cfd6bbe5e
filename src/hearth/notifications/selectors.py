"""Reads for notifications: a person's own, newest first."""

from typing import Any

from hearth.notifications.models import MailChoice, Notification

SHOWN = 100


def notifications_for(*, user: Any) -> list[Notification]:
    """The person's newest notifications (unread first), with the home named."""
    rows = Notification.objects.filter(user=user).select_related("home").order_by("read_at", "-created_at", "-id")
    return list(rows[:SHOWN])


def unread_count(*, user: Any) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def mail_mode(*, user: Any) -> str:
    choice = MailChoice.objects.filter(user=user).values_list("mode", flat=True).first()
    return choice or MailChoice.Mode.IMMEDIATE
