"""Monitoring and review (Regulations 44 and 45) and the actions the home undertook (rules.md,
"Leadership and management"): independent visits every month, a quality-of-care review every six
months sent to Ofsted within 28 days, and actions done by their due date."""

import datetime
from collections.abc import Iterator

from django.db.models import Max, Q
from django.urls import reverse

from hearth.core.dates import add_months
from hearth.oversight.engine import HIGH, LEADERSHIP, MEDIUM, AuditContext, Finding, Ref, ref, rule
from hearth.oversight.models import Action, Reg45Review
from hearth.oversight.rules.timeliness import end_of
from hearth.oversight.selectors.monitoring import elapsed_months, operating_since, reg44_visit_months


def _reg44_page(home: object) -> str:
    return reverse("oversight:reg44_list", kwargs={"home_id": home.public_id})  # type: ignore[attr-defined]


@rule("oversight.reg44_missing", regulation="44(1)", standard=LEADERSHIP, severity=HIGH, months=12)
def reg44_missing(ctx: AuditContext) -> Iterator[Finding]:
    """A calendar month that is over has no submitted Regulation 44 visit report (Reg 44(1): an
    independent person visits at least once each month). Months before the home began operating
    (its first statement of purpose) and beyond the look-back (default 12 months) are not judged."""
    months = ctx.threshold("months")
    since = operating_since(home_ids=ctx.home_ids)
    earliest = add_months(ctx.as_of.replace(day=1), -months)
    visited = reg44_visit_months(home_ids=ctx.home_ids, since=earliest, until=end_of(ctx.as_of))
    for home in ctx.homes:
        if home.pk not in since:
            continue
        # A month counts only if the home operated from its first day.
        first_full = since[home.pk] if since[home.pk].day == 1 else add_months(since[home.pk].replace(day=1), 1)
        for month in elapsed_months(since=first_full, as_of=ctx.as_of, limit=months):
            if (home.pk, month) in visited:
                continue
            yield ctx.finding(
                home=home,
                subject=Ref("month", month.strftime("%Y-%m"), f"{month:%B %Y}", _reg44_page(home)),
                message=f"No Regulation 44 visit report for {month:%B %Y}: an independent person must visit every month.",
            )


@rule(
    "oversight.reg45_overdue",
    regulation="45(1)",
    standard=LEADERSHIP,
    severity=MEDIUM,
    months=6,
    send_days=28,
)
def reg45_overdue(ctx: AuditContext) -> Iterator[Finding]:
    """Over six months since the last completed quality-of-care review (or since the home began
    operating, if there has been none), or a completed review not sent to Ofsted within 28 days
    (Reg 45(1) and (4))."""
    months, send_days = ctx.threshold("months"), ctx.threshold("send_days")
    since = operating_since(home_ids=ctx.home_ids)
    completed = Reg45Review.objects.filter(home_id__in=ctx.home_ids, completed_on__lte=ctx.as_of)
    latest = dict(
        completed.values("home_id").annotate(last=Max("completed_on")).values_list("home_id", "last").order_by()
    )
    unsent = completed.filter(
        Q(sent_to_ofsted_on__isnull=True) | Q(sent_to_ofsted_on__gt=ctx.as_of),
        completed_on__lt=ctx.as_of - datetime.timedelta(days=send_days),
    ).select_related("home")
    for home in ctx.homes:
        last = latest.get(home.pk)
        start = last or since.get(home.pk)
        if start is None or add_months(start, months) >= ctx.as_of:
            continue
        page = reverse("oversight:reg45_list", kwargs={"home_id": home.public_id})
        what = (
            f"the last was completed on {last:%-d %B %Y}"
            if last
            else f"none since the home opened on {start:%-d %B %Y}"
        )
        yield ctx.finding(
            home=home,
            subject=Ref("home", str(home.public_id), home.name, page),
            message=f"No review of the quality of care in over {months} months ({what}).",
        )
    for review in unsent:
        yield ctx.finding(
            home=review.home,
            subject=ref(review, "reg45_review", str(review)),
            message=(
                f"The review of the quality of care for {review.period_start:%-d %B %Y} to {review.period_end:%-d %B %Y} "
                f"was completed on {review.completed_on:%-d %B %Y} and is not recorded as sent to Ofsted, "
                f"which is due within {send_days} days."
            ),
        )


@rule("oversight.action_overdue", regulation="13(2)(h)", standard=LEADERSHIP, severity=MEDIUM)
def action_overdue(ctx: AuditContext) -> Iterator[Finding]:
    """An action (from an Ofsted requirement or recommendation, a Regulation 44 or 45 report, or a
    finding) is past its due date and not completed (Reg 13(2)(h): leaders use monitoring to improve
    the home). High for an Ofsted requirement, a legal duty; medium otherwise."""
    overdue = (
        Action.objects.filter(home_id__in=ctx.home_ids, due_on__lt=ctx.as_of, created_at__lte=end_of(ctx.as_of))
        .filter(Q(completed_on__isnull=True) | Q(completed_on__gt=ctx.as_of))
        .select_related("home", "owner")
    )
    for action in overdue:
        owner = action.owner.full_name if action.owner else "no one"
        yield ctx.finding(
            home=action.home,
            subject=ref(action, "action", action.title),
            message=(
                f"{action.get_source_display()} “{action.title}” was due on {action.due_on:%-d %B %Y} "
                f"and is not completed (owner: {owner})."
            ),
            severity=HIGH if action.is_requirement else MEDIUM,
        )
