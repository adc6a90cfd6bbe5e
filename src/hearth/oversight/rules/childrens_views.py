"""The children's views, wishes and feelings (Regulation 7; rules.md "Children's views"): key work
kept up with every child, and the child's own views recorded in what is planned for them.

Judged for every child living in the homes audited on ``as_of`` and placed there for longer than
the rule's allowance. Three or four queries whatever the numbers.
"""

import datetime
from collections.abc import Iterator

from django.db.models import Max, Q
from django.utils import timezone

from hearth.children.models import Placement, PlacementPlan
from hearth.keywork.models import KeyWorkSession
from hearth.oversight.engine import CHILDRENS_VIEWS, MEDIUM, AuditContext, Finding, ref, rule
from hearth.oversight.links import child_url
from hearth.oversight.rules.timeliness import end_of
from hearth.records.models import LogEntry
from hearth.risk.models import RiskAssessment


def living_placements(ctx: AuditContext) -> list[Placement]:
    """The placements of the children living in the homes on ``as_of`` (one query, shared)."""
    return ctx.once(  # type: ignore[no-any-return]
        "living_placements",
        lambda: list(
            Placement.objects.filter(home_id__in=ctx.home_ids, admitted_on__lte=ctx.as_of)
            .filter(Q(left_on__isnull=True) | Q(left_on__gt=ctx.as_of))
            .select_related("child", "home")
        ),
    )


def _child_ref(p: Placement) -> object:
    return ref(p.child, "child", p.child.display_name, url=child_url(p.child, p.home))


@rule("views.keywork_lapsed", regulation="7(2)", standard=CHILDRENS_VIEWS, severity=MEDIUM, days=14)
def keywork_lapsed(ctx: AuditContext) -> Iterator[Finding]:
    """No key-work session with the child for 14 days (Reg 7(2)(a): staff seek out the child's
    views; key work is where that happens). A key-work session recorded in its own form or as a
    key-work log entry counts. A child placed for less than the allowance is not judged. Five queries."""
    days = ctx.threshold("days")
    now = end_of(ctx.as_of)
    placements = [p for p in living_placements(ctx) if (ctx.as_of - p.admitted_on).days > days]
    # First who had key work within the allowance (bounded by it: quick over years of entries),
    # then, for the few who did not, when they last had it (for the message).
    recent = _last_key_work(ctx, [p.child_id for p in placements], now, since=now - datetime.timedelta(days=days))
    lapsed = [p for p in placements if (p.child_id, p.home_id) not in recent]
    last = _last_key_work(ctx, [p.child_id for p in lapsed], now, since=None)
    for p in lapsed:
        held = last.get((p.child_id, p.home_id))
        since = f"since {timezone.localtime(held):%-d %B %Y}" if held else "since they came"
        yield ctx.finding(
            home=p.home,
            subject=_child_ref(p),  # type: ignore[arg-type]
            message=f"No key-work session with {p.child.display_name} {since}: key work is due at least every {days} days.",
        )


def _last_key_work(
    ctx: AuditContext, child_ids: list[int], now: datetime.datetime, since: datetime.datetime | None
) -> dict[tuple[int, int], datetime.datetime]:
    """When each child last had key work at each home audited (sessions or key-work log entries),
    from ``since`` if given. Two queries."""
    last: dict[tuple[int, int], datetime.datetime] = {}
    if not child_ids:
        return last
    sessions = KeyWorkSession.objects.filter(child_id__in=child_ids, home_id__in=ctx.home_ids, held_at__lte=now)
    entries = LogEntry.objects.filter(
        children__in=child_ids, home_id__in=ctx.home_ids, kind=LogEntry.Kind.KEY_WORK, occurred_at__lte=now
    )
    if since is not None:
        sessions, entries = sessions.filter(held_at__gte=since), entries.filter(occurred_at__gte=since)
    for child_id, home_id, held in (
        sessions.values("child_id", "home_id")
        .annotate(at=Max("held_at"))
        .values_list("child_id", "home_id", "at")
        .order_by()
    ):
        last[(child_id, home_id)] = held
    for child_id, home_id, held in (
        entries.values("children", "home_id")
        .annotate(at=Max("occurred_at"))
        .values_list("children", "home_id", "at")
        .order_by()
    ):
        last[(child_id, home_id)] = max(held, last.get((child_id, home_id), held))
    return last


@rule("views.child_not_heard", regulation="7(2)", standard=CHILDRENS_VIEWS, severity=MEDIUM, days=14)
def child_not_heard(ctx: AuditContext) -> Iterator[Finding]:
    """The child's current placement plan or risk assessment records nothing of the child's own
    views (Reg 7(2)(b): the child's views are taken into account in plans about them; the Guide,
    2.11). Reviews held by the placing authority are not held in Hearth and are not judged.
    Children placed for less than the allowance (their plans may still be being written) are not
    judged. Three queries."""
    days = ctx.threshold("days")
    placements = [p for p in living_placements(ctx) if (ctx.as_of - p.admitted_on).days > days]
    now = end_of(ctx.as_of)
    plans: dict[int, PlacementPlan] = {}
    for plan in PlacementPlan.objects.filter(
        placement__in=[p.pk for p in placements], agreed_on__lte=ctx.as_of
    ).order_by("agreed_on", "id"):
        plans[plan.placement_id] = plan
    assessments: dict[tuple[int, int], RiskAssessment] = {}
    approved = RiskAssessment.objects.filter(
        child_id__in=[p.child_id for p in placements], home_id__in=ctx.home_ids, approved_at__lte=now
    ).order_by("number")
    for a in approved:
        assessments[(a.child_id, a.home_id)] = a
    for p in placements:
        silent = []
        current_plan = plans.get(p.pk)
        if current_plan is not None and not current_plan.child_views.strip():
            silent.append(f"placement plan of {current_plan.agreed_on:%-d %B %Y}")
        assessment = assessments.get((p.child_id, p.home_id))
        if assessment is not None and not assessment.child_words.strip():
            silent.append(f"risk assessment (version {assessment.number})")
        if not silent:
            continue
        yield ctx.finding(
            home=p.home,
            subject=_child_ref(p),  # type: ignore[arg-type]
            message=(
                f"{p.child.display_name}'s own views are not recorded in their current {' or '.join(silent)}: "
                "ask them, and write what they say in their words."
            ),
        )
