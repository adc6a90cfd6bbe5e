"""Rules about time: incidents reviewed, restraint signed and the child spoken to, records written
promptly (Regulations 13, 35 and 36; rules.md). Deadlines are ``HEARTH_DEADLINES_HOURS``.

"Now" is the end of the ``as_of`` day, or the present moment when that day is today (``end_of``). Only
events in the look-back window (default a year, about the time between full inspections) are
judged, so that an old late record does not stay a finding for ever.
"""

import datetime
from collections.abc import Iterator

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from hearth.core.deadlines import deadline_hours
from hearth.incidents.models import Incident, PhysicalIntervention
from hearth.oversight.engine import (
    HIGH,
    LEADERSHIP,
    LOW,
    MEDIUM,
    POSITIVE_RELATIONSHIPS,
    AuditContext,
    Finding,
    Ref,
    ref,
    rule,
)
from hearth.records.models import LogEntry

LOOKBACK_DAYS = 365


def end_of(day: datetime.date) -> datetime.datetime:
    """What "now" is for an audit as of ``day``: the end of that day, or the present moment if it is today.

    A deadline still running today is not yet a finding; a past day is judged as it closed.
    """
    close = timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min))
    return min(close, timezone.now())


def window(ctx: AuditContext) -> tuple[datetime.datetime, datetime.datetime]:
    now = end_of(ctx.as_of)
    return now - datetime.timedelta(days=ctx.threshold("lookback_days")), now


def hours(n: int) -> datetime.timedelta:
    return datetime.timedelta(hours=n)


def incident_ref(i: Incident) -> Ref:
    return ref(i, "incident", f"{i.get_type_display()}, {timezone.localtime(i.occurred_at):%-d %B %Y %H:%M}")


def not_done_in_time(field: str, start: str, limit: datetime.timedelta, now: datetime.datetime) -> Q:
    """``field`` (a time) was not set within ``limit`` of ``start``, a deadline that had passed by ``now``.

    Done after ``now`` counts as not done: an audit as of a past day sees the record as it was then.
    """
    return Q(**{f"{start}__lt": now - limit}) & (
        Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gt": F(start) + limit}) | Q(**{f"{field}__gt": now})
    )


@rule(
    "oversight.incident_not_reviewed",
    regulation="13(2)(h)",
    standard=LEADERSHIP,
    severity=MEDIUM,
    lookback_days=LOOKBACK_DAYS,
)
def incident_not_reviewed(ctx: AuditContext) -> Iterator[Finding]:
    """An incident has no manager review within 72 hours (24 hours for high-severity incidents):
    the registered manager monitors the home's records and acts on them (Reg 13(2)(h))."""
    since, now = window(ctx)
    base: QuerySet[Incident] = (
        Incident.objects.filter(home_id__in=ctx.home_ids, occurred_at__gte=since)
        .exclude(type=Incident.Type.PHYSICAL_INTERVENTION)  # signed off under Reg 35 instead
        .select_related("home")
    )
    for severity, name in ((Incident.Severity.HIGH, "incident_review_high"), (None, "incident_review")):
        limit = hours(deadline_hours(name))
        chosen = base.filter(severity=severity) if severity else base.exclude(severity=Incident.Severity.HIGH)
        for incident in chosen.filter(not_done_in_time("reviewed_at", "occurred_at", limit, now)):
            reviewed = incident.reviewed_at and incident.reviewed_at <= now
            when = (
                f"reviewed late, on {timezone.localtime(incident.reviewed_at):%-d %B %Y}"
                if reviewed
                else "not reviewed"
            )
            yield ctx.finding(
                home=incident.home,
                subject=incident_ref(incident),
                message=f"The {incident.get_type_display().lower()} on {timezone.localtime(incident.occurred_at):%-d %B %Y} "
                f"was {when}: a manager should review it within {deadline_hours(name)} hours.",
                evidence=[incident_ref(incident)],
            )


def _interventions(ctx: AuditContext) -> QuerySet[PhysicalIntervention]:
    since, _ = window(ctx)
    return PhysicalIntervention.objects.filter(
        incident__home_id__in=ctx.home_ids, incident__occurred_at__gte=since
    ).select_related("incident__home", "child")


def _intervention_ref(p: PhysicalIntervention) -> Ref:
    return ref(
        p.incident,
        "incident",
        f"Physical intervention with {p.child.display_name}, {timezone.localtime(p.incident.occurred_at):%-d %B %Y %H:%M}",
    )


@rule(
    "restraint.record_late",
    regulation="35(3)(a)",
    standard=POSITIVE_RELATIONSHIPS,
    severity=MEDIUM,
    lookback_days=LOOKBACK_DAYS,
)
def restraint_record_late(ctx: AuditContext) -> Iterator[Finding]:
    """A physical intervention was recorded more than 24 hours after it happened (Reg 35(3)(a))."""
    limit = hours(deadline_hours("restraint_recorded"))
    _, now = window(ctx)
    late = _interventions(ctx).filter(
        incident__recorded_at__gt=F("incident__occurred_at") + limit, incident__recorded_at__lte=now
    )
    for p in late:
        yield ctx.finding(
            home=p.incident.home,
            subject=_intervention_ref(p),
            message=f"The physical intervention with {p.child.display_name} was recorded "
            f"{timezone.localtime(p.incident.recorded_at):%-d %B %Y %H:%M}, more than {deadline_hours('restraint_recorded')} hours after it happened.",
            evidence=[_intervention_ref(p)],
        )


@rule(
    "restraint.not_signed_off",
    regulation="35(3)(b)",
    standard=POSITIVE_RELATIONSHIPS,
    severity=HIGH,
    lookback_days=LOOKBACK_DAYS,
)
def restraint_not_signed_off(ctx: AuditContext) -> Iterator[Finding]:
    """The registered person has not spoken to the staff and signed the record within 48 hours (Reg 35(3)(b))."""
    limit = hours(deadline_hours("restraint_signed"))
    _, now = window(ctx)
    late = _interventions(ctx).filter(not_done_in_time("staff_spoken_signed_at", "incident__occurred_at", limit, now))
    for p in late:
        within = f"within {deadline_hours('restraint_signed')} hours"
        if p.staff_spoken_signed_at is not None:  # signed, but late: say what happened, not "never"
            message = (
                f"The record of the physical intervention with {p.child.display_name} was signed, after speaking "
                f"to the staff, on {timezone.localtime(p.staff_spoken_signed_at):%-d %B %Y %H:%M}: not {within}."
            )
        else:
            message = (
                f"Nobody has spoken to the staff and signed the record of the physical intervention with "
                f"{p.child.display_name}; it was due {within}."
            )
        yield ctx.finding(
            home=p.incident.home, subject=_intervention_ref(p), message=message, evidence=[_intervention_ref(p)]
        )


@rule(
    "restraint.child_not_spoken_to",
    regulation="35(3)(c)",
    standard=POSITIVE_RELATIONSHIPS,
    severity=MEDIUM,
    lookback_days=LOOKBACK_DAYS,
)
def restraint_child_not_spoken_to(ctx: AuditContext) -> Iterator[Finding]:
    """No record within 5 days that the registered person spoke to the child (Reg 35(3)(c))."""
    limit = hours(deadline_hours("restraint_child_spoken"))
    _, now = window(ctx)
    late = _interventions(ctx).filter(not_done_in_time("child_spoken_at", "incident__occurred_at", limit, now))
    for p in late:
        if p.child_spoken_at is not None:
            message = (
                f"The registered person spoke to {p.child.display_name} about the physical intervention on "
                f"{timezone.localtime(p.child_spoken_at):%-d %B %Y}: not within {limit.days} days."
            )
        else:
            message = (
                f"No record that the registered person has spoken to {p.child.display_name} about the physical "
                f"intervention; it was due within {limit.days} days."
            )
        yield ctx.finding(
            home=p.incident.home, subject=_intervention_ref(p), message=message, evidence=[_intervention_ref(p)]
        )


@rule(
    "records.late_entry",
    regulation="36(1)",
    standard=LEADERSHIP,
    severity=LOW,
    lookback_days=LOOKBACK_DAYS,
)
def late_entry(ctx: AuditContext) -> Iterator[Finding]:
    """A log entry or incident was recorded more than 24 hours after it happened (Reg 36: records
    kept up to date). A physical intervention recorded late is ``restraint.record_late``'s finding
    (Reg 35(3)(a)), not this one's too: one fact, one finding."""
    limit = hours(deadline_hours("late_entry"))
    since, now = window(ctx)
    late = Q(occurred_at__gte=since, recorded_at__lte=now, recorded_at__gt=F("occurred_at") + limit)
    homes = {h.pk: h for h in ctx.homes}
    # Only what the finding shows: a struggling home has thousands of late entries, and their text is not needed.
    entries = LogEntry.objects.filter(late, home_id__in=ctx.home_ids).only(
        "public_id", "home_id", "author_name", "occurred_at", "recorded_at"
    )
    for entry in entries:
        entry.home = homes[entry.home_id]
        label = f"Log entry by {entry.author_name}, {timezone.localtime(entry.occurred_at):%-d %B %Y %H:%M}"
        subject = ref(entry, "log_entry", label)
        yield ctx.finding(
            home=entry.home,
            subject=subject,
            message=f"{label} was written on {timezone.localtime(entry.recorded_at):%-d %B %Y %H:%M}, "
            f"more than {deadline_hours('late_entry')} hours later.",
            evidence=[subject],
        )
    incidents = Incident.objects.filter(late, home_id__in=ctx.home_ids).exclude(
        type=Incident.Type.PHYSICAL_INTERVENTION
    )
    for incident in incidents.select_related("home"):
        yield ctx.finding(
            home=incident.home,
            subject=incident_ref(incident),
            message=f"The {incident.get_type_display().lower()} of {timezone.localtime(incident.occurred_at):%-d %B %Y} "
            f"was recorded on {timezone.localtime(incident.recorded_at):%-d %B %Y %H:%M}, more than "
            f"{deadline_hours('late_entry')} hours later.",
            evidence=[incident_ref(incident)],
        )
