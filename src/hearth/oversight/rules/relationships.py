"""Exploitation, concerns and bullying: what the records show and what was done about it
(Regulations 11 and 12; rules.md ★ rules behind scenarios A1, A2, A4 and A5)."""

import datetime
from collections import defaultdict
from collections.abc import Iterator

from django.db.models import Q
from django.utils import timezone

from hearth.core.deadlines import deadline_hours
from hearth.incidents.models import Incident, IncidentChild, Notification
from hearth.oversight.engine import (
    HIGH,
    MEDIUM,
    POSITIVE_RELATIONSHIPS,
    PROTECTION,
    AuditContext,
    Finding,
    Ref,
    ref,
    rule,
)
from hearth.oversight.links import child_url
from hearth.oversight.rules.risk import assessment_ref, care_state
from hearth.oversight.rules.timeliness import LOOKBACK_DAYS, end_of, incident_ref, window
from hearth.records.models import ConcernResponse, LogEntry, Outing
from hearth.risk.models import RiskItem

EXPLOITATION_DOMAINS = ("cse", "cce")
EXPLOITATION_CATEGORIES = ("cse", "cce", "exploitation")


def _entry_ref(entry: LogEntry) -> Ref:
    return ref(
        entry, "log_entry", f"Log entry by {entry.author_name}, {timezone.localtime(entry.occurred_at):%-d %B %Y %H:%M}"
    )


@rule(
    "protection.unverified_destination",
    regulation="12(2)(a)(i) and 12(2)(a)(iv)",
    standard=PROTECTION,
    severity=HIGH,
    lookback_days=LOOKBACK_DAYS,
)
def unverified_destination(ctx: AuditContext) -> Iterator[Finding]:
    """A child with a high CSE or CCE risk went out (outing, contact, transport) to an address that
    was not verified, or with an adult who was not identified (Reg 12(2)(a)(i), (iv)). The risk is
    the child's approved assessment as it stood when the outing began."""
    since, now = window(ctx)
    high_from: dict[tuple[int, int], list[datetime.datetime]] = defaultdict(list)
    for entry in care_state(ctx):
        for v in entry.versions:
            items = entry.items.get(v.pk, [])
            if v.approved_at and any(
                i.domain in EXPLOITATION_DOMAINS and i.level == RiskItem.Level.HIGH for i in items
            ):
                high_from[(entry.child.pk, entry.home.pk)].append(v.approved_at)
    outings = Outing.objects.filter(home_id__in=ctx.home_ids, starts_at__gte=since, starts_at__lt=now).select_related(
        "home", "child"
    )
    for outing in outings:
        if not any(at <= outing.starts_at for at in high_from.get((outing.child_id, outing.home_id), [])):
            continue
        unknown = [a.get("name") or "an adult" for a in outing.adults or [] if not a.get("identified")]
        problems = []
        if not outing.address_verified:
            problems.append(f"the address ({outing.address or outing.destination}) was not checked")
        if unknown:
            problems.append(f"{', '.join(unknown)} not identified")
        if problems:
            when = timezone.localtime(outing.starts_at)
            yield ctx.finding(
                home=outing.home,
                subject=ref(outing.child, "child", outing.child.display_name, url=child_url(outing.child, outing.home)),
                message=f"{outing.child.display_name}, at high risk of exploitation, went to {outing.destination} on "
                f"{when:%-d %B %Y}: {'; '.join(problems)}.",
                evidence=[
                    ref(outing, "outing", f"{outing.get_kind_display()} to {outing.destination}, {when:%-d %B %Y}")
                ],
            )


@rule(
    "protection.concern_not_actioned",
    regulation="12(2)(a)(i) and 12(2)(b)",
    standard=PROTECTION,
    severity=HIGH,
    lookback_days=LOOKBACK_DAYS,
)
def concern_not_actioned(ctx: AuditContext) -> Iterator[Finding]:
    """A log entry shows exploitation indicators for a child (an unknown or much older adult,
    unexplained money or gifts, pick-ups by cars or taxis, found out of area…) and within 24 hours
    no safeguarding incident, risk review or notification follows (Reg 12(2)(a)(i), (b)). A
    "no concern" answer with its reason (checked with the social worker, say) is also an answer: the
    well-run home weighs the indicator and says why."""
    since, now = window(ctx)
    limit = datetime.timedelta(hours=deadline_hours("concern_response"))
    category_filter = Q()
    for c in EXPLOITATION_CATEGORIES:
        category_filter |= Q(indicator_categories__icontains=f'"{c}"')
    candidates = (
        LogEntry.objects.filter(home_id__in=ctx.home_ids, occurred_at__gte=since, occurred_at__lt=now - limit)
        .filter(category_filter)
        .select_related("home")
        .prefetch_related("children")
        .defer("text")  # the finding quotes the indicators matched, not the entry
    )
    entries = [e for e in candidates if set(e.indicator_categories or ()) & set(EXPLOITATION_CATEGORIES)]
    if not entries:
        return
    children = {c.pk for e in entries for c in e.children.all()}
    earliest = min(e.occurred_at for e in entries)
    acted: dict[int, list[datetime.datetime]] = defaultdict(list)  # child -> times something was done
    links = IncidentChild.current.filter(child_id__in=children, incident__occurred_at__gte=earliest).select_related(
        "incident"
    )
    for link in links:
        i = link.incident
        if i.type == Incident.Type.EXPLOITATION or set(i.risk_domains) & set(EXPLOITATION_DOMAINS):
            acted[link.child_id].append(i.recorded_at)
    answered = Q(response__in=[ConcernResponse.Response.RISK_REVIEW, ConcernResponse.Response.INCIDENT_RAISED]) | (
        Q(response=ConcernResponse.Response.NO_CONCERN) & ~Q(reason="")
    )
    for child_id, at in ConcernResponse.objects.filter(
        answered, entry__children__in=children, responded_at__gte=earliest
    ).values_list("entry__children", "responded_at"):
        acted[child_id].append(at)
    for child_id, at in Notification.objects.filter(
        incident__involved_children__child_id__in=children, sent_at__gte=earliest
    ).values_list("incident__involved_children__child_id", "sent_at"):
        acted[child_id].append(at)
    for entry in entries:
        deadline = entry.occurred_at + limit
        for child in entry.children.all():
            if any(entry.occurred_at <= at <= deadline for at in acted.get(child.pk, [])):
                continue
            yield ctx.finding(
                home=entry.home,
                subject=ref(child, "child", child.display_name, url=child_url(child, entry.home)),
                message=f"A log entry of {timezone.localtime(entry.occurred_at):%-d %B %Y} shows exploitation "
                f"indicators for {child.display_name} ({', '.join(_matched(entry))}), and no safeguarding incident, "
                f"risk review or notification followed within {deadline_hours('concern_response')} hours.",
                evidence=[_entry_ref(entry)],
            )


def _matched(entry: LogEntry) -> list[str]:
    words = [w for c in EXPLOITATION_CATEGORIES for w in (entry.indicator_matches or {}).get(c, [])]
    return sorted(set(words)) or [c for c in entry.indicator_categories if c in EXPLOITATION_CATEGORIES]


@rule(
    "bullying.no_plan",
    regulation="11(2)(c) and 12(2)(a)(i)",
    standard=POSITIVE_RELATIONSHIPS,
    severity=HIGH,
    lookback_days=LOOKBACK_DAYS,
)
def bullying_no_plan(ctx: AuditContext) -> Iterator[Finding]:
    """After a bullying incident, the child who was bullied has no being-bullied item, or the child
    who bullied has no bullying-others (or violence) item, in a version approved after the incident
    (Reg 11(2)(c); Reg 12)."""
    since, now = window(ctx)
    for entry in care_state(ctx):
        for incident in entry.incidents:
            if incident.type != Incident.Type.BULLYING or not since <= incident.occurred_at < now:
                continue
            role = entry.roles.get(incident.pk, "")
            plans: dict[str, tuple[str, ...]] = {
                IncidentChild.Role.HARMED: ("bullying_victim",),
                IncidentChild.Role.HARMED_OTHERS: ("bullying_others", "violence"),
            }
            wanted = plans.get(role, ())
            if not wanted:
                continue
            planned = any(
                v.approved_at is not None
                and v.approved_at > incident.occurred_at
                and any(i.domain in wanted for i in entry.items.get(v.pk, []))
                for v in entry.versions
            )
            if not planned:
                side = "was bullied" if role == IncidentChild.Role.HARMED else "bullied another child"
                yield ctx.finding(
                    home=entry.home,
                    subject=entry.subject(),
                    message=f"{entry.child.display_name} {side} on {timezone.localtime(incident.occurred_at):%-d %B %Y}, "
                    "and no reviewed risk assessment since holds a plan for it.",
                    evidence=[incident_ref(incident)]
                    + ([assessment_ref(entry.current, entry.child)] if entry.current else []),
                )


@rule(
    "bullying.under_recorded",
    regulation="11(2)(c) and 36",
    standard=POSITIVE_RELATIONSHIPS,
    severity=MEDIUM,
    months=12,
)
def bullying_under_recorded(ctx: AuditContext) -> Iterator[Finding]:
    """In a calendar month, other records refer to more distinct bullying events than the bullying
    log holds for that home (Reg 11(2)(c); Reg 36). A log entry with bullying indicators is the same
    event as a logged bullying incident on the same day involving one of its children; any other
    day, or other children, is an event the log does not hold. Two queries."""
    now = end_of(ctx.as_of)
    first = ctx.as_of.replace(day=1)
    for _ in range(ctx.threshold("months") - 1):
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    start = timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))
    logged: dict[tuple[int, str], set[int]] = defaultdict(set)  # (home, month) -> incident ids
    logged_days: set[tuple[int, datetime.date, int]] = set()  # (home, day, child)
    for link in IncidentChild.current.filter(
        incident__home_id__in=ctx.home_ids,
        incident__type=Incident.Type.BULLYING,
        incident__occurred_at__gte=start,
        incident__occurred_at__lt=now,
    ).select_related("incident"):
        when = timezone.localtime(link.incident.occurred_at)
        logged[(link.incident.home_id, f"{when:%Y-%m}")].add(link.incident_id)
        logged_days.add((link.incident.home_id, when.date(), link.child_id))
    unlogged: dict[tuple[int, str], list[LogEntry]] = defaultdict(list)
    entries = (
        LogEntry.objects.filter(
            home_id__in=ctx.home_ids,
            occurred_at__gte=start,
            occurred_at__lt=now,
            indicator_categories__icontains='"bullying"',
        )
        .select_related("home")
        .prefetch_related("children")
        .defer("text")
    )
    for entry in entries:
        if "bullying" not in (entry.indicator_categories or ()):
            continue
        when = timezone.localtime(entry.occurred_at)
        if any((entry.home_id, when.date(), c.pk) in logged_days for c in entry.children.all()):
            continue
        unlogged[(entry.home_id, f"{when:%Y-%m}")].append(entry)
    for (home_id, month), found in sorted(unlogged.items(), key=lambda kv: kv[0][1]):
        events = {(timezone.localtime(e.occurred_at).date(), frozenset(c.pk for c in e.children.all())) for e in found}
        held = len(logged.get((home_id, month), ()))
        label = datetime.datetime.strptime(month, "%Y-%m").strftime("%B %Y")
        yield ctx.finding(
            home=found[0].home,
            subject=ref(found[0].home, "home", found[0].home.name, url=""),
            message=f"In {label} the bullying log holds {held} incident{'s' if held != 1 else ''}, but the daily log "
            f"describes {len(events)} more bullying event{'s' if len(events) != 1 else ''} that were never logged.",
            evidence=[_entry_ref(e) for e in found],
        )
