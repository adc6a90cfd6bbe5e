"""Relationships and money (Regulations 11 and 6; rules.md "Relationships and money"): agreed
family time followed, or a reason recorded; the child's money counted each month and balancing.
Judged for children living in the homes on ``as_of``. Two or three queries whatever the numbers."""

import datetime
from collections.abc import Iterator

from django.db.models import Q
from django.utils import timezone

from hearth.children.models import Placement
from hearth.family.models import Account, FamilyTime, MoneyEntry, Reconciliation
from hearth.oversight.engine import (
    LOW,
    MEDIUM,
    POSITIVE_RELATIONSHIPS,
    QUALITY_AND_PURPOSE,
    AuditContext,
    Finding,
    Ref,
    ref,
    rule,
)
from hearth.oversight.links import reverse
from hearth.oversight.rules.childrens_views import living_placements
from hearth.oversight.rules.timeliness import end_of


def _family_ref(p: Placement) -> Ref:
    url = reverse("family:child", kwargs={"home_id": p.home.public_id, "child_id": p.child.public_id})
    return ref(p.child, "child", p.child.display_name, url=url)


@rule(
    "contact.plan_not_followed",
    regulation="11(2)(b)",
    standard=POSITIVE_RELATIONSHIPS,
    severity=LOW,
    hours=48,
    lookback_days=90,
)
def plan_not_followed(ctx: AuditContext) -> Iterator[Finding]:
    """Agreed family time did not take place as planned and no reason was recorded within 48 hours
    (Reg 11(2)(b): the home promotes contact with family as the care plan provides). One query."""
    now = end_of(ctx.as_of)
    limit = datetime.timedelta(hours=ctx.threshold("hours"))
    placements = {(p.child_id, p.home_id): p for p in living_placements(ctx)}
    times = (
        FamilyTime.objects.filter(
            home_id__in=ctx.home_ids,
            planned_for__lt=now - limit,
            planned_for__gte=now - datetime.timedelta(days=ctx.threshold("lookback_days")),
        )
        .filter(
            Q(outcome=FamilyTime.Outcome.PLANNED)
            | Q(outcome_recorded_at__gt=now)
            | ~Q(outcome=FamilyTime.Outcome.HAPPENED) & Q(reason="")
        )
        .select_related("plan")
    )
    for time in times:
        p = placements.get((time.child_id, time.home_id))
        if p is None:
            continue
        when = timezone.localtime(time.planned_for)
        yield ctx.finding(
            home=p.home,
            subject=_family_ref(p),
            message=(
                f"Family time with {time.plan.with_whom} planned for {when:%-d %B %Y} has nothing recorded about "
                f"whether it happened, or why not. Record it within {ctx.threshold('hours')} hours."
            ),
        )


@rule("money.not_reconciled", regulation="6(2)(b)", standard=QUALITY_AND_PURPOSE, severity=MEDIUM, days=31)
def not_reconciled(ctx: AuditContext) -> Iterator[Finding]:
    """A child's money or savings has not been counted against its ledger for 31 days, or the last
    count did not balance (Reg 6(2)(b): the child is helped to manage money; the Guide 3.21: their
    money is safeguarded). Only accounts with entries are judged. Two queries."""
    days = ctx.threshold("days")
    placements = {(p.child_id, p.home_id): p for p in living_placements(ctx)}
    child_ids = [c for c, _ in placements]
    used = set(
        MoneyEntry.objects.filter(child_id__in=child_ids, home_id__in=ctx.home_ids, on__lte=ctx.as_of)
        .values_list("child_id", "home_id", "account")
        .distinct()
    )
    latest: dict[tuple[int, int, str], Reconciliation] = {}
    for r in Reconciliation.objects.filter(child_id__in=child_ids, on__lte=ctx.as_of).order_by("on", "id"):
        latest[(r.child_id, r.home_id, r.account)] = r
    for child_id, home_id, account in sorted(used):
        p = placements.get((child_id, home_id))
        if p is None:
            continue
        label = Account(account).label.lower()
        last = latest.get((child_id, home_id, account))
        if last is None or (ctx.as_of - last.on).days > days:
            since = f"since {last.on:%-d %B %Y}" if last else "ever"
            message = f"{p.child.display_name}'s {label} has not been counted against the ledger {since}."
        elif not last.balances:
            message = (
                f"{p.child.display_name}'s {label} counted on {last.on:%-d %B %Y} came to £{last.counted:.2f} where "
                f"the ledger says £{last.ledger_balance:.2f}."
            )
        else:
            continue
        yield ctx.finding(home=p.home, subject=_family_ref(p), message=message)
