"""Education: provision, PEP reviews, attendance, exclusions and action on absence. (declared once: interchange/kinds.py)."""

from hearth.education import services as education
from hearth.education.codes import CODES
from hearth.education.models import AbsenceAction, AttendanceMark, Exclusion, PepReview, Provision
from hearth.interchange.kinds import CHILD_AT_HOME, DATE, INTEGER, SHORT, TEXT, Field, RecordKind

KINDS: tuple[RecordKind, ...] = (
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
