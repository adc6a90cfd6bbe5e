"""The provider, its homes and their staff: vetting, qualifications, training and supervision,
with turnover; and the sign-ins the benchmark uses (a manager and a support worker per home, the
responsible individual)."""

import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django_otp.plugins.otp_totp.models import TOTPDevice

from hearth.access.models import Membership, Role
from hearth.bench.synth.common import HomePlan, Quality, bulk
from hearth.core.dates import add_months
from hearth.homes.models import Home, LocationRiskAssessment, Provider, StatementOfPurpose
from hearth.staff.models import (
    CARE_ROLES,
    Course,
    DbsUpdateCheck,
    Qualification,
    StaffMember,
    Supervision,
    TrainingCompletion,
    VettingCheck,
)
from hearth.staff.services import course_catalogue_start

POSITIONS = (
    StaffMember.Role.REGISTERED_MANAGER,
    StaffMember.Role.DEPUTY_MANAGER,
    StaffMember.Role.SENIOR,
    StaffMember.Role.SENIOR,
    *[StaffMember.Role.SUPPORT_WORKER] * 6,
)
MEAN_TENURE_YEARS = {Quality.GOOD: 4.0, Quality.FAIR: 2.5, Quality.POOR: 1.5}
SUPERVISION_EVERY_DAYS = {Quality.GOOD: 26, Quality.FAIR: 32, Quality.POOR: 45}
# Synthetic accounts on a benchmark database: the password is not a secret.
PASSWORD = "synth-bench-password"  # noqa: S105
User = get_user_model()


def provider_create(seed: int) -> tuple[Provider, list[Course], Any]:
    """The provider, its default training catalogue and its responsible individual's sign-in."""
    provider = Provider.objects.create(name=f"Synthetic Care Group {seed}")
    course_catalogue_start(actor=None, provider=provider)
    ri = User.objects.create(
        username=f"synth{seed}-ri", first_name="Robin", last_name="Ashdown", password=make_password(PASSWORD)
    )
    Membership.objects.create(
        user=ri, role=Role.RESPONSIBLE_INDIVIDUAL, provider=provider, starts_on=datetime.date(2000, 1, 1)
    )
    TOTPDevice.objects.create(user=ri, name="synth", confirmed=True)
    return provider, list(provider.courses.all()), ri


def homes_create(provider: Provider, plans: list[HomePlan]) -> None:
    """The homes, each with a statement of purpose from before the period and a location risk
    assessment (overdue for review in some poorly run homes)."""
    homes = []
    for plan in plans:
        homes.append(
            Home(
                public_id=plan.uuid(),
                provider=provider,
                name=f"{plan.rng.choice(['Ash', 'Birch', 'Cedar', 'Elm', 'Hazel', 'Oak', 'Rowan', 'Willow'])} "
                f"{plan.rng.choice(['House', 'Lodge', 'View', 'Court', 'Grange'])} {plan.index + 1}",
                urn=f"SC{700000 + plan.seed % 100 * 1000 + plan.index:06d}"[:12]
                if plan.index < 1000
                else f"SY{plan.seed}-{plan.index}"[:12],
                address_line_1=f"{plan.rng.randint(1, 200)} Station Road",
                town="Anytown",
                postcode="AN1 1AA",
                capacity=4,
                age_min=11,
                age_max=17,
                sexes="mixed",
            )
        )
    for plan, home in zip(plans, bulk(Home, homes), strict=True):
        plan.home = home
    bulk(
        StatementOfPurpose,
        [
            StatementOfPurpose(
                home=p.home,
                number=1,
                effective_from=p.start - datetime.timedelta(days=60),
                summary="Care for up to four children aged 11 to 17 with social, emotional and behavioural needs.",
                accepted_needs=["social_emotional"],
                age_min=11,
                age_max=17,
                capacity=4,
                sexes="mixed",
            )
            for p in plans
        ],
    )
    bulk(
        LocationRiskAssessment,
        [
            LocationRiskAssessment(
                home=p.home,
                reviewed_on=(
                    reviewed := p.end - datetime.timedelta(days=p.rng.randint(400, 500) if p.missed() else 60)
                ),
                next_review_due=reviewed + datetime.timedelta(days=365),
                summary="The area around the home, its risks and what it offers, reviewed with the police.",
            )
            for p in plans
        ],
    )


def _tenures(plan: HomePlan) -> list[tuple[str, datetime.date, datetime.date | None]]:
    """Who held each post when: (role, start, end or None if still in post)."""
    held: list[tuple[str, datetime.date, datetime.date | None]] = []
    mean_days = MEAN_TENURE_YEARS[plan.quality] * 365
    for role in POSITIONS:
        start = plan.start - datetime.timedelta(days=plan.rng.randint(0, 3 * 365))
        while start <= plan.end:
            length = max(60, int(plan.rng.expovariate(1 / mean_days)))
            end = start + datetime.timedelta(days=length)
            held.append((role, start, end if end < plan.end else None))
            if end >= plan.end:
                break
            start = end + datetime.timedelta(days=plan.rng.randint(7, 45))
    return held


def staff_create(plans: list[HomePlan], courses: list[Course]) -> dict[str, int]:
    """Staff with turnover, and everything their files hold."""
    members = []
    for plan in plans:
        for role, start, end in _tenures(plan):
            first, last = plan.name()
            members.append(
                StaffMember(
                    public_id=plan.uuid(),
                    home=plan.home,
                    first_name=first,
                    last_name=last,
                    role=role,
                    start_date=start,
                    end_date=end,
                )
            )
    members = bulk(StaffMember, members)
    by_home: dict[int, list[StaffMember]] = {}
    for member in members:
        by_home.setdefault(member.home_id, []).append(member)
    checks, updates, qualifications, completions, supervisions = [], [], [], [], []
    for plan in plans:
        plan.staff = by_home[plan.home.pk]
        for member in plan.staff:
            checks += _vetting(plan, member)
            updates += _dbs_updates(plan, member)
            qualifications += _qualifications(plan, member)
            completions += _training(plan, member, courses)
            supervisions += _supervision(plan, member)
    bulk(VettingCheck, checks)
    bulk(DbsUpdateCheck, updates)
    bulk(Qualification, qualifications)
    bulk(TrainingCompletion, completions)
    bulk(Supervision, supervisions)
    _sign_ins(plans)
    return {
        "staff": len(members),
        "vetting_checks": len(checks),
        "training_completions": len(completions),
        "supervisions": len(supervisions),
    }


def _vetting(plan: HomePlan, member: StaffMember) -> list[VettingCheck]:
    verified = member.start_date - datetime.timedelta(days=plan.rng.randint(5, 30))
    late = plan.missed()
    found: list[VettingCheck] = []
    for kind in ("identity", "dbs", "reference", "reference", "right_to_work", "employment_history",
                 "reasons_for_leaving", "qualifications"):  # fmt: skip
        on = member.start_date + datetime.timedelta(days=10) if late and kind == "dbs" else verified
        check = VettingCheck(
            staff_member=member,
            kind=kind,
            verified_on=on,
            verified_by_name="Synthetic manager",
            evidence="Seen and copied.",
        )
        if kind == "dbs":
            check.dbs_certificate_number = f"{plan.rng.randrange(10**11, 10**12)}"
            check.dbs_issued_on = on - datetime.timedelta(days=7)
            check.dbs_children_barred_list = True
            check.dbs_update_service = True
        if kind == "reference":
            check.referee_name = " ".join(plan.name())
            check.referee_organisation = "Previous employer"
            check.referee_is_latest_employer = not any(c.kind == "reference" for c in found)
        found.append(check)
    return found


def _dbs_updates(plan: HomePlan, member: StaffMember) -> list[DbsUpdateCheck]:
    """Staff whose certificate is over three years old have a recent update-service check."""
    if member.end_date is not None or (plan.end - member.start_date).days < 3 * 365 - 40 or plan.missed():
        return []
    return [
        DbsUpdateCheck(
            staff_member=member,
            checked_on=plan.end - datetime.timedelta(days=plan.rng.randint(5, 50)),
            outcome="no_change",
            checked_by_name="Synthetic manager",
        )
    ]


def _qualifications(plan: HomePlan, member: StaffMember) -> list[Qualification]:
    if member.role == StaffMember.Role.REGISTERED_MANAGER:
        kind, title, within = "level_5", "Level 5 Diploma in Leadership and Management", 3 * 365
    elif member.role in CARE_ROLES:
        kind, title, within = "level_3", "Level 3 Diploma for Residential Childcare", 2 * 365
    else:
        return []
    if plan.missed():
        return []
    achieved = member.start_date + datetime.timedelta(days=plan.rng.randint(150, within - 30))
    done = achieved <= plan.end and (member.end_date is None or achieved <= member.end_date)
    return [
        Qualification(
            staff_member=member,
            kind=kind,
            title=title,
            enrolled_on=member.start_date + datetime.timedelta(days=30),
            achieved_on=achieved if done else None,
        )
    ]


def _training(plan: HomePlan, member: StaffMember, courses: list[Course]) -> list[TrainingCompletion]:
    last_day = min(member.end_date or plan.end, plan.end)
    found = []
    for course in courses:
        if member.role not in course.mandatory_for:
            continue
        on = member.start_date - datetime.timedelta(days=plan.rng.randint(0, 20))
        while on <= last_day:
            if on >= plan.start - datetime.timedelta(days=400) and not plan.missed():
                expires = add_months(on, course.renew_every_months) if course.renew_every_months else None
                found.append(
                    TrainingCompletion(
                        staff_member=member,
                        course=course,
                        completed_on=on,
                        expires_on=expires,
                        delivered_by="Synthetic Training Ltd",
                        recorded_by_name="Synthetic manager",
                    )
                )
            if not course.renew_every_months:
                break
            on = add_months(on, course.renew_every_months) - datetime.timedelta(days=plan.rng.randint(10, 40))
    return found


def _supervision(plan: HomePlan, member: StaffMember) -> list[Supervision]:
    found = []
    every = SUPERVISION_EVERY_DAYS[plan.quality]
    last_day = min(member.end_date or plan.end, plan.end)
    held = max(member.start_date, plan.start) + datetime.timedelta(days=plan.rng.randint(3, 20))
    while held <= last_day:
        if not plan.missed():
            found.append(
                Supervision(
                    staff_member=member,
                    kind="supervision",
                    held_on=held,
                    supervisor_name="Synthetic manager",
                    next_due=held + datetime.timedelta(days=28),
                    recorded_by_name="Synthetic manager",
                )
            )
        held += datetime.timedelta(days=every + plan.rng.randint(-3, 3))
    appraised = max(member.start_date, plan.start) + datetime.timedelta(days=300)
    while appraised <= last_day:
        found.append(
            Supervision(
                staff_member=member,
                kind="appraisal",
                held_on=appraised,
                supervisor_name="Synthetic manager",
                next_due=appraised + datetime.timedelta(days=365),
                recorded_by_name="Synthetic manager",
            )
        )
        appraised += datetime.timedelta(days=365)
    return found


def _sign_ins(plans: list[HomePlan]) -> None:
    """A registered manager (with a second factor) and a support worker for each home."""
    password = make_password(PASSWORD)
    users = []
    for plan in plans:
        seed, n = plan.seed, plan.index
        users.append(
            User(
                username=f"synth{seed}-h{n}-manager", first_name="Manager", last_name=f"Home {n + 1}", password=password
            )
        )
        users.append(
            User(username=f"synth{seed}-h{n}-worker", first_name="Worker", last_name=f"Home {n + 1}", password=password)
        )
    users = bulk(User, users)
    memberships, devices = [], []
    for plan, manager, worker in zip(plans, users[::2], users[1::2], strict=True):
        plan.manager_user, plan.worker_user = manager, worker
        start = plan.start - datetime.timedelta(days=400)
        memberships.append(Membership(user=manager, role=Role.REGISTERED_MANAGER, home=plan.home, starts_on=start))
        memberships.append(Membership(user=worker, role=Role.SUPPORT_WORKER, home=plan.home, starts_on=start))
        devices.append(TOTPDevice(user=manager, name="synth", confirmed=True))
    bulk(Membership, memberships)
    bulk(TOTPDevice, devices)
