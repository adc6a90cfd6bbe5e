"""Protection of children (Regulation 12) and notifications (Regulation 40): missing episodes,
notifications, visitors' contact and the location assessment (rules.md)."""

import datetime
import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from django.db.models import Count, F, Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from hearth.core.dates import add_years
from hearth.core.deadlines import deadline_hours
from hearth.homes.models import Home, LocationRiskAssessment
from hearth.incidents.models import Incident, MissingEpisode, Notification
from hearth.incidents.notifications import OFSTED_AND_AUTHORITY, required_recipients
from hearth.oversight.engine import HIGH, LOW, MEDIUM, PROTECTION, AuditContext, Finding, ref, rule
from hearth.oversight.rules.timeliness import LOOKBACK_DAYS, incident_ref, window
from hearth.records.models import Outing
from hearth.staff.models import StaffMember
from hearth.visitors.models import Visit, Visitor


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


# Who an adult on an outing is to the child, as staff wrote it: family and professionals are
# checked by others (the placing authority's contact plan, their employers); a staff member's
# relative, a volunteer, a tutor, a friend or anyone unnamed is the home's to check.
_RELATIVE_OF_STAFF = re.compile(
    r"\b(?:partner|husband|wife|son|daughter|relative|boyfriend|girlfriend|brother|sister|mother|father|mum|dad)\b"
    r".*\b(?:staff|manager|worker|carer|deputy)\b|\bstaff member's\b|\bmanager's\b",
    re.I,
)
_FAMILY_OR_PROFESSIONAL = re.compile(
    r"\b(?:mum|mother|dad|father|grand\w*|nan|nana|gran|granny|aunt\w*|uncle|brother|sister|cousin|parents?|"
    r"step\w*|family|foster carer|social worker|teacher|police\w*|nurse|doctor|taxi|escort|youth offending)\b",
    re.I,
)


def _home_must_check(relationship: str) -> bool:
    return bool(_RELATIVE_OF_STAFF.search(relationship)) or not _FAMILY_OR_PROFESSIONAL.search(relationship)


def _same_name(name: str) -> str:
    return " ".join(name.lower().split())


def _outing_contacts(
    ctx: AuditContext, checked_names: dict[int, dict[str, datetime.datetime | None]]
) -> list[tuple[Outing, dict[str, Any]]]:
    """Adults, named and identified on an outing the child spent without staff throughout (a lift,
    time out, or no staff on it), whom the home had to check and whose check is not on record."""
    since, now = window(ctx)
    outings = (
        Outing.objects.filter(home_id__in=ctx.home_ids, starts_at__gte=since, starts_at__lt=now)
        .exclude(kind=Outing.Kind.FAMILY_TIME)
        .annotate(staff_on_it=Count("staff"))
        .select_related("home", "child")
        .order_by("starts_at")
    )
    found: list[tuple[Outing, dict[str, Any]]] = []
    for outing in outings:
        with_staff = outing.staff_on_it and outing.kind not in (Outing.Kind.TRANSPORT, Outing.Kind.UNACCOMPANIED)
        if with_staff:
            continue
        for adult in outing.adults or []:
            name = (adult.get("name") or "").strip()
            if not name or not adult.get("identified") or not _home_must_check(adult.get("relationship") or ""):
                continue  # an unidentified adult is protection.unverified_destination's finding
            checks = checked_names.get(outing.home_id, {})
            key = _same_name(name)
            if key in checks:
                approved = checks[key]
                if approved is None or approved <= outing.starts_at:
                    continue  # vetted, or assessed and approved before the outing
            found.append((outing, adult))
    return found


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
    enhanced DBS check or a manager-approved risk assessment (Reg 12(2)(a)(i); Reg 32). The
    contact may be a visit to the home or an outing: a lift, or time out with them, recorded with
    the adults who were there. One finding per person, with every visit and outing as evidence."""
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
    # A person's check, by name at their home: None if vetted (DBS on record), else when their
    # risk assessment was approved (an outing before that was unchecked).
    checked_names: dict[int, dict[str, datetime.datetime | None]] = defaultdict(dict)
    visitors_by_name: dict[tuple[int, str], Visitor] = {}
    for v in Visitor.objects.filter(home_id__in=ctx.home_ids).select_related("home"):
        vetted = v.dbs_barred_list_checked and v.dbs_issued_on and v.dbs_certificate_number
        if vetted or v.risk_assessment_approved_at:
            checked_names[v.home_id][_same_name(v.name)] = None if vetted else v.risk_assessment_approved_at
        visitors_by_name[(v.home_id, _same_name(v.name))] = v
    staff_names = {
        (home_id, _same_name(f"{first} {last}"))
        for home_id, first, last in StaffMember.objects.filter(home_id__in=ctx.home_ids).values_list(
            "home_id", "first_name", "last_name"
        )
    }
    outings_by_person: dict[tuple[int, str], list[tuple[Outing, dict[str, Any]]]] = defaultdict(list)
    for outing, adult in _outing_contacts(ctx, checked_names):
        key = (outing.home_id, _same_name(adult["name"]))
        if key not in staff_names:
            outings_by_person[key].append((outing, adult))
    people = {v_id: found[0].visitor for v_id, found in by_visitor.items()}
    for key in outings_by_person:
        named = visitors_by_name.get(key)
        if named is not None:
            people.setdefault(named.pk, named)
    for v in people.values():
        found = by_visitor.get(v.pk, [])
        outings = outings_by_person.pop((v.home_id, _same_name(v.name)), [])
        who = v.name + (f" ({v.relationship})" if v.relationship else f" ({v.get_kind_display().lower()})")
        yield _contact_finding(ctx, v.home, ref(v, "visitor", who), who, found, outings)
    for outings in outings_by_person.values():
        outing, adult = outings[0]
        who = adult["name"] + (f" ({adult['relationship']})" if adult.get("relationship") else "")
        yield _contact_finding(ctx, outing.home, ref(outing, "outing", who), who, [], outings)


def _outing_ref(outing: Outing) -> Any:
    when = timezone.localtime(outing.starts_at)
    return ref(outing, "outing", f"{outing.get_kind_display()}: {outing.destination}, {when:%-d %B %Y}")


def _contact_finding(
    ctx: AuditContext,
    home: Home,
    subject: Any,
    who: str,
    visits: list[Visit],
    outings: list[tuple[Outing, dict[str, Any]]],
) -> Finding:
    children = sorted(
        {c.display_name for visit in visits for c in visit.children.all()} | {o.child.display_name for o, _ in outings}
    )
    times = [timezone.localtime(visit.arrived_at) for visit in visits] + [
        timezone.localtime(o.starts_at) for o, _ in outings
    ]
    days = ", ".join(f"{t:%-d %B %Y}" for t in sorted(times))
    parts = []
    if visits:
        parts.append(f"{len(visits)} visit{'s' if len(visits) > 1 else ''}")
    if outings:
        parts.append(f"{len(outings)} outing{'s' if len(outings) > 1 else ''} or lift{'s' if len(outings) > 1 else ''}")
    evidence = [
        ref(visit, "visit", f"Visit by {visit.visitor.name}, {timezone.localtime(visit.arrived_at):%-d %B %Y %H:%M}")
        for visit in visits
    ] + [_outing_ref(o) for o, _ in outings]
    return ctx.finding(
        home=home,
        subject=subject,
        message=f"{who} was with {', '.join(children) or 'children'} without staff throughout, with no DBS "
        f"check or approved risk assessment recorded: {' and '.join(parts)} ({days}).",
        evidence=evidence,
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
