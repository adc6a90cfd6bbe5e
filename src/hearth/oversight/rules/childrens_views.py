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
    key-work log entry counts. A child placed for less than the allowance is not judged. Three queries."""
    days = ctx.threshold("days")
    now = end_of(ctx.as_of)
    placements = [p for p in living_placements(ctx) if (ctx.as_of - p.admitted_on).days > days]
    child_ids = [p.child_id for p in placements]
    last: dict[tuple[int, int], datetime.datetime] = {}
    sessions = (
        KeyWorkSession.objects.filter(child_id__in=child_ids, home_id__in=ctx.home_ids, held_at__lte=now)
        .values("child_id", "home_id")
        .annotate(last=Max("held_at"))
        .order_by()
    )
    entries = (
        LogEntry.objects.filter(
            children__in=child_ids, home_id__in=ctx.home_ids, kind=LogEntry.Kind.KEY_WORK, occurred_at__lte=now
        )
        .values("children", "home_id")
        .annotate(last=Max("occurred_at"))
        .order_by()
    )
    for row in sessions:
        last[(row["child_id"], row["home_id"])] = row["last"]
    for row in entries:
        key = (row["children"], row["home_id"])
        last[key] = max(filter(None, (last.get(key), row["last"])))
    for p in placements:
        held = last.get((p.child_id, p.home_id))
        if held is not None and (now - held).days < days:
            continue
        since = f"since {timezone.localtime(held):%-d %B %Y}" if held else "since they came"
        yield ctx.finding(
            home=p.home,
            subject=_child_ref(p),  # type: ignore[arg-type]
            message=f"No key-work session with {p.child.display_name} {since}: key work is due at least every {days} days.",
        )


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
