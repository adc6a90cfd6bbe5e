"""Health (Regulation 10; rules.md "Health"): registered with a GP and a dentist soon after
coming, and statutory health assessments kept up. Judged for every child living in the homes on
``as_of``. Two or three queries whatever the numbers."""

import datetime
from collections import defaultdict
from collections.abc import Iterator

from hearth.children.models import Placement
from hearth.core.dates import add_months
from hearth.health.models import HealthAssessment, Registration
from hearth.health.selectors import assessment_interval_months
from hearth.oversight.engine import HEALTH, MEDIUM, AuditContext, Finding, Ref, ref, rule
from hearth.oversight.links import reverse
from hearth.oversight.rules.childrens_views import living_placements


def _health_ref(p: Placement) -> Ref:
    url = reverse("health:child", kwargs={"home_id": p.home.public_id, "child_id": p.child.public_id})
    return ref(p.child, "child", p.child.display_name, url=url)


@rule("health.not_registered", regulation="10(2)(a)", standard=HEALTH, severity=MEDIUM, gp_days=14, dentist_days=28)
def not_registered(ctx: AuditContext) -> Iterator[Finding]:
    """A child placed more than 14 days has no GP registration recorded (more than 28 days: no
    dentist) (Reg 10(2)(a): each child has access to the health services they need). A
    registration from an earlier home counts. Two queries."""
    limits = {"gp": ctx.threshold("gp_days"), "dentist": ctx.threshold("dentist_days")}
    placements = living_placements(ctx)
    registered: dict[int, set[str]] = defaultdict(set)
    for child_id, kind in Registration.objects.filter(
        child_id__in=[p.child_id for p in placements], registered_on__lte=ctx.as_of
    ).values_list("child_id", "kind"):
        registered[child_id].add(kind)
    labels = dict(Registration.Kind.choices)
    for p in placements:
        missing = [
            labels[kind]
            for kind, days in limits.items()
            if kind not in registered[p.child_id] and (ctx.as_of - p.admitted_on).days > days
        ]
        if missing:
            yield ctx.finding(
                home=p.home,
                subject=_health_ref(p),
                message=(
                    f"{p.child.display_name} came on {p.admitted_on:%-d %B %Y} and has no "
                    f"{' or '.join(m if m == 'GP' else m.lower() for m in missing)} registration recorded."
                ),
            )


@rule("health.assessment_overdue", regulation="10(2)(a)", standard=HEALTH, severity=MEDIUM, grace_days=28)
def assessment_overdue(ctx: AuditContext) -> Iterator[Finding]:
    """A child has no statutory health assessment recorded within its interval (12 months from age
    5; 6 months under 5) and none booked (Reg 10; the statutory guidance on promoting the health and
    well-being of looked-after children, 2015). A child placed within the last ``grace_days`` (the
    placing authority arranges the first) is not judged. Two queries."""
    placements = [p for p in living_placements(ctx) if (ctx.as_of - p.admitted_on).days > ctx.threshold("grace_days")]
    held: dict[int, datetime.date] = {}
    booked: set[int] = set()
    for a in HealthAssessment.objects.filter(child_id__in=[p.child_id for p in placements]):
        if a.held_on is not None and a.held_on <= ctx.as_of:
            held[a.child_id] = max(held.get(a.child_id, a.held_on), a.held_on)
        if a.held_on is None and a.booked_for is not None and a.booked_for >= ctx.as_of:
            booked.add(a.child_id)
    for p in placements:
        months = assessment_interval_months(p.child, ctx.as_of)
        last = held.get(p.child_id)
        due = add_months(last, months) if last else None
        if (due is not None and due >= ctx.as_of) or p.child_id in booked:
            continue
        when = f"the last was on {last:%-d %B %Y}" if last else "none is recorded"
        yield ctx.finding(
            home=p.home,
            subject=_health_ref(p),
            message=(
                f"{p.child.display_name}'s health assessment is due every {months} months and none is booked "
                f"({when}). Ask the looked-after children's nurse for a date."
            ),
        )
