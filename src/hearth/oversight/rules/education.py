"""Education (Regulation 8; rules.md "Education"): every child of school age has education, goes
to it, and has their Personal Education Plan reviewed each term.

Judged for every child living in the homes audited on ``as_of``. Terms and school days are as
``education/terms.py`` counts them. A fixed number of queries whatever the numbers.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterator

from django.db.models import Max, Q

from hearth.children.models import Placement
from hearth.education.codes import attendance_rate
from hearth.education.models import AbsenceAction, AttendanceMark, PepReview, Provision
from hearth.education.terms import (
    compulsory_school_age,
    previous_term,
    school_days_back,
    school_days_between,
    term_of,
)
from hearth.oversight.engine import EDUCATION, HIGH, MEDIUM, AuditContext, Finding, Ref, ref, rule
from hearth.oversight.links import reverse
from hearth.oversight.rules.childrens_views import living_placements


def _education_ref(p: Placement) -> Ref:
    url = reverse("education:child", kwargs={"home_id": p.home.public_id, "child_id": p.child.public_id})
    return ref(p.child, "child", p.child.display_name, url=url)


def _provisions(ctx: AuditContext, child_ids: list[int]) -> dict[int, list[Provision]]:
    by_child: dict[int, list[Provision]] = defaultdict(list)
    for p in Provision.objects.filter(child_id__in=child_ids, starts_on__lte=ctx.as_of):
        by_child[p.child_id].append(p)
    return by_child


@rule("education.no_provision", regulation="8(2)(b)", standard=EDUCATION, severity=HIGH, school_days=10)
def no_provision(ctx: AuditContext) -> Iterator[Finding]:
    """A child of compulsory school age has had no education provision recorded for 10 school days
    (Reg 8(2)(b): each child attends education). Counted from the end of the last provision, or
    from admission. Two queries."""
    allowed = ctx.threshold("school_days")
    placements = [p for p in living_placements(ctx) if compulsory_school_age(p.child.age_on(ctx.as_of))]
    provisions = _provisions(ctx, [p.child_id for p in placements])
    for p in placements:
        spans = provisions.get(p.child_id, [])
        if any(s.ends_on is None or s.ends_on >= ctx.as_of for s in spans):
            continue
        ended = max((s.ends_on for s in spans if s.ends_on is not None), default=None)
        since = max(p.admitted_on, ended) if ended else p.admitted_on
        gap = school_days_between(since, ctx.as_of)
        if gap < allowed:
            continue
        why = f"since {ended:%-d %B %Y}" if ended and ended >= p.admitted_on else "since they came"
        yield ctx.finding(
            home=p.home,
            subject=_education_ref(p),
            message=(
                f"{p.child.display_name} has had no education recorded {why} ({gap} school days). Ask the "
                "virtual school for a place today and record what is arranged."
            ),
        )


@rule(
    "education.attendance_low",
    regulation="8(2)(b)",
    standard=EDUCATION,
    severity=MEDIUM,
    school_days=20,
    below_percent=90,
)
def attendance_low(ctx: AuditContext) -> Iterator[Finding]:
    """Attendance below 90% over the last four school weeks, and no action recorded about it in that
    time (Reg 8(2)(b); the Guide 5.9). Children with no marks in the window are not judged. Three queries."""
    since = school_days_back(ctx.as_of, ctx.threshold("school_days"))
    below = ctx.threshold("below_percent") / 100
    placements = {p.child_id: p for p in living_placements(ctx)}
    codes: dict[int, list[str]] = defaultdict(list)
    for child_id, code in AttendanceMark.objects.filter(
        child_id__in=placements, home_id__in=ctx.home_ids, on__gt=since, on__lte=ctx.as_of
    ).values_list("child_id", "code"):
        codes[child_id].append(code)
    acted = set(
        AbsenceAction.objects.filter(child_id__in=list(codes), on__gt=since, on__lte=ctx.as_of).values_list(
            "child_id", flat=True
        )
    )
    for child_id, marks in codes.items():
        rate = attendance_rate(marks)
        if rate is None or rate >= below or child_id in acted:
            continue
        p = placements[child_id]
        yield ctx.finding(
            home=p.home,
            subject=_education_ref(p),
            message=(
                f"{p.child.display_name}'s attendance over the last four school weeks is {rate * 100:.0f}% "
                f"(below {below * 100:.0f}%), and nothing is recorded about what the home did about it."
            ),
        )


@rule(
    "education.pep_overdue",
    regulation="8(2)(c)",
    standard=EDUCATION,
    severity=MEDIUM,
    grace_days=42,
    placed_days=28,
)
def pep_overdue(ctx: AuditContext) -> Iterator[Finding]:
    """No Personal Education Plan review recorded in the current school term (Reg 8(2)(c): the home
    helps the child achieve their education plan; PEPs are reviewed termly). In the first six weeks
    of a term (``grace_days``) a review in the term before still counts. Judged for children of
    compulsory school age or with education recorded, placed for at least four weeks. Three queries."""
    term = term_of(ctx.as_of)
    in_grace = (ctx.as_of - term.starts_on).days < ctx.threshold("grace_days")
    counts_from = previous_term(term).starts_on if in_grace else term.starts_on
    placements = [p for p in living_placements(ctx) if (ctx.as_of - p.admitted_on).days >= ctx.threshold("placed_days")]
    child_ids = [p.child_id for p in placements]
    educated = set(
        Provision.objects.filter(child_id__in=child_ids, starts_on__lte=ctx.as_of)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=ctx.as_of))
        .values_list("child_id", flat=True)
    )
    last: dict[int, datetime.date] = dict(
        PepReview.objects.filter(child_id__in=child_ids, held_on__lte=ctx.as_of)
        .values("child_id")
        .annotate(last=Max("held_on"))
        .values_list("child_id", "last")
        .order_by()
    )
    for p in placements:
        if p.child_id not in educated and not compulsory_school_age(p.child.age_on(ctx.as_of)):
            continue
        held = last.get(p.child_id)
        if held is not None and held >= counts_from:
            continue
        when = f"the last was on {held:%-d %B %Y}" if held else "none is recorded"
        yield ctx.finding(
            home=p.home,
            subject=_education_ref(p),
            message=(
                f"{p.child.display_name}'s Personal Education Plan has not been reviewed this {term.name} term "
                f"({when}). Ask the virtual school and the designated teacher for a review date."
            ),
        )
