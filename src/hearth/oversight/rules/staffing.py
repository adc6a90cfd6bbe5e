"""Staffing rules: Regulations 32 and 33, Schedule 2, Regulation 28 (rules.md "Leadership and
management and staffing"). Each runs a fixed number of queries over every current staff member
of the homes audited."""

import datetime
from collections.abc import Iterator

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Subquery

from hearth.core.dates import add_years
from hearth.oversight.engine import HIGH, LEADERSHIP, MEDIUM, AuditContext, Finding, Ref, ref, rule
from hearth.staff.models import (
    CARE_ROLES,
    DbsUpdateCheck,
    Qualification,
    QualificationDeferral,
    StaffMember,
    Supervision,
    VettingCheck,
)
from hearth.staff.selectors import latest_completions, training_cell


def current_staff(ctx: AuditContext) -> QuerySet[StaffMember]:
    as_of = ctx.as_of
    return (
        StaffMember.objects.filter(home_id__in=ctx.home_ids, start_date__lte=as_of)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=as_of))
        .select_related("home")
    )


def staff_ref(member: StaffMember) -> Ref:
    return ref(member, "staff_member", f"{member.full_name} ({member.get_role_display().lower()})")


def checks_in_force(ctx: AuditContext, **filters: object) -> QuerySet[VettingCheck]:
    """Checks of the outer staff member verified by ``as_of`` and not withdrawn by then."""
    return VettingCheck.objects.filter(
        Q(withdrawn_at__isnull=True) | Q(withdrawn_at__date__gt=ctx.as_of),
        staff_member=OuterRef("pk"),
        verified_on__lte=ctx.as_of,
        **filters,
    )


@rule(
    "staff.dbs_missing",
    regulation="32(3)(d), Schedule 2 paragraph 2",
    standard=LEADERSHIP,
    severity=HIGH,
)
def dbs_missing(ctx: AuditContext) -> Iterator[Finding]:
    """A staff member has no enhanced DBS check with the children's barred list recorded before
    their start date (Reg 32(3)(d); Schedule 2 paragraph 2)."""
    good = checks_in_force(ctx, kind=VettingCheck.Kind.DBS, dbs_children_barred_list=True).filter(
        verified_on__lte=OuterRef("start_date")
    )
    for member in current_staff(ctx).annotate(ok=Exists(good)).filter(ok=False):
        yield ctx.finding(
            home=member.home,
            subject=staff_ref(member),
            message=f"{member.full_name} started on {member.start_date:%-d %B %Y} without an enhanced DBS check "
            "with the children's barred list verified beforehand.",
        )


@rule(
    "staff.dbs_stale",
    regulation="32(3)(d), Schedule 2 paragraph 2",
    standard=LEADERSHIP,
    severity=MEDIUM,
    certificate_years=3,
    update_check_days=365,
)
def dbs_stale(ctx: AuditContext) -> Iterator[Finding]:
    """The DBS certificate is over 3 years old and there is no update-service check in the last
    12 months (Reg 32(3)(d); the registered person keeps fitness under review)."""
    newest = checks_in_force(ctx, kind=VettingCheck.Kind.DBS, dbs_children_barred_list=True).order_by("-dbs_issued_on")
    years = ctx.threshold("certificate_years")
    since = ctx.as_of - datetime.timedelta(days=ctx.threshold("update_check_days"))
    recent_update = DbsUpdateCheck.objects.filter(
        staff_member=OuterRef("pk"), checked_on__gt=since, checked_on__lte=ctx.as_of
    )
    stale = (
        current_staff(ctx)
        .annotate(issued=Subquery(newest.values("dbs_issued_on")[:1]), updated=Exists(recent_update))
        .filter(issued__lt=add_years(ctx.as_of, -years), updated=False)
    )
    for member in stale:
        yield ctx.finding(
            home=member.home,
            subject=staff_ref(member),
            message=f"{member.full_name}'s DBS certificate was issued on {member.issued:%-d %B %Y}, over {years} years "
            "ago, and has no update-service check in the last 12 months.",
        )


@rule(
    "staff.recruitment_checks_incomplete",
    regulation="32(3)(d), Schedule 2 paragraphs 3 and 6",
    standard=LEADERSHIP,
    severity=HIGH,
)
def recruitment_checks_incomplete(ctx: AuditContext) -> Iterator[Finding]:
    """Fewer than two verified references, no right-to-work check, or no full employment history
    with its gaps explained (Reg 32(3)(d); Schedule 2 paragraphs 3 and 6)."""
    refs = (
        checks_in_force(ctx, kind=VettingCheck.Kind.REFERENCE)
        .values("staff_member")
        .annotate(n=Count("pk"))
        .values("n")
    )
    staff = current_staff(ctx).annotate(
        references=Subquery(refs[:1]),
        right_to_work=Exists(checks_in_force(ctx, kind=VettingCheck.Kind.RIGHT_TO_WORK)),
        employment_history=Exists(checks_in_force(ctx, kind=VettingCheck.Kind.EMPLOYMENT_HISTORY)),
    )
    incomplete = staff.filter(
        Q(references__isnull=True) | Q(references__lt=2) | Q(right_to_work=False) | Q(employment_history=False)
    )
    for member in incomplete:
        missing = []
        if (member.references or 0) < 2:
            missing.append(f"{member.references or 0} of 2 references verified")
        if not member.right_to_work:
            missing.append("no right-to-work check")
        if not member.employment_history:
            missing.append("no full employment history with gaps explained")
        yield ctx.finding(
            home=member.home,
            subject=staff_ref(member),
            message=f"{member.full_name}'s recruitment checks are incomplete: {'; '.join(missing)}.",
        )


@rule(
    "staff.qualification_overdue",
    regulation="32(4)(a) and 28(2)(c)",
    standard=LEADERSHIP,
    severity=MEDIUM,
    care_staff_years=2,
    manager_years=3,
)
def qualification_overdue(ctx: AuditContext) -> Iterator[Finding]:
    """Care staff over 2 years in post without the Level 3 Diploma; a registered manager over 3
    years without Level 5 (Reg 32(4)(a); Reg 28(2)(c)), unless a recorded deferral runs on."""
    for kind, roles, years in (
        (
            Qualification.Kind.LEVEL_3,
            [r for r in CARE_ROLES if r != StaffMember.Role.REGISTERED_MANAGER],
            ctx.threshold("care_staff_years"),
        ),
        (Qualification.Kind.LEVEL_5, [StaffMember.Role.REGISTERED_MANAGER], ctx.threshold("manager_years")),
    ):
        achieved = Qualification.objects.filter(staff_member=OuterRef("pk"), kind=kind, achieved_on__lte=ctx.as_of)
        deferred = QualificationDeferral.objects.filter(
            staff_member=OuterRef("pk"), kind=kind, deferred_until__gte=ctx.as_of, created_at__date__lte=ctx.as_of
        )
        overdue = (
            current_staff(ctx)
            .filter(role__in=roles, start_date__lt=add_years(ctx.as_of, -years))
            .annotate(held=Exists(achieved), deferred=Exists(deferred))
            .filter(held=False, deferred=False)
        )
        label = Qualification.Kind(kind).label
        for member in overdue:
            yield ctx.finding(
                home=member.home,
                subject=staff_ref(member),
                message=f"{member.full_name} has been in post since {member.start_date:%-d %B %Y}, over {years} years, "
                f"without the {label}.",
            )


@rule(
    "staff.supervision_overdue",
    regulation="33(4)(b)",
    standard=LEADERSHIP,
    severity=MEDIUM,
    weeks=6,
)
def supervision_overdue(ctx: AuditContext) -> Iterator[Finding]:
    """No supervision for more than 6 weeks (Reg 33(4)(b): practice supervision by an experienced person)."""
    since = ctx.as_of - datetime.timedelta(weeks=ctx.threshold("weeks"))
    last = (
        Supervision.objects.filter(
            staff_member=OuterRef("pk"), kind=Supervision.Kind.SUPERVISION, held_on__lte=ctx.as_of
        )
        .values("staff_member")
        .annotate(last=Max("held_on"))
        .values("last")
    )
    overdue = (
        current_staff(ctx)
        .filter(start_date__lt=since)
        .annotate(last=Subquery(last[:1]))
        .filter(Q(last__isnull=True) | Q(last__lt=since))
    )
    for member in overdue:
        when = f"last supervised on {member.last:%-d %B %Y}" if member.last else "never supervised"
        yield ctx.finding(
            home=member.home,
            subject=staff_ref(member),
            message=f"{member.full_name} was {when}: more than {ctx.threshold('weeks')} weeks without supervision.",
        )


@rule(
    "training.mandatory_missing",
    regulation="33(4)(a) and 13(2)(c)",
    standard=LEADERSHIP,
    severity=MEDIUM,
)
def mandatory_missing(ctx: AuditContext) -> Iterator[Finding]:
    """A staff member lacks, or has let expire, a course mandatory for their role (Reg 33(4)(a);
    Reg 13(2)(c)). High severity when a safeguarding course is among them. Three queries: the
    staff, the courses and the latest completions."""
    from hearth.staff.models import Course

    staff = list(current_staff(ctx))
    provider_ids = {m.home.provider_id for m in staff}
    courses: dict[int, list[Course]] = {}
    for course in Course.objects.filter(provider_id__in=provider_ids, retired=False).order_by("title"):
        courses.setdefault(course.provider_id, []).append(course)
    latest = latest_completions((m.pk for m in staff), ctx.as_of)
    for member in staff:
        gaps = [
            cell
            for cell in (
                training_cell(member, c, latest.get((member.pk, c.pk)), ctx.as_of)
                for c in courses.get(member.home.provider_id, [])
            )
            if cell.state in ("missing", "expired")
        ]
        if not gaps:
            continue
        described = [f"{c.course.title} ({c.text.lower()})" for c in gaps]
        yield ctx.finding(
            home=member.home,
            subject=staff_ref(member),
            message=f"{member.full_name} lacks mandatory training: {', '.join(described)}.",
            evidence=[ref(c.course, "course", c.course.title) for c in gaps],
            severity=HIGH if any(c.course.safeguarding for c in gaps) else MEDIUM,
        )
