"""Protection of children (Regulation 12) and notifications (Regulation 40): missing episodes,
notifications, visitors' contact and the location assessment (rules.md)."""

import datetime
from collections import defaultdict
from collections.abc import Iterator

from django.db.models import F, Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from hearth.core.dates import add_years
from hearth.core.deadlines import deadline_hours
from hearth.homes.models import Home, LocationRiskAssessment
from hearth.incidents.models import Incident, MissingEpisode, Notification
from hearth.incidents.notifications import OFSTED_AND_AUTHORITY, required_recipients
from hearth.oversight.engine import HIGH, LOW, MEDIUM, PROTECTION, AuditContext, Finding, ref, rule
from hearth.oversight.rules.timeliness import LOOKBACK_DAYS, incident_ref, window
from hearth.visitors.models import Visit


def _episodes(ctx: AuditContext) -> QuerySet[MissingEpisode]:
    since, now = window(ctx)
    return MissingEpisode.objects.filter(
        incident__home_id__in=ctx.home_ids, incident__occurred_at__gte=since, incident__occurred_at__lt=now
    ).select_related("incident__home", "child")


def _episode_label(e: MissingEpisode) -> str:
    return f"{e.child.display_name} missing from {timezone.localtime(e.last_seen_at):%-d %B %Y %H:%M}"


@rule(
    "missing.police_not_informed",
    regulation="12(2)(a)(v)",
    standard=PROTECTION,
    severity=HIGH,
    lookback_days=LOOKBACK_DAYS,
    after_hours=4,
)
def police_not_informed(ctx: AuditContext) -> Iterator[Finding]:
    """A missing episode (whereabouts unknown, not "away from placement") for a high-risk child, or
    lasting over the home's threshold, has no police report time (Reg 12(2)(a)(v); statutory
    guidance on children who run away or go missing from care)."""
    _, now = window(ctx)
    limit = datetime.timedelta(hours=ctx.threshold("after_hours"))
    long_or_open = Q(returned_at__gt=F("last_seen_at") + limit) | Q(
        returned_at__isnull=True, last_seen_at__lt=now - limit
    )
    unreported = Q(police_informed_at__isnull=True) | Q(police_informed_at__gt=now)
    episodes = (
        _episodes(ctx).filter(whereabouts_known=False).filter(Q(risk_level="high") | long_or_open).filter(unreported)
    )
    for e in episodes:
        why = "a high-risk child" if e.risk_level == "high" else f"missing over {ctx.threshold('after_hours')} hours"
        yield ctx.finding(
            home=e.incident.home,
            subject=ref(e.incident, "missing_episode", _episode_label(e)),
            message=f"{_episode_label(e)} ({why}), and no time is recorded for telling the police.",
            evidence=[incident_ref(e.incident)],
        )


@rule(
    "missing.no_return_interview",
    regulation="12(2)(a)(v)",
    standard=PROTECTION,
    severity=MEDIUM,
    lookback_days=LOOKBACK_DAYS,
)
def no_return_interview(ctx: AuditContext) -> Iterator[Finding]:
    """A missing episode ended and no return home interview was offered within 72 hours (statutory
    guidance; Reg 12(2)(a)(v))."""
    _, now = window(ctx)
    limit = datetime.timedelta(hours=deadline_hours("return_interview"))
    late = (
        _episodes(ctx)
        .filter(returned_at__lt=now - limit)
        .filter(
            Q(return_interview_offered_at__isnull=True)
            | Q(return_interview_offered_at__gt=F("returned_at") + limit)
            | Q(return_interview_offered_at__gt=now)
        )
    )
    for e in late:
        yield ctx.finding(
            home=e.incident.home,
            subject=ref(e.incident, "missing_episode", _episode_label(e)),
            message=f"{e.child.display_name} came back on {timezone.localtime(e.returned_at):%-d %B %Y} and no return "
            f"home interview was offered within {deadline_hours('return_interview')} hours.",
            evidence=[incident_ref(e.incident)],
        )


@rule(
    "notification.reg40_overdue",
    regulation="40(4)",
    standard=PROTECTION,
    severity=HIGH,
    lookback_days=LOOKBACK_DAYS,
)
def reg40_overdue(ctx: AuditContext) -> Iterator[Finding]:
    """A notifiable event (child sexual exploitation, a serious police-involved incident, an
    allegation against staff, a child-protection enquiry, serious injury, death) has no
    notification to Ofsted and the placing authority within 24 hours (Reg 40(4)). Who must be told
    is ``incidents/notifications.py``; two queries."""
    since, now = window(ctx)
    limit = datetime.timedelta(hours=deadline_hours("notification"))
    on_time = Notification.objects.filter(sent_at__lte=now)
    recipient_names = dict(Notification.Recipient.choices)
    incidents = (
        Incident.objects.filter(home_id__in=ctx.home_ids, occurred_at__gte=since, occurred_at__lt=now - limit)
        .select_related("home")
        .prefetch_related(Prefetch("notifications", queryset=on_time, to_attr="sent"))
    )
    for incident in incidents:
        needed = required_recipients(type=incident.type, severity=incident.severity, risk_domains=incident.risk_domains)
        missing = sorted(
            r
            for r in needed & OFSTED_AND_AUTHORITY
            if not any(n.recipient == r and n.sent_at <= incident.occurred_at + limit for n in incident.sent)
        )
        if missing:
            names = " and ".join(recipient_names[r] for r in missing)
            yield ctx.finding(
                home=incident.home,
                subject=incident_ref(incident),
                message=f"The {incident.get_type_display().lower()} of {timezone.localtime(incident.occurred_at):%-d %B %Y} "
                f"was not notified to {names} within {deadline_hours('notification')} hours.",
                evidence=[incident_ref(incident)],
            )


@rule(
    "visitor.unchecked_contact",
    regulation="12(2)(a)(i) and 32",
    standard=PROTECTION,
    severity=HIGH,
    lookback_days=LOOKBACK_DAYS,
)
def unchecked_contact(ctx: AuditContext) -> Iterator[Finding]:
    """Someone who is not vetted staff (a visitor, volunteer, tutor, contractor, a staff member's
    relative) had anything other than fully supervised contact with a child without a recorded
    enhanced DBS check or a manager-approved risk assessment (Reg 12(2)(a)(i); Reg 32)."""
    since, now = window(ctx)
    checked = Q(visitor__dbs_barred_list_checked=True, visitor__dbs_issued_on__isnull=False) & ~Q(
        visitor__dbs_certificate_number=""
    )
    approved_before = Q(visitor__risk_assessment_approved_at__lte=F("arrived_at"))
    visits = (
        Visit.objects.filter(visitor__home_id__in=ctx.home_ids, arrived_at__gte=since, arrived_at__lt=now)
        .filter(contact=Visit.Contact.UNSUPERVISED)
        .exclude(checked | approved_before)
        .select_related("visitor__home", "visitor__related_staff_member")
        .prefetch_related("children")
    )
    by_visitor: dict[int, list[Visit]] = defaultdict(list)
    for visit in visits.order_by("arrived_at"):
        by_visitor[visit.visitor_id].append(visit)
    for found in by_visitor.values():
        v = found[0].visitor
        who = v.name + (f" ({v.relationship})" if v.relationship else f" ({v.get_kind_display().lower()})")
        children = sorted({c.display_name for visit in found for c in visit.children.all()})
        days = ", ".join(f"{timezone.localtime(visit.arrived_at):%-d %B %Y}" for visit in found)
        yield ctx.finding(
            home=v.home,
            subject=ref(v, "visitor", who),
            message=f"{who} was with {', '.join(children) or 'children'} without supervision throughout, with no DBS "
            f"check or approved risk assessment recorded: {len(found)} visit{'s' if len(found) > 1 else ''} ({days}).",
            evidence=[
                ref(visit, "visit", f"Visit by {v.name}, {timezone.localtime(visit.arrived_at):%-d %B %Y %H:%M}")
                for visit in found
            ],
        )


@rule(
    "protection.location_review_overdue",
    regulation="46",
    standard=PROTECTION,
    severity=LOW,
    months=12,
)
def location_review_overdue(ctx: AuditContext) -> Iterator[Finding]:
    """The home's location risk assessment is over 12 months old (Reg 46; Reg 12(2)(c))."""
    latest = (
        LocationRiskAssessment.objects.filter(home=OuterRef("pk"), reviewed_on__lte=ctx.as_of)
        .values("home")
        .annotate(last=Max("reviewed_on"))
        .values("last")
    )
    cutoff = (
        add_years(ctx.as_of, -1)
        if ctx.threshold("months") == 12
        else ctx.as_of - datetime.timedelta(days=30 * ctx.threshold("months"))
    )
    homes = Home.objects.filter(pk__in=ctx.home_ids).annotate(last=Subquery(latest[:1]))
    for home in homes.filter(Q(last__isnull=True) | Q(last__lt=cutoff)):
        when = f"last reviewed on {home.last:%-d %B %Y}" if home.last else "never assessed"
        yield ctx.finding(
            home=home,
            subject=ref(home, "home", home.name, url=""),
            message=f"{home.name}'s location risk assessment was {when}: it must be reviewed at least every "
            f"{ctx.threshold('months')} months.",
        )
