"""Reads about staff: who works here, whether they are cleared to work, their qualifications,
training and supervision (Regulations 28, 32 and 33; domain.md section 6).

Each reader takes a set of staff and answers in a fixed number of queries, so that pages and
the oversight rules (rules.md ``staff.*``, ``training.mandatory_missing``) read the same facts.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import F, Q, QuerySet, Window
from django.db.models.functions import RowNumber

from hearth.core.dates import add_months, add_years
from hearth.homes.models import Home, Provider
from hearth.staff.models import (
    CARE_ROLES,
    Course,
    Qualification,
    QualificationDeferral,
    Shift,
    StaffMember,
    Supervision,
    TrainingCompletion,
    VettingCheck,
    VettingException,
)

Kind = VettingCheck.Kind


def staffing_setting(name: str) -> int:
    return int(settings.HEARTH_STAFFING[name])


def staff_current(*, home: Home, as_of: datetime.date) -> QuerySet[StaffMember]:
    """Staff employed at the home on ``as_of``, by surname."""
    return home.staff.filter(start_date__lte=as_of).filter(Q(end_date__isnull=True) | Q(end_date__gte=as_of))


def staff_on_books(*, home: Home, as_of: datetime.date) -> QuerySet[StaffMember]:
    """Current staff and new starters not yet started: everyone a manager is vetting or rostering."""
    return home.staff.filter(Q(end_date__isnull=True) | Q(end_date__gte=as_of))


# --- vetting (Reg 32, Schedule 2) -----------------------------------------------------------


@dataclass(frozen=True)
class VettingItem:
    """One line of the "cleared to start" list, and the checks that satisfy it."""

    key: str
    label: str
    done: bool
    checks: tuple[VettingCheck, ...]
    kind: str


VETTING_REQUIREMENTS: tuple[tuple[str, str, str], ...] = (
    ("identity", Kind.IDENTITY, "Proof of identity with a recent photograph"),
    ("dbs", Kind.DBS, "Enhanced DBS certificate with the children's barred list"),
    ("references", Kind.REFERENCE, "Two written references, one from the latest employer"),
    ("right_to_work", Kind.RIGHT_TO_WORK, "Right to work in the UK"),
    ("employment_history", Kind.EMPLOYMENT_HISTORY, "Full employment history, with gaps explained in writing"),
    ("reasons_for_leaving", Kind.REASONS_FOR_LEAVING, "Reasons for leaving work with children or vulnerable adults"),
    ("qualifications", Kind.QUALIFICATIONS, "Evidence of relevant qualifications"),
)


def vetting_items(checks: Iterable[VettingCheck]) -> list[VettingItem]:
    """Schedule 2's list for one person, from their checks (withdrawn ones do not count).

    References count only as two verified ones, at least one from the latest employer; the DBS
    check counts only if it included the children's barred list.
    """
    active: dict[str, list[VettingCheck]] = defaultdict(list)
    for check in checks:
        if check.withdrawn_at is None:
            active[check.kind].append(check)
    items = []
    for key, kind, label in VETTING_REQUIREMENTS:
        found = tuple(active.get(kind, []))
        if kind == Kind.REFERENCE:
            done = len(found) >= 2 and any(c.referee_is_latest_employer for c in found)
        elif kind == Kind.DBS:
            done = any(c.dbs_children_barred_list for c in found)
        else:
            done = bool(found)
        items.append(VettingItem(key=key, label=label, done=done, checks=found, kind=kind))
    return items


def vetting_outstanding_by_member(members: Sequence[StaffMember]) -> dict[int, list[str]]:
    """For each member, the Schedule 2 items not yet verified (empty: cleared to start). One query."""
    checks: dict[int, list[VettingCheck]] = defaultdict(list)
    for check in VettingCheck.objects.filter(staff_member__in=[m.pk for m in members]):
        checks[check.staff_member_id].append(check)
    return {m.pk: [i.label for i in vetting_items(checks.get(m.pk, [])) if not i.done] for m in members}


def vetting_exceptions_in_force(members: Sequence[StaffMember], on: datetime.date) -> dict[int, VettingException]:
    """The registered manager's exception covering ``on``, per member who has one. One query."""
    found: dict[int, VettingException] = {}
    for exception in VettingException.objects.filter(
        staff_member__in=[m.pk for m in members], starts_on__lte=on, ends_on__gte=on
    ).order_by("starts_on"):
        found[exception.staff_member_id] = exception
    return found


# --- qualifications (Reg 32(4), Reg 28(2)(c)) ------------------------------------------------


@dataclass(frozen=True)
class QualificationStatus:
    """Where a member stands against the qualification their role needs."""

    required: str | None  # Qualification.Kind, or None for roles that need none
    due: datetime.date | None
    achieved: Qualification | None
    working_towards: Qualification | None
    deferral: QualificationDeferral | None
    overdue: bool

    @property
    def required_label(self) -> str:
        return Qualification.Kind(self.required).label if self.required else "None required for this role"

    @property
    def required_short(self) -> str:
        short = {"level_3": "Level 3 Diploma", "level_5": "Level 5 Diploma"}
        return short.get(self.required or "", "")

    @property
    def state(self) -> str:
        if self.required is None:
            return "Not required"
        if self.achieved is not None:
            return "Achieved"
        return "Overdue" if self.overdue else "Due"


def required_qualification(member: StaffMember) -> tuple[str | None, datetime.date | None]:
    """The qualification the role needs and the date it is due, before any deferral.

    The clock runs from the member's start date at this home: Level 5 within 3 years for the
    registered manager, Level 3 within 2 years for other care staff (thresholds in settings).
    """
    if member.role == StaffMember.Role.REGISTERED_MANAGER:
        return Qualification.Kind.LEVEL_5, add_years(member.start_date, staffing_setting("level_5_within_years"))
    if member.role in CARE_ROLES:
        return Qualification.Kind.LEVEL_3, add_years(member.start_date, staffing_setting("level_3_within_years"))
    return None, None


def qualification_statuses(members: Sequence[StaffMember], as_of: datetime.date) -> dict[int, QualificationStatus]:
    """Each member's qualification status on ``as_of``. Two queries whatever the number of staff."""
    ids = [m.pk for m in members]
    held: dict[int, list[Qualification]] = defaultdict(list)
    for q in Qualification.objects.filter(staff_member__in=ids).order_by("achieved_on", "created_at"):
        held[q.staff_member_id].append(q)
    deferrals: dict[tuple[int, str], QualificationDeferral] = {}
    for d in QualificationDeferral.objects.filter(staff_member__in=ids).order_by("deferred_until", "created_at"):
        deferrals[(d.staff_member_id, d.kind)] = d  # the latest deadline wins
    out = {}
    for member in members:
        required, due = required_qualification(member)
        mine = [q for q in held.get(member.pk, []) if q.kind == required]
        achieved = next((q for q in mine if q.achieved_on and q.achieved_on <= as_of), None)
        working = next((q for q in mine if not q.achieved_on), None)
        deferral = deferrals.get((member.pk, required)) if required else None
        if deferral is not None and due is not None and deferral.deferred_until > due:
            due = deferral.deferred_until
        out[member.pk] = QualificationStatus(
            required=required,
            due=due,
            achieved=achieved,
            working_towards=working,
            deferral=deferral,
            overdue=bool(required and achieved is None and due is not None and due < as_of),
        )
    return out


# --- training (Reg 33(4)(a); domain.md 6.4) --------------------------------------------------

IN_DATE, EXPIRING, EXPIRED, MISSING, NOT_REQUIRED = "in_date", "expiring", "expired", "missing", "not_required"
CELL_TEXT = {
    IN_DATE: "In date",
    EXPIRING: "Expires soon",
    EXPIRED: "Expired",
    MISSING: "Missing",
    NOT_REQUIRED: "Not required",
}
CELL_COLOUR = {IN_DATE: "green", EXPIRING: "yellow", EXPIRED: "red", MISSING: "red", NOT_REQUIRED: "grey"}


def courses_for(provider: Provider, *, include_retired: bool = False) -> QuerySet[Course]:
    courses = provider.courses.all()
    return courses if include_retired else courses.filter(retired=False)


def completion_expires_on(completion: TrainingCompletion, course: Course) -> datetime.date | None:
    """The certificate's own expiry if recorded, else the course's renewal period from completion."""
    if completion.expires_on:
        return completion.expires_on
    if course.renew_every_months:
        return add_months(completion.completed_on, course.renew_every_months)
    return None


@dataclass(frozen=True)
class TrainingCell:
    course: Course
    state: str
    completion: TrainingCompletion | None
    expires_on: datetime.date | None

    @property
    def text(self) -> str:
        return CELL_TEXT[self.state]

    @property
    def colour(self) -> str:
        return CELL_COLOUR[self.state]

    @property
    def trained(self) -> bool:
        return self.state in (IN_DATE, EXPIRING)


@dataclass(frozen=True)
class CourseFigure:
    """How many of the staff who must hold a course hold it in date."""

    course: Course
    required: int
    trained: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.trained / self.required) if self.required else None


@dataclass
class TrainingMatrix:
    courses: list[Course]
    rows: list[tuple[StaffMember, list[TrainingCell]]] = field(default_factory=list)
    figures: list[CourseFigure] = field(default_factory=list)


def training_cell(
    member: StaffMember, course: Course, completion: TrainingCompletion | None, as_of: datetime.date
) -> TrainingCell:
    """The state of one member's training in one course on ``as_of``."""
    mandatory = member.role in course.mandatory_for
    if completion is None:
        return TrainingCell(course, MISSING if mandatory else NOT_REQUIRED, None, None)
    expires = completion_expires_on(completion, course)
    if expires is not None and expires < as_of:
        state = EXPIRED if mandatory else NOT_REQUIRED
    elif expires is not None and expires <= as_of + datetime.timedelta(days=staffing_setting("training_expiring_days")):
        state = EXPIRING
    else:
        state = IN_DATE
    return TrainingCell(course, state, completion, expires)


def latest_completions(member_ids: Iterable[int], as_of: datetime.date) -> dict[tuple[int, int], TrainingCompletion]:
    """The latest completion on or before ``as_of`` per (member, course). One query, choosing the
    latest in the database: a large provider has hundreds of thousands of completions, of which
    only the latest per course matter."""
    newest_first = Window(
        RowNumber(),
        partition_by=[F("staff_member_id"), F("course_id")],
        order_by=[F("completed_on").desc(), F("created_at").desc(), F("pk").desc()],
    )
    completions = (
        TrainingCompletion.objects.filter(staff_member__in=list(member_ids), completed_on__lte=as_of)
        .annotate(newest=newest_first)
        .filter(newest=1)
    )
    return {(c.staff_member_id, c.course_id): c for c in completions}


def training_matrix(*, home: Home, as_of: datetime.date) -> TrainingMatrix:
    """Staff on the books by the provider's courses, each cell a state, and per-course figures.

    New starters are listed (their training can be recorded before they start) but the figures
    count staff employed on ``as_of`` only. Three queries whatever the size of the home. A course
    counts for a member when it is mandatory for their role; an expiring course still counts as
    trained until it expires.
    """
    courses = list(courses_for(home.provider))
    members = list(staff_on_books(home=home, as_of=as_of))
    latest = latest_completions((m.pk for m in members), as_of)
    matrix = TrainingMatrix(courses=courses)
    for member in members:
        cells = [training_cell(member, c, latest.get((member.pk, c.pk)), as_of) for c in courses]
        matrix.rows.append((member, cells))
    for i, course in enumerate(courses):
        required = [cells[i] for m, cells in matrix.rows if m.role in course.mandatory_for and m.start_date <= as_of]
        matrix.figures.append(CourseFigure(course, len(required), sum(c.trained for c in required)))
    return matrix


def training_by_home(
    *, provider: Provider, as_of: datetime.date
) -> tuple[list[Home], list[tuple[Course, list[CourseFigure]]]]:
    """Per-course completion for every home of the provider, side by side (for the RI).

    Three queries whatever the number of homes and staff.
    """
    homes = list(provider.homes.order_by("name"))
    courses = list(courses_for(provider))
    members = list(
        StaffMember.objects.filter(home__provider=provider, start_date__lte=as_of).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=as_of)
        )
    )
    latest = latest_completions((m.pk for m in members), as_of)
    table = []
    for course in courses:
        figures = []
        for home in homes:
            cells = [
                training_cell(m, course, latest.get((m.pk, course.pk)), as_of)
                for m in members
                if m.home_id == home.pk and m.role in course.mandatory_for
            ]
            figures.append(CourseFigure(course, len(cells), sum(c.trained for c in cells)))
        table.append((course, figures))
    return homes, table


# --- supervision and appraisal (Reg 33(4)(b)-(c)) ----------------------------------------------


@dataclass(frozen=True)
class SupervisionStatus:
    last_supervision: Supervision | None
    supervision_due: datetime.date
    last_appraisal: Supervision | None
    appraisal_due: datetime.date
    as_of: datetime.date

    @property
    def supervision_overdue(self) -> bool:
        return self.supervision_due < self.as_of

    @property
    def appraisal_overdue(self) -> bool:
        return self.appraisal_due < self.as_of


def supervision_statuses(members: Sequence[StaffMember], as_of: datetime.date) -> dict[int, SupervisionStatus]:
    """When each member's next supervision and appraisal fall due. One query.

    The next date is the one the supervisor set at the last meeting; with no meeting yet, it is
    the default interval from the start date (``HEARTH_STAFFING``).
    """
    last: dict[tuple[int, str], Supervision] = {}
    for s in Supervision.objects.filter(staff_member__in=[m.pk for m in members], held_on__lte=as_of).order_by(
        "held_on", "created_at"
    ):
        last[(s.staff_member_id, s.kind)] = s
    out = {}
    for m in members:
        sup = last.get((m.pk, Supervision.Kind.SUPERVISION))
        app = last.get((m.pk, Supervision.Kind.APPRAISAL))
        out[m.pk] = SupervisionStatus(
            last_supervision=sup,
            supervision_due=sup.next_due
            if sup
            else m.start_date + datetime.timedelta(days=staffing_setting("supervision_every_days")),
            last_appraisal=app,
            appraisal_due=app.next_due
            if app
            else m.start_date + datetime.timedelta(days=staffing_setting("appraisal_every_days")),
            as_of=as_of,
        )
    return out


# --- the staff list and one member's file ------------------------------------------------------


@dataclass(frozen=True)
class StaffRow:
    member: StaffMember
    outstanding: list[str]
    exception: VettingException | None
    qualification: QualificationStatus
    supervision: SupervisionStatus
    training_gaps: int

    @property
    def cleared(self) -> bool:
        return not self.outstanding


def staff_overview(*, home: Home, as_of: datetime.date) -> list[StaffRow]:
    """Everyone on the books with their vetting, qualification, supervision and training gaps.

    A fixed number of queries whatever the number of staff.
    """
    members = list(staff_on_books(home=home, as_of=as_of))
    outstanding = vetting_outstanding_by_member(members)
    exceptions = vetting_exceptions_in_force(members, as_of)
    qualifications = qualification_statuses(members, as_of)
    supervision = supervision_statuses(members, as_of)
    courses = list(courses_for(home.provider))
    latest = latest_completions((m.pk for m in members), as_of)
    return [
        StaffRow(
            member=m,
            outstanding=outstanding[m.pk],
            exception=exceptions.get(m.pk),
            qualification=qualifications[m.pk],
            supervision=supervision[m.pk],
            training_gaps=sum(
                training_cell(m, c, latest.get((m.pk, c.pk)), as_of).state in (MISSING, EXPIRED) for c in courses
            ),
        )
        for m in members
    ]


def member_training(member: StaffMember, as_of: datetime.date) -> list[TrainingCell]:
    """The member's state in every course of the catalogue, mandatory first."""
    courses = list(courses_for(member.home.provider))
    latest = latest_completions([member.pk], as_of)
    cells = [training_cell(member, c, latest.get((member.pk, c.pk)), as_of) for c in courses]
    return sorted(cells, key=lambda c: (c.state == NOT_REQUIRED, c.course.title))


def shifts_between(*, home: Home, start: datetime.date, days: int) -> list[Shift]:
    """The rota from ``start`` for ``days`` days, cancelled shifts included (shown struck through)."""
    from django.utils import timezone

    tz = timezone.get_current_timezone()
    begin = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
    end = begin + datetime.timedelta(days=days)
    return list(
        home.shifts.filter(starts_at__gte=begin, starts_at__lt=end)
        .select_related("staff_member", "vetting_exception")
        .order_by("starts_at", "staff_member__last_name")
    )
