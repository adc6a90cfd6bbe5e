"""The record kinds declared once (``interchange/kinds.py``), in the order a bundle loads them:
a kind links only to kinds above it. Adding a kind here gives it its schema, export and load."""

from typing import Any

from hearth.education import services as education
from hearth.education.codes import CODES
from hearth.education.models import AbsenceAction, AttendanceMark, Exclusion, PepReview, Provision
from hearth.interchange.kinds import BOOL, DATE, DATETIME, INTEGER, NUMBER, SHORT, TEXT, TIMES, Field, Link, RecordKind
from hearth.keywork import services as keywork
from hearth.keywork.models import Achievement, Goal, GoalUpdate, KeyWorkSession
from hearth.medicines import services as medicines
from hearth.medicines.models import DoseRecord, Prescription, RemedyConsent, StockEntry

CHILD_AT_HOME = (Link("child", "child"), Link("home", "home"))


def _dose(**kw: Any) -> DoseRecord:
    """Doses written elsewhere load as they were: the rules judge limits, witnesses and consent."""
    return medicines.dose_record(enforce_checks=False, **kw)


KINDS: tuple[RecordKind, ...] = (
    RecordKind(
        key="prescriptions",
        label="prescription",
        model=Prescription,
        links=CHILD_AT_HOME,
        fields=(
            Field("medicine", SHORT),
            Field("dose", SHORT),
            Field("route", choices=tuple(Prescription.Route.values)),
            Field("kind", choices=tuple(Prescription.Kind.values)),
            Field("times", TIMES, required=False, description="Regular medicines: the times of day, HH:MM"),
            Field("max_doses_per_day", INTEGER, required=False),
            Field("min_hours_between", NUMBER, required=False),
            Field("when_needed", SHORT, required=False),
            Field("controlled", BOOL),
            Field("starts_on", DATE),
            Field("ends_on", DATE, required=False),
            Field("prescriber", SHORT, required=False),
            Field("instructions", TEXT, required=False),
            Field("recorded_by_name", SHORT),
        ),
        load=medicines.prescription_record,
        home_lookup="home_id",
        description="Medicines on a child's medication administration record (MAR).",
    ),
    RecordKind(
        key="doses",
        label="dose",
        model=DoseRecord,
        links=(Link("prescription", "prescriptions"),),
        fields=(
            Field("outcome", choices=tuple(DoseRecord.Outcome.values)),
            Field("at", DATETIME),
            Field("scheduled_for", DATETIME, required=False, description="Regular medicines: the time it was due"),
            Field("reason", SHORT, required=False),
            Field("quantity", NUMBER),
            Field("given_by_name", SHORT),
            Field("witness_name", SHORT, required=False),
            Field("recorded_at", DATETIME),
        ),
        load=_dose,
        home_lookup="home_id",
        description="Entries on the MAR: each dose given, refused or not given.",
    ),
    RecordKind(
        key="stock_entries",
        label="stock entry",
        model=StockEntry,
        links=(Link("prescription", "prescriptions"),),
        fields=(
            Field("kind", choices=tuple(StockEntry.Kind.values)),
            Field("at", DATETIME),
            Field("quantity", NUMBER),
            Field("recorded_by_name", SHORT),
            Field("witness_name", SHORT),
        ),
        load=medicines.stock_entry_record,
        home_lookup="prescription__home_id",
        description="A controlled drug's stock received, returned or counted.",
    ),
    RecordKind(
        key="remedy_consents",
        label="consent for homely remedies",
        model=RemedyConsent,
        links=CHILD_AT_HOME,
        fields=(
            Field("given_by", SHORT),
            Field("remedies", SHORT),
            Field("given_on", DATE),
            Field("withdrawn_on", DATE, required=False),
            Field("recorded_by_name", SHORT),
        ),
        load=medicines.remedy_consent_record,
        home_lookup="home_id",
        description="Consent for homely remedies from someone with parental responsibility.",
    ),
    RecordKind(
        key="key_work_sessions",
        label="key-work session",
        model=KeyWorkSession,
        links=CHILD_AT_HOME,
        fields=(
            Field("topics", SHORT),
            Field("planned_for", DATE, required=False),
            Field("held_at", DATETIME, required=False),
            Field("what_was_done", TEXT, required=False),
            Field("child_words", TEXT, required=False, description="The child's own words"),
            Field("not_held_reason", SHORT, required=False),
            Field("worker_name", SHORT),
            Field("recorded_at", DATETIME, required=False),
        ),
        load=keywork.keywork_load,
        home_lookup="home_id",
        description="Key-work sessions, planned or held, with the child's own words.",
    ),
    RecordKind(
        key="goals",
        label="goal",
        model=Goal,
        links=CHILD_AT_HOME,
        fields=(
            Field("goal", SHORT),
            Field("child_words", TEXT, required=False),
            Field("set_on", DATE),
            Field("target_by", DATE, required=False),
            Field("recorded_by_name", SHORT),
        ),
        load=keywork.goal_set,
        home_lookup="home_id",
        description="The child's goals (their status follows from the progress recorded).",
    ),
    RecordKind(
        key="goal_progress",
        label="goal progress",
        model=GoalUpdate,
        links=(Link("goal", "goals"),),
        fields=(
            Field("on", DATE),
            Field("progress", choices=tuple(GoalUpdate.Progress.values)),
            Field("note", TEXT),
            Field("recorded_by_name", SHORT),
        ),
        load=keywork.goal_progress_record,
        home_lookup="goal__home_id",
        description="Progress towards a goal.",
    ),
    RecordKind(
        key="achievements",
        label="achievement",
        model=Achievement,
        links=CHILD_AT_HOME,
        fields=(
            Field("on", DATE),
            Field("area", choices=tuple(Achievement.Area.values)),
            Field("what", SHORT),
            Field("recorded_by_name", SHORT),
        ),
        load=keywork.achievement_record,
        home_lookup="home_id",
        description="What the child achieved.",
    ),
    RecordKind(
        key="education_provisions",
        label="school or provision",
        model=Provision,
        links=CHILD_AT_HOME,
        fields=(
            Field("name", SHORT),
            Field("kind", choices=tuple(Provision.Kind.values)),
            Field("designated_teacher", SHORT, required=False),
            Field("virtual_school_contact", SHORT, required=False),
            Field("hours_per_week", INTEGER, required=False),
            Field("starts_on", DATE),
            Field("ends_on", DATE, required=False),
            Field("recorded_by_name", SHORT),
        ),
        load=education.provision_record,
        home_lookup="home_id",
        description="Where the child is educated.",
    ),
    RecordKind(
        key="pep_reviews",
        label="PEP review",
        model=PepReview,
        links=CHILD_AT_HOME,
        fields=(
            Field("held_on", DATE),
            Field("attended_by", SHORT),
            Field("targets", TEXT),
            Field("child_views", TEXT, required=False),
            Field("recorded_by_name", SHORT),
        ),
        load=education.pep_review_record,
        home_lookup="home_id",
        description="Reviews of the child's Personal Education Plan.",
    ),
    RecordKind(
        key="attendance",
        label="attendance mark",
        model=AttendanceMark,
        links=CHILD_AT_HOME,
        fields=(
            Field("on", DATE),
            Field("session", choices=tuple(AttendanceMark.Session.values)),
            Field("code", choices=tuple(CODES), description="The official attendance code"),
            Field("recorded_by_name", SHORT),
        ),
        load=education.attendance_record,
        home_lookup="home_id",
        description="School register marks, one per session.",
    ),
    RecordKind(
        key="exclusions",
        label="suspension or exclusion",
        model=Exclusion,
        links=CHILD_AT_HOME,
        fields=(
            Field("kind", choices=tuple(Exclusion.Kind.values)),
            Field("starts_on", DATE),
            Field("ends_on", DATE, required=False),
            Field("reason", TEXT),
            Field("recorded_by_name", SHORT),
        ),
        load=education.exclusion_record,
        home_lookup="home_id",
        description="Suspensions and permanent exclusions.",
    ),
    RecordKind(
        key="absence_actions",
        label="action on missed education",
        model=AbsenceAction,
        links=CHILD_AT_HOME,
        fields=(Field("on", DATE), Field("action", TEXT), Field("recorded_by_name", SHORT)),
        load=education.absence_action_record,
        home_lookup="home_id",
        description="What the home did about missed education.",
    ),
)
