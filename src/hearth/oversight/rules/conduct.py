"""Complaints, allegations and control (Regulations 19, 20, 34, 35 and 39), and notices about the
home (Regulations 48 and 49): rules.md's sections "Complaints, allegations and control" and
"Notices". Each reads one kind of record in one query over every home audited; events older than
the look-back (a year, about the time between full inspections) are not judged.

A finding about an allegation never names the member of staff or the child: findings are read by
people who may not open the allegation itself (the policies in ``access/policies/conduct.py``)."""

import datetime
from collections.abc import Iterator

from django.db.models import F, Q
from django.utils import timezone

from hearth.allegations.models import Allegation
from hearth.allegations.selectors import lado_due
from hearth.complaints.models import Complaint
from hearth.control.models import ControlMeasure
from hearth.control.prohibited import prohibited_in
from hearth.notices.models import HomeNotice
from hearth.oversight.engine import (
    HIGH,
    LEADERSHIP,
    MEDIUM,
    POSITIVE_RELATIONSHIPS,
    PROTECTION,
    AuditContext,
    Finding,
    Ref,
    ref,
    rule,
)
from hearth.oversight.rules.timeliness import LOOKBACK_DAYS, not_done_in_time, window


def complaint_ref(c: Complaint) -> Ref:
    return ref(c, "complaint", f"Complaint received {c.received_on:%-d %B %Y}")


@rule(
    "complaint.response_overdue",
    regulation="39",
    standard=LEADERSHIP,
    severity=MEDIUM,
    lookback_days=LOOKBACK_DAYS,
)
def complaint_response_overdue(ctx: AuditContext) -> Iterator[Finding]:
    """A complaint has no response by the deadline of the home's procedure (28 days unless it says
    otherwise), or was answered after it (Reg 39(1)): high when a child made it. One query."""
    since, _ = window(ctx)
    late = Complaint.objects.filter(
        Q(responded_on__isnull=True) | Q(responded_on__gt=ctx.as_of) | Q(responded_on__gt=F("response_due")),
        home_id__in=ctx.home_ids,
        received_on__gte=since.date(),
        response_due__lt=ctx.as_of,
    ).select_related("home")
    for c in late:
        answered = c.responded_on is not None and c.responded_on <= ctx.as_of
        what = (
            f"was answered on {c.responded_on:%-d %B %Y}, after its deadline of {c.response_due:%-d %B %Y}"
            if answered
            else f"has not been answered: the response was due by {c.response_due:%-d %B %Y}"
        )
        yield ctx.finding(
            home=c.home,
            subject=complaint_ref(c),
            message=f"The complaint from {c.get_complainant_kind_display().lower()} received on "
            f"{c.received_on:%-d %B %Y} {what}.",
            evidence=[complaint_ref(c)],
            severity=HIGH if c.from_a_child else None,
        )


@rule(
    "complaint.investigated_by_subject",
    regulation="39(2)",
    standard=LEADERSHIP,
    severity=HIGH,
    lookback_days=LOOKBACK_DAYS,
)
def complaint_investigated_by_subject(ctx: AuditContext) -> Iterator[Finding]:
    """The person investigating a complaint is a person it is about (Reg 39(2): the subject of a
    complaint must not deal with it). One query."""
    since, _ = window(ctx)
    conflicted = (
        Complaint.objects.filter(home_id__in=ctx.home_ids, received_on__gte=since.date(), about_staff=F("investigator"))
        .select_related("home", "investigator")
        .distinct()
    )
    for c in conflicted:
        assert c.investigator is not None
        yield ctx.finding(
            home=c.home,
            subject=complaint_ref(c),
            message=f"The complaint received on {c.received_on:%-d %B %Y} is being investigated by "
            f"{c.investigator.full_name}, whom it is about: name someone else to investigate it.",
            evidence=[complaint_ref(c)],
        )


def allegation_ref(a: Allegation) -> Ref:
    return ref(a, "allegation", f"Allegation received {timezone.localtime(a.received_at):%-d %B %Y}")


@rule(
    "allegation.lado_not_referred",
    regulation="34",
    standard=PROTECTION,
    severity=HIGH,
    lookback_days=LOOKBACK_DAYS,
    working_days=1,
)
def allegation_lado_not_referred(ctx: AuditContext) -> Iterator[Finding]:
    """An allegation against a member of staff was not referred to the local authority designated
    officer within one working day (Reg 34(1)(b) and Working Together 2023). One query; the working
    day (weekends and England's bank holidays skipped) is then worked out for each allegation."""
    since, now = window(ctx)
    days = ctx.threshold("working_days")
    candidates = Allegation.objects.filter(
        Q(lado_referred_at__isnull=True)
        | Q(lado_referred_at__gt=now)
        | Q(lado_referred_at__gt=F("received_at") + datetime.timedelta(days=1)),
        home_id__in=ctx.home_ids,
        received_at__gte=since,
        received_at__lt=now - datetime.timedelta(days=1),
    ).select_related("home")
    for a in candidates:
        due = lado_due(a.received_at, days)
        referred = a.lado_referred_at if a.lado_referred_at is not None and a.lado_referred_at <= now else None
        if due >= now or (referred is not None and referred <= due):
            continue
        when = f"was referred on {timezone.localtime(referred):%-d %B %Y}" if referred else "has not been referred"
        yield ctx.finding(
            home=a.home,
            subject=allegation_ref(a),
            message=f"The allegation against a member of staff received on "
            f"{timezone.localtime(a.received_at):%-d %B %Y} {when} to the LADO: it was due within one working "
            f"day, by the end of {timezone.localtime(due - datetime.timedelta(seconds=1)):%-d %B %Y}.",
            evidence=[allegation_ref(a)],
        )


def measure_ref(m: ControlMeasure) -> Ref:
    return ref(
        m, "control_measure", f"{m.get_kind_display()} for {m.child.display_name}, {timezone.localtime(m.at):%-d %B %Y}"
    )


@rule(
    "sanction.prohibited",
    regulation="19(2)",
    standard=POSITIVE_RELATIONSHIPS,
    severity=HIGH,
    lookback_days=LOOKBACK_DAYS,
)
def sanction_prohibited(ctx: AuditContext) -> Iterator[Finding]:
    """A recorded measure is one Regulation 19(2) prohibits (corporal punishment, food or drink
    withheld, contact restricted as a punishment, intimate searches, fines beyond reparation…),
    read from what was written (``control/prohibited.py``). One query."""
    since, now = window(ctx)
    measures = ControlMeasure.objects.filter(home_id__in=ctx.home_ids, at__gte=since, at__lt=now).select_related(
        "home", "child"
    )
    for m in measures:
        for breach in prohibited_in(m.measure):
            yield ctx.finding(
                home=m.home,
                subject=measure_ref(m),
                message=f"The measure used with {m.child.display_name} on {timezone.localtime(m.at):%-d %B %Y} "
                f"(“{breach.words}”) is {breach.prohibition.what}, which Regulation "
                f"{breach.prohibition.regulation} prohibits.",
                evidence=[measure_ref(m)],
            )


@rule(
    "sanction.not_reviewed",
    regulation="35(3)",
    standard=POSITIVE_RELATIONSHIPS,
    severity=MEDIUM,
    lookback_days=LOOKBACK_DAYS,
    days=7,
)
def sanction_not_reviewed(ctx: AuditContext) -> Iterator[Finding]:
    """A sanction or restriction of liberty has no manager review, or no record of the child's view,
    within 7 days (Reg 35(3); Reg 20 for restrictions). One query."""
    since, now = window(ctx)
    limit = datetime.timedelta(days=ctx.threshold("days"))
    lacking = ControlMeasure.objects.filter(
        not_done_in_time("reviewed_at", "at", limit, now)
        | not_done_in_time("child_view_recorded_at", "at", limit, now),
        home_id__in=ctx.home_ids,
        at__gte=since,
    ).select_related("home", "child")
    for m in lacking:
        missing = []
        if m.reviewed_at is None or m.reviewed_at > min(m.at + limit, now):
            missing.append("manager's review")
        if m.child_view_recorded_at is None or m.child_view_recorded_at > min(m.at + limit, now):
            missing.append(f"record of {m.child.display_name}'s view")
        yield ctx.finding(
            home=m.home,
            subject=measure_ref(m),
            message=f"{m.get_kind_display()} for {m.child.display_name} on "
            f"{timezone.localtime(m.at):%-d %B %Y} had no {' and no '.join(missing)} within {limit.days} days.",
            evidence=[measure_ref(m)],
        )


def notice_ref(n: HomeNotice) -> Ref:
    return ref(n, "home_notice", f"{n.get_kind_display()} ({n.event_on:%-d %B %Y})")


@rule("notice.overdue", regulation="48", standard=LEADERSHIP, severity=HIGH)
def notice_overdue(ctx: AuditContext) -> Iterator[Finding]:
    """A notice of Part 7 (the registered manager's absence of 28 days or more, their return, a
    change of manager or responsible individual) is past its deadline and not sent (Regs 48, 49).
    One query."""
    overdue = HomeNotice.objects.filter(
        Q(sent_on__isnull=True) | Q(sent_on__gt=ctx.as_of), home_id__in=ctx.home_ids, due_on__lt=ctx.as_of
    ).select_related("home")
    for n in overdue:
        yield ctx.finding(
            home=n.home,
            subject=notice_ref(n),
            message=f"Ofsted has not been sent the notice “{n.get_kind_display().lower()}” "
            f"({n.regulation_words}): it was due by {n.due_on:%-d %B %Y}.",
            evidence=[notice_ref(n)],
        )
