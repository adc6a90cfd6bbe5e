"""Complaints, allegations against staff, measures of control and notices about the home (declared
once: interchange/kinds.py). Who opened an allegation is not carried: that log stays where it was kept."""

from functools import partial

from hearth.allegations import services as allegations
from hearth.allegations.models import Allegation, StrategyMeeting
from hearth.complaints import services as complaints
from hearth.complaints.models import Complaint
from hearth.control import services as control
from hearth.control.models import ControlMeasure
from hearth.dataprotection import services as dataprotection
from hearth.dataprotection.models import RetentionDecision, SubjectAccessRequest
from hearth.interchange.kinds import DATE, DATETIME, NUMBER, SHORT, TEXT, Field, Link, RecordKind
from hearth.notices import services as notices
from hearth.notices.models import HomeNotice

# Records written elsewhere load as they were (``enforce_checks=False``: a complaint its subject
# investigated, a prohibited measure, a notice sent late): the rules find them, as an inspector would.
HOME = Link("home", "home")
CHILD_IF_ANY = Link("child", "child", required=False)

KINDS: tuple[RecordKind, ...] = (
    RecordKind(
        key="complaints",
        label="complaint",
        model=Complaint,
        links=(
            HOME,
            CHILD_IF_ANY,
            Link("about_staff", "staff", many=True),
            Link("investigator", "staff", required=False),
        ),
        fields=(
            Field("received_on", DATE),
            Field("complainant_kind", choices=tuple(Complaint.From.values)),
            Field("complainant_name", SHORT),
            Field("advocate", SHORT, required=False),
            Field("summary", TEXT),
            Field(
                "response_due",
                DATE,
                required=False,
                description="Worked out from the home's procedure if missing",
                derived=True,
            ),
            Field("actions", TEXT, required=False),
            Field("outcome", choices=(*Complaint.Outcome.values, ""), required=False),
            Field("response", TEXT, required=False),
            Field("responded_on", DATE, required=False),
            Field("satisfaction", choices=(*Complaint.Satisfied.values, ""), required=False),
            Field("recorded_by_name", SHORT),
        ),
        load=partial(complaints.complaint_record, enforce_checks=False),
        home_lookup="home_id",
        description="Complaints (Regulation 39), with their response once given.",
    ),
    RecordKind(
        key="allegations",
        label="allegation",
        model=Allegation,
        links=(HOME, Link("staff_member", "staff"), CHILD_IF_ANY),
        fields=(
            Field("received_at", DATETIME),
            Field("made_by", SHORT),
            Field("allegation", TEXT),
            Field("immediate_action", choices=tuple(Allegation.ImmediateAction.values)),
            Field("immediate_action_detail", TEXT, required=False),
            Field("lado_referred_at", DATETIME, required=False),
            Field("lado_name", SHORT, required=False),
            Field("lado_reference", SHORT, required=False),
            Field("lado_advice", TEXT, required=False),
            Field("outcome", choices=(*Allegation.Outcome.values, ""), required=False),
            Field("outcome_on", DATE, required=False),
            Field("outcome_detail", TEXT, required=False),
            Field("dbs_referral", choices=(*Allegation.DbsReferral.values, ""), required=False),
            Field("dbs_referred_on", DATE, required=False),
            Field("recorded_by_name", SHORT),
        ),
        load=partial(allegations.allegation_record, enforce_checks=False),
        home_lookup="home_id",
        description="Allegations against staff (Regulation 34): restricted records.",
    ),
    RecordKind(
        key="strategy_meetings",
        label="strategy meeting",
        model=StrategyMeeting,
        links=(Link("allegation", "allegations"),),
        fields=(
            Field("held_on", DATE),
            Field("attended_by", SHORT),
            Field("decisions", TEXT),
            Field("recorded_by_name", SHORT),
        ),
        load=allegations.strategy_meeting_record,
        home_lookup="allegation__home_id",
        description="Strategy and evaluation meetings about an allegation.",
    ),
    RecordKind(
        key="control_measures",
        label="measure of control",
        model=ControlMeasure,
        links=(Link("child", "child"), HOME),
        fields=(
            Field("kind", choices=tuple(ControlMeasure.Kind.values)),
            Field("at", DATETIME),
            Field("measure", TEXT),
            Field("reason", TEXT),
            Field("amount", NUMBER, required=False, description="Reparation, in pounds"),
            Field("ends", SHORT, required=False),
            Field("decided_by_name", SHORT),
            Field("child_view", TEXT, required=False),
            Field("child_view_recorded_at", DATETIME, required=False),
            Field("reviewed_at", DATETIME, required=False),
            Field("review_comment", TEXT, required=False),
            Field("recorded_by_name", SHORT),
        ),
        load=partial(control.control_measure_record, enforce_checks=False),
        home_lookup="home_id",
        description="Consequences, sanctions and restrictions of liberty (Regulations 19 and 20).",
    ),
    RecordKind(
        key="home_notices",
        label="notice about the home",
        model=HomeNotice,
        links=(HOME, Link("follows", "home_notices", required=False)),
        fields=(
            Field("kind", choices=tuple(HomeNotice.Kind.values)),
            Field("event_on", DATE),
            Field("expected_until", DATE, required=False),
            Field("details", TEXT),
            Field("arrangements", TEXT, required=False),
            Field("due_on", DATE, required=False, description="Worked out from Part 7 if missing", derived=True),
            Field("sent_on", DATE, required=False),
            Field("sent_reference", SHORT, required=False),
            Field("recorded_by_name", SHORT),
        ),
        load=partial(notices.home_notice_record, enforce_checks=False),
        home_lookup="home_id",
        description="Notices to Ofsted about the home (Regulations 48 and 49).",
    ),
    RecordKind(
        key="subject_access_requests",
        label="request to see records",
        model=SubjectAccessRequest,
        links=(HOME, CHILD_IF_ANY),
        fields=(
            Field("received_on", DATE),
            Field("requester_name", SHORT),
            Field("requester_kind", choices=tuple(SubjectAccessRequest.From.values)),
            Field("what", TEXT),
            Field("identity_checked_on", DATE, required=False),
            Field("due_on", DATE, required=False, description="A month from receipt if missing", derived=True),
            Field("extended_to", DATE, required=False),
            Field("extension_reason", TEXT, required=False),
            Field("responded_on", DATE, required=False),
            Field("response", TEXT, required=False),
            Field("recorded_by_name", SHORT),
        ),
        load=partial(dataprotection.subject_access_request_record, enforce_checks=False),
        home_lookup="home_id",
        description="Requests to see one's records (UK GDPR Article 15).",
    ),
    RecordKind(
        key="retention_decisions",
        label="retention decision",
        model=RetentionDecision,
        links=(HOME, CHILD_IF_ANY, Link("staff_member", "staff", required=False)),
        fields=(
            Field("decided_on", DATE),
            Field("decision", choices=tuple(RetentionDecision.Decision.values)),
            Field("reason", TEXT),
            Field("keep_until", DATE, required=False),
            Field("recorded_by_name", SHORT),
        ),
        load=dataprotection.retention_decision_record,
        home_lookup="home_id",
        description="The responsible individual's decisions on records past their keeping time.",
    ),
)
