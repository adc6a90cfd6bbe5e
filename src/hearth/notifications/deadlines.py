"""Telling people before a clock runs out, not only after (a finding is made when it has).

Run with each re-audit of a home and every quarter of an hour by the worker's clock
(``oversight/tasks.py``), because a clock runs down without any save. The clocks:

- a physical intervention not yet signed off, within ``SOON_HOURS`` of its Regulation 35(3)(b)
  limit; the child not yet spoken to, within a day of Regulation 35(3)(c)'s;
- an incident that must be notified to Ofsted and the placing authority (Regulation 40(4)), not
  yet notified to them, while its 24 hours run;
- a child missing from the home (whereabouts unknown, not back), at once; a child back without
  a return interview offered, within a day of the 72 hours;
- an action due today or tomorrow (overdue ones are findings: ``oversight.action_overdue``);
- a complaint's response due today or tomorrow and not given (Reg 39), and a notice about the home
  (Part 7) due within two days and not sent.

Each goes to the home's registered and deputy managers and, where there is one still working at
the home, to the person who wrote the record or owns the action. Each is told once per person
(the notification's key). The words name the home and the duty, never the child.
"""

import datetime
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from hearth.core.deadlines import deadline_hours
from hearth.homes.models import Home
from hearth.incidents.models import Incident, MissingEpisode, PhysicalIntervention
from hearth.incidents.models import Notification as Notified
from hearth.incidents.notifications import OFSTED_AND_AUTHORITY, required_recipients
from hearth.notifications.models import Notification

SOON_HOURS = 12  # the restraint sign-off: told this long before its 48 hours run out
SOON_DAYS_HOURS = 24  # the longer clocks (the child spoken to, the return interview)


@dataclass(frozen=True)
class Clock:
    """One duty with a time limit at a home: who besides the managers must hear of it."""

    key: str
    home_id: int
    title: str
    url: str
    due: datetime.date | None
    also: int | None = None  # the writer of the record, or the action's owner (a user id)


def deadlines_notify(
    homes: Sequence[Home], *, now: datetime.datetime, managers: dict[int, list[int]], members: dict[int, set[int]]
) -> list[Notification]:
    """Notifications for the clocks running down at ``homes``, for each home's ``managers`` and
    for the writer or owner where they are among the home's ``members`` (user ids, by home).
    Returns those made (new or already made)."""
    by_id = {h.pk: h for h in homes}
    made: list[Notification] = []
    for clock in _clocks(by_id, now):
        people = set(managers.get(clock.home_id, []))
        if clock.also is not None and clock.also in members.get(clock.home_id, set()):
            people.add(clock.also)
        made += [
            Notification(
                user_id=user_id,
                home_id=clock.home_id,
                kind=Notification.Kind.DEADLINE,
                key=clock.key,
                title=clock.title[:300],
                url=clock.url,
                due=clock.due,
                created_at=now,
            )
            for user_id in sorted(people)
        ]
    return made


def _clocks(homes: dict[int, Home], now: datetime.datetime) -> Iterator[Clock]:
    yield from _restraint_clocks(homes, now)
    yield from _notification_clocks(homes, now)
    yield from _missing_clocks(homes, now)
    yield from _action_clocks(homes, now)
    yield from _complaint_clocks(homes, now)
    yield from _home_notice_clocks(homes, now)


def _at(moment: datetime.datetime) -> str:
    return f"{timezone.localtime(moment):%H:%M on %-d %B}"


def _incident_url(home: Home, public_id: object) -> str:
    return reverse("incidents:detail", kwargs={"home_id": home.public_id, "incident_id": public_id})


def _running_out(field: str, hours: int, soon_hours: int, now: datetime.datetime) -> Q:
    """``field`` (a start time) puts a limit of ``hours`` after it between now and ``soon_hours`` on."""
    limit = datetime.timedelta(hours=hours)
    return Q(**{f"{field}__gt": now - limit, f"{field}__lte": now - limit + datetime.timedelta(hours=soon_hours)})


def _restraint_clocks(homes: dict[int, Home], now: datetime.datetime) -> Iterator[Clock]:
    signed, spoken = deadline_hours("restraint_signed"), deadline_hours("restraint_child_spoken")
    rows = PhysicalIntervention.objects.filter(incident__home_id__in=list(homes)).filter(
        Q(_running_out("incident__occurred_at", signed, SOON_HOURS, now), staff_spoken_signed_at__isnull=True)
        | Q(_running_out("incident__occurred_at", spoken, SOON_DAYS_HOURS, now), child_spoken_at__isnull=True)
    )
    for pk, home_id, occurred, public_id, writer, signed_at, spoken_at in rows.values_list(
        "pk",
        "incident__home_id",
        "incident__occurred_at",
        "incident__public_id",
        "incident__created_by_id",
        "staff_spoken_signed_at",
        "child_spoken_at",
    ):
        home = homes[home_id]
        url = _incident_url(home, public_id)
        sign_by = occurred + datetime.timedelta(hours=signed)
        if signed_at is None and now < sign_by <= now + datetime.timedelta(hours=SOON_HOURS):
            title = f"Sign off a physical intervention record at {home.name} by {_at(sign_by)} (Regulation 35(3)(b))"
            yield Clock(f"soon:restraint:{pk}", home_id, title, url, timezone.localtime(sign_by).date())
        speak_by = occurred + datetime.timedelta(hours=spoken)
        if spoken_at is None and now < speak_by <= now + datetime.timedelta(hours=SOON_DAYS_HOURS):
            title = (
                f"Speak to the child about a physical intervention at {home.name} by {_at(speak_by)} "
                "and record it (Regulation 35(3)(c))"
            )
            yield Clock(f"soon:restraint-child:{pk}", home_id, title, url, timezone.localtime(speak_by).date(), writer)


_TO_TELL = {"ofsted": "Ofsted", "placing_authority": "the placing authority"}


def _notification_clocks(homes: dict[int, Home], now: datetime.datetime) -> Iterator[Clock]:
    """Incidents within their 24 hours that Ofsted or the placing authority must be told of and
    are not yet (the exploitation, allegation, high-severity and serious police incidents of
    ``incidents/notifications.py``): told as soon as they are recorded, since the time is short."""
    hours = deadline_hours("notification")
    limit = datetime.timedelta(hours=hours)

    def told(recipient: str) -> Exists:
        return Exists(Notified.objects.filter(incident=OuterRef("pk"), recipient=recipient))

    incidents = (
        Incident.objects.filter(home_id__in=list(homes), occurred_at__gt=now - limit)
        .annotate(ofsted=told("ofsted"), authority=told("placing_authority"))
        .values_list(
            "pk",
            "home_id",
            "occurred_at",
            "public_id",
            "created_by_id",
            "type",
            "severity",
            "risk_domains",
            "ofsted",
            "authority",
        )
    )
    for pk, home_id, occurred, public_id, writer, kind, severity, domains, ofsted, authority in incidents:
        needed = required_recipients(type=kind, severity=severity, risk_domains=domains) & OFSTED_AND_AUTHORITY
        sent = {r for r, done in (("ofsted", ofsted), ("placing_authority", authority)) if done}
        if not needed - sent:
            continue
        home = homes[home_id]
        by = occurred + limit
        names = " and ".join(_TO_TELL[r] for r in ("ofsted", "placing_authority") if r in needed - sent)
        title = f"Notify {names} of an incident at {home.name} by {_at(by)} (Regulation 40(4))"
        yield Clock(
            f"soon:reg40:{pk}", home_id, title, _incident_url(home, public_id), timezone.localtime(by).date(), writer
        )


def _missing_clocks(homes: dict[int, Home], now: datetime.datetime) -> Iterator[Clock]:
    hours = deadline_hours("return_interview")
    episodes = MissingEpisode.objects.filter(incident__home_id__in=list(homes)).filter(
        Q(whereabouts_known=False, returned_at__isnull=True)
        | Q(_running_out("returned_at", hours, SOON_DAYS_HOURS, now), return_interview_offered_at__isnull=True)
    )
    for pk, home_id, public_id, writer, returned in episodes.values_list(
        "pk", "incident__home_id", "incident__public_id", "incident__created_by_id", "returned_at"
    ):
        home = homes[home_id]
        url = _incident_url(home, public_id)
        if returned is None:
            title = f"A child from {home.name} is missing: follow the missing-from-care procedure"
            yield Clock(f"missing:{pk}", home_id, title, url, None)
        else:
            by = returned + datetime.timedelta(hours=hours)
            title = f"Offer a return home interview to a child back at {home.name} by {_at(by)}"
            yield Clock(f"soon:return-interview:{pk}", home_id, title, url, timezone.localtime(by).date(), writer)


def _action_clocks(homes: dict[int, Home], now: datetime.datetime) -> Iterator[Clock]:
    from hearth.oversight.models import Action

    day = timezone.localtime(now).date()
    due = Action.objects.filter(
        home_id__in=list(homes), due_on__gte=day, due_on__lte=day + datetime.timedelta(days=1)
    ).exclude(status=Action.Status.COMPLETED)
    for pk, home_id, public_id, due_on, owner in due.values_list(
        "pk", "home_id", "public_id", "due_on", "owner__user_id"
    ):
        home = homes[home_id]
        when = "today" if due_on == day else "tomorrow"
        title = f"An action at {home.name} is due {when}"
        url = reverse("oversight:action_detail", kwargs={"home_id": home.public_id, "action_id": public_id})
        yield Clock(f"soon:action:{pk}:{due_on.isoformat()}", home_id, title, url, due_on, owner)


def _complaint_clocks(homes: dict[int, Home], now: datetime.datetime) -> Iterator[Clock]:
    from hearth.complaints.models import Complaint

    day = timezone.localtime(now).date()
    due = Complaint.objects.filter(
        home_id__in=list(homes),
        responded_on__isnull=True,
        response_due__gte=day,
        response_due__lte=day + datetime.timedelta(days=1),
    )
    # The managers only: whoever took the complaint down may not read complaints (many are about staff).
    for pk, home_id, public_id, due_on in due.values_list("pk", "home_id", "public_id", "response_due"):
        home = homes[home_id]
        when = "today" if due_on == day else "tomorrow"
        title = f"The response to a complaint at {home.name} is due {when} (Regulation 39)"
        url = reverse("complaints:detail", kwargs={"home_id": home.public_id, "complaint_id": public_id})
        yield Clock(f"soon:complaint:{pk}", home_id, title, url, due_on)


def _home_notice_clocks(homes: dict[int, Home], now: datetime.datetime) -> Iterator[Clock]:
    from hearth.notices.models import HomeNotice

    day = timezone.localtime(now).date()
    due = HomeNotice.objects.filter(
        home_id__in=list(homes), sent_on__isnull=True, due_on__gte=day, due_on__lte=day + datetime.timedelta(days=2)
    )
    for pk, home_id, kind, due_on in due.values_list("pk", "home_id", "kind", "due_on"):
        home = homes[home_id]
        title = f"Send Ofsted the notice about {home.name} by {due_on:%-d %B}: {HomeNotice.Kind(kind).label.lower()}"
        url = reverse("notices:list", kwargs={"home_id": home.public_id})
        yield Clock(f"soon:home-notice:{pk}", home_id, title, url, due_on)
