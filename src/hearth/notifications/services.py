"""Writes for notifications: who is told what, and the mail that goes with it.

Who must act (docs/live-oversight.md):
- a finding opened that is high, or one of the deadlines the seed reports say homes miss
  (restraint records, a missing child's return interview, an incident awaiting review, a concern
  not acted on, an action overdue): the home's registered manager and deputy managers;
- a high finding still open after its due date: the provider's responsible individuals
  (escalation, at the nightly run).

Mail goes at once to those who chose it, and in a digest to the rest (``digests_send``: daily,
and weekly for a responsible individual). It names the home and what must be done, never a
child, and links to the page, which asks for sign-in.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from hearth.access.models import Membership, Role
from hearth.notifications.models import MailChoice, Notification
from hearth.oversight.engine import HIGH, REGISTRY
from hearth.oversight.models import StoredFinding

# Deadlines told at once whatever their severity: Reg 35 (restraint), Reg 40 and missing-from-care
# duties, reviews awaited, concerns not acted on, actions overdue.
ACT_NOW = frozenset(
    {
        "restraint.record_late",
        "restraint.not_signed_off",
        "restraint.child_not_spoken_to",
        "missing.police_not_informed",
        "missing.no_return_interview",
        "oversight.incident_not_reviewed",
        "oversight.action_overdue",
        "protection.concern_not_actioned",
        "protection.unverified_destination",
    }
)
MANAGERS = (Role.REGISTERED_MANAGER, Role.DEPUTY_MANAGER)
User = get_user_model()


def _in_force(day: datetime.date) -> Q:
    return Q(starts_on__lte=day) & (Q(ends_on__isnull=True) | Q(ends_on__gt=day))


def managers_of(home_ids: Iterable[int], day: datetime.date) -> dict[int, list[int]]:
    """The user ids of each home's registered and deputy managers on ``day``."""
    out: dict[int, list[int]] = defaultdict(list)
    for home_id, user_id in Membership.objects.filter(
        _in_force(day), home_id__in=list(home_ids), role__in=MANAGERS
    ).values_list("home_id", "user_id"):
        out[home_id].append(user_id)
    return out


def what_to_do(code: str) -> str:
    """The rule's own one-line description: what is wrong, with no child's name in it."""
    spec = REGISTRY.get(code)
    return (spec.description if spec else "A finding needs your attention").split("\n")[0][:300]


def findings_opened_notify(rows: Sequence[StoredFinding], *, now: datetime.datetime | None = None) -> int:
    """Tell the home's managers about findings just opened that are high or are deadlines (``ACT_NOW``).
    Returns how many notifications were made."""
    moment = now or timezone.now()
    wanted = [r for r in rows if r.severity == HIGH or r.code in ACT_NOW]
    if not wanted:
        return 0
    people = managers_of({r.home_id for r in wanted}, timezone.localdate(moment))
    made = [
        Notification(
            user_id=user_id,
            home_id=row.home_id,
            kind=Notification.Kind.FINDING,
            key=f"finding:{row.pk}",
            title=what_to_do(row.code),
            detail=row.message,
            url=reverse("oversight:findings", kwargs={"home_id": row.home.public_id}),
            due=row.due,
            created_at=moment,
        )
        for row in wanted
        for user_id in people.get(row.home_id, [])
    ]
    Notification.objects.bulk_create(made, ignore_conflicts=True)
    _mail_immediate({n.user_id for n in made}, moment)
    return len(made)


def deadlines_notify_homes(homes: Sequence[Any], *, now: datetime.datetime | None = None) -> int:
    """Tell the homes' managers, and the writer or owner still working there, of clocks about to
    run out and of children missing now (``deadlines.py``), once each. Returns how many
    notifications there are for them."""
    from hearth.notifications.deadlines import deadlines_notify

    moment = now or timezone.now()
    day = timezone.localdate(moment)
    members: dict[int, set[int]] = defaultdict(set)
    for home_id, user_id in Membership.objects.filter(_in_force(day), home_id__in=[h.pk for h in homes]).values_list(
        "home_id", "user_id"
    ):
        members[home_id].add(user_id)
    made = deadlines_notify(homes, now=moment, managers=managers_of([h.pk for h in homes], day), members=members)
    if made:
        Notification.objects.bulk_create(made, ignore_conflicts=True)
        _mail_immediate({n.user_id for n in made}, moment)
    return len(made)


def escalations_notify(*, as_of: datetime.date, now: datetime.datetime | None = None) -> int:
    """A high finding still open after its due date goes to the provider's responsible individuals."""
    moment = now or timezone.now()
    overdue = list(
        StoredFinding.objects.filter(resolved_at__isnull=True, severity=HIGH, due__lt=as_of).select_related("home")
    )
    by_provider: dict[int, list[int]] = defaultdict(list)
    for provider_id, user_id in Membership.objects.filter(
        _in_force(as_of), provider_id__in={r.home.provider_id for r in overdue}, role=Role.RESPONSIBLE_INDIVIDUAL
    ).values_list("provider_id", "user_id"):
        by_provider[provider_id].append(user_id)
    made = [
        Notification(
            user_id=user_id,
            home_id=row.home_id,
            kind=Notification.Kind.ESCALATION,
            key=f"escalation:{row.pk}",
            title=f"Overdue at {row.home.name}: {what_to_do(row.code)}",
            detail=row.message,
            url=reverse("oversight:findings", kwargs={"home_id": row.home.public_id}),
            due=row.due,
            created_at=moment,
        )
        for row in overdue
        for user_id in by_provider.get(row.home.provider_id, [])
    ]
    Notification.objects.bulk_create(made, ignore_conflicts=True)
    _mail_immediate({n.user_id for n in made}, moment)
    return len(made)


def notification_read(*, user: Any, notification_id: int, now: datetime.datetime | None = None) -> None:
    Notification.objects.filter(user=user, pk=notification_id, read_at__isnull=True).update(
        read_at=now or timezone.now()
    )


def notifications_all_read(*, user: Any, now: datetime.datetime | None = None) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=now or timezone.now())


def mail_choice_set(*, user: Any, mode: str) -> MailChoice:
    if mode not in MailChoice.Mode.values:
        raise ValueError(f"Choose how mail is sent: {', '.join(MailChoice.Mode.labels)}.")
    choice, _ = MailChoice.objects.update_or_create(user=user, defaults={"mode": mode})
    return choice


def _digest_users() -> set[int]:
    return set(MailChoice.objects.filter(mode=MailChoice.Mode.DIGEST).values_list("user_id", flat=True))


def _link(path: str) -> str:
    return getattr(settings, "HEARTH_SITE_URL", "http://127.0.0.1:8000").rstrip("/") + path


def _line(n: Notification, homes: dict[int, str]) -> str:
    where = homes.get(n.home_id or 0, "")
    due = f" Due {n.due:%-d %B %Y}." if n.due else ""
    return f"- {n.title}{f' ({where})' if where and where not in n.title else ''}.{due}\n  {_link(n.url)}"


def _send_all(batches: list[tuple[int, list[Notification], str]], moment: datetime.datetime) -> int:
    """Send each (user, notifications, subject) as one mail, and mark them mailed: a fixed number
    of queries however many there are. Returns how many mails were sent."""
    from hearth.homes.models import Home

    if not batches:
        return 0
    emails = dict(User.objects.filter(pk__in={u for u, _, _ in batches}).values_list("pk", "email"))
    homes = dict(
        Home.objects.filter(pk__in={n.home_id for _, ns, _ in batches for n in ns if n.home_id}).values_list(
            "pk", "name"
        )
    )
    mailed: list[int] = []
    for user_id, notifications, subject in batches:
        if not emails.get(user_id):
            continue
        body = (
            "Hearth has something for you to do:\n\n"
            + "\n".join(_line(n, homes) for n in notifications)
            + "\n\nEach link opens Hearth, which asks you to sign in. This message holds no child's details.\n"
        )
        send_mail(subject, body, None, [emails[user_id]])
        mailed += [n.pk for n in notifications]
    Notification.objects.filter(pk__in=mailed).update(emailed_at=moment)
    return len({u for u, _, _ in batches if emails.get(u)})


def _mail_immediate(user_ids: set[int], moment: datetime.datetime) -> None:
    """Mail each notification not yet mailed to those who want mail as it happens."""
    wanted = user_ids - _digest_users()
    waiting = Notification.objects.filter(user_id__in=wanted, emailed_at__isnull=True).order_by("created_at", "id")
    _send_all([(n.user_id, [n], f"Hearth: {n.title}"[:150]) for n in waiting], moment)


def digests_send(*, weekly: bool, now: datetime.datetime | None = None) -> int:
    """One mail per digest reader listing what they have not been mailed: daily for managers,
    weekly (``weekly``) for responsible individuals. Returns how many mails were sent."""
    moment = now or timezone.now()
    day = timezone.localdate(moment)
    ris = set(
        Membership.objects.filter(_in_force(day), role=Role.RESPONSIBLE_INDIVIDUAL).values_list("user_id", flat=True)
    )
    readers = {u for u in _digest_users() if (u in ris) == weekly}
    by_user: dict[int, list[Notification]] = defaultdict(list)
    for n in Notification.objects.filter(user_id__in=readers, emailed_at__isnull=True).order_by("created_at", "id"):
        by_user[n.user_id].append(n)
    period = "this week" if weekly else "today"
    return _send_all(
        [(u, ns, f"Hearth: {len(ns)} thing(s) to do {period}") for u, ns in sorted(by_user.items())], moment
    )
