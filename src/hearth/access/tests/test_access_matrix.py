"""Every URL by every role by own home, other home and no membership.

The table says which roles may open each page of home A; everyone else must get 404 (or, for
the Reg 44 visitor without consent, 403 on a child's record). Every URL built for home B (another
provider's home) must answer 404 to all of them. A URL added without a row here fails the build.
"""

import datetime
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from hearth.access.checks import iter_patterns
from hearth.access.tests.factories import MembershipFactory
from hearth.admissions.tests.factories import referral_with_assessment
from hearth.annexa.tests.factories import conduct_records
from hearth.children.models import CaseRecordConsent
from hearth.children.services import child_photo_record
from hearth.children.tests.factories import PNG, PlacementFactory
from hearth.conftest import World, make_world, shared_records, signed_in_client
from hearth.family.tests.factories import family_records
from hearth.health.tests.factories import appointment_booked
from hearth.inspections.tests.factories import imported_inspection
from hearth.keywork.tests.factories import keywork_records
from hearth.medicines.tests.factories import medicine_records
from hearth.oversight.tests.factories import oversight_records
from hearth.records.tests.factories import home_records
from hearth.risk.tests.factories import care_records
from hearth.shift.tests.factories import shift_records
from hearth.staff.tests.factories import staffing_records

STAFF = {"support_worker", "senior", "deputy_manager", "registered_manager"}
MANAGERS = {"deputy_manager", "registered_manager"}
SHIFT_LEADS = {"senior", "deputy_manager", "registered_manager"}
RI = {"responsible_individual"}
REGISTERED_MANAGER = {"registered_manager"}
VISITOR = {"reg44_visitor"}
ALL_ROLES = [*sorted(STAFF), "reg44_visitor", "responsible_individual", "no_membership"]

# name -> (kwargs builder for a home's objects, roles allowed on home A, roles answered 403 on home A)
HOME_SCOPED: dict[str, tuple[Any, set[str], set[str]]] = {
    "homes:detail": (lambda w, h: {"home_id": h.public_id}, STAFF | RI | VISITOR, set()),
    "homes:history": (lambda w, h: {"home_id": h.public_id}, MANAGERS | RI, set()),
    "homes:provider": (lambda w, h: {"provider_id": h.provider.public_id}, RI, set()),
    "homes:new": (lambda w, h: {"provider_id": h.provider.public_id}, RI, set()),
    "homes:edit": (lambda w, h: {"home_id": h.public_id}, RI, set()),
    "homes:sop_new": (lambda w, h: {"home_id": h.public_id}, REGISTERED_MANAGER | RI, set()),
    "homes:location_new": (lambda w, h: {"home_id": h.public_id}, REGISTERED_MANAGER | RI, set()),
    "people:set_up_codes": (lambda w, h: {"home_id": h.public_id}, REGISTERED_MANAGER | RI, set()),
    "people:list": (lambda w, h: {"home_id": h.public_id}, REGISTERED_MANAGER | RI, set()),
    "people:invite": (lambda w, h: {"home_id": h.public_id}, REGISTERED_MANAGER | RI, set()),
    # A deputy's role and access, which the registered manager and the RI may change.
    "people:role": (
        lambda w, h: {"home_id": h.public_id, "membership_id": w.deputy_membership[h].public_id},
        REGISTERED_MANAGER | RI,
        set(),
    ),
    "people:end": (
        lambda w, h: {"home_id": h.public_id, "membership_id": w.deputy_membership[h].public_id},
        REGISTERED_MANAGER | RI,
        set(),
    ),
    "children:detail": (
        lambda w, h: {"home_id": h.public_id, "child_id": w.child_of[h].public_id},
        STAFF | RI,
        VISITOR,
    ),
    "children:history": (
        lambda w, h: {"home_id": h.public_id, "child_id": w.child_of[h].public_id},
        MANAGERS | RI,
        VISITOR,
    ),
    "children:edit": (lambda w, h: _child(w, h), MANAGERS | RI, VISITOR),
    "children:photo_new": (lambda w, h: _child(w, h), MANAGERS | RI, VISITOR),
    "children:photo": (lambda w, h: _child(w, h), STAFF | RI, VISITOR),
    "children:leaving": (lambda w, h: _child(w, h), REGISTERED_MANAGER | RI, VISITOR),
    "children:move": (lambda w, h: _child(w, h), RI, VISITOR),
    "children:consent": (lambda w, h: {"home_id": h.public_id, "child_id": w.child_of[h].public_id}, MANAGERS, VISITOR),
    # A second child, whose record the visitor may read (consent recorded): withdrawing is the manager's.
    "children:consent_withdraw": (
        lambda w, h: {"home_id": h.public_id, "child_id": w.consented_of[h].public_id},
        MANAGERS,
        set(),
    ),
    "staff:history": (lambda w, h: _staff(w, h), MANAGERS | RI, set()),
    # Staff files: managers, the RI and the Reg 44 visitor (Reg 44(4)(c)); the matrix for everyone.
    "staff:list": (lambda w, h: {"home_id": h.public_id}, MANAGERS | RI | VISITOR, set()),
    "staff:new": (lambda w, h: {"home_id": h.public_id}, MANAGERS, set()),
    "staff:import": (lambda w, h: {"home_id": h.public_id}, MANAGERS, set()),
    "staff:detail": (lambda w, h: _staff(w, h), MANAGERS | RI | VISITOR, set()),
    "staff:vetting_record": (lambda w, h: _staff(w, h, kind="dbs"), MANAGERS, set()),
    "staff:vetting_withdraw": (
        lambda w, h: _staff(w, h, check_id=w.staffing[h].check.public_id),
        MANAGERS,
        set(),
    ),
    "staff:dbs_update": (lambda w, h: _staff(w, h), MANAGERS, set()),
    "staff:exception": (lambda w, h: _staff(w, h), REGISTERED_MANAGER, set()),
    "staff:qualification_new": (lambda w, h: _staff(w, h), MANAGERS, set()),
    "staff:qualification_achieved": (
        lambda w, h: _staff(w, h, qualification_id=w.staffing[h].qualification.public_id),
        MANAGERS,
        set(),
    ),
    "staff:deferral_new": (lambda w, h: _staff(w, h), MANAGERS, set()),
    "staff:training_new": (lambda w, h: _staff(w, h), MANAGERS, set()),
    "staff:certificate": (
        lambda w, h: _staff(w, h, completion_id=w.staffing[h].completion.public_id),
        MANAGERS | RI | VISITOR,
        set(),
    ),
    "staff:supervision_new": (lambda w, h: _staff(w, h), MANAGERS, set()),
    "staff:matrix": (lambda w, h: {"home_id": h.public_id}, STAFF | RI | VISITOR, set()),
    "staff:rota": (lambda w, h: {"home_id": h.public_id}, STAFF | RI, set()),
    "staff:shift_new": (lambda w, h: {"home_id": h.public_id}, MANAGERS, set()),
    "staff:shift_cancel": (
        lambda w, h: {"home_id": h.public_id, "shift_id": w.staffing[h].shift.public_id},
        MANAGERS,
        set(),
    ),
    "staff:catalogue": (lambda w, h: {"provider_id": h.provider.public_id}, RI, set()),
    "staff:course_new": (lambda w, h: {"provider_id": h.provider.public_id}, RI, set()),
    "staff:course_edit": (lambda w, h: {"provider_id": h.provider.public_id, "code": "safeguarding"}, RI, set()),
    # The daily record: part of children's case records, so not for the Reg 44 visitor.
    "records:log": (lambda w, h: {"home_id": h.public_id}, STAFF | RI, set()),
    "records:log_new": (lambda w, h: {"home_id": h.public_id}, STAFF, set()),
    "records:entry": (
        lambda w, h: {"home_id": h.public_id, "entry_id": w.records[h].entry.public_id},
        STAFF | RI,
        set(),
    ),
    "records:addendum": (lambda w, h: {"home_id": h.public_id, "entry_id": w.records[h].entry.public_id}, STAFF, set()),
    # Voiding a record saved twice: the registered manager alone (Reg 36), never a deputy.
    "records:entry_void": (
        lambda w, h: {"home_id": h.public_id, "entry_id": w.records[h].entry.public_id},
        REGISTERED_MANAGER,
        set(),
    ),
    "incidents:void": (
        lambda w, h: {"home_id": h.public_id, "incident_id": w.records[h].missing.incident.public_id},
        REGISTERED_MANAGER,
        set(),
    ),
    "records:concern": (lambda w, h: {"home_id": h.public_id, "entry_id": w.records[h].entry.public_id}, STAFF, set()),
    "records:concern_incident": (
        lambda w, h: {"home_id": h.public_id, "entry_id": w.records[h].entry.public_id},
        STAFF,
        set(),
    ),
    "records:outings": (lambda w, h: {"home_id": h.public_id}, STAFF | RI, set()),
    "records:outing_new": (lambda w, h: {"home_id": h.public_id}, STAFF, set()),
    "records:chronology": (
        lambda w, h: {"home_id": h.public_id, "child_id": w.child_of[h].public_id},
        STAFF | RI,
        VISITOR,
    ),
    # Incident, restraint, missing and visitor records: records of the home the Reg 44 visitor may read.
    "incidents:list": (lambda w, h: {"home_id": h.public_id}, STAFF | RI | VISITOR, set()),
    "incidents:new": (lambda w, h: {"home_id": h.public_id}, STAFF, set()),
    "incidents:addendum": (
        lambda w, h: {"home_id": h.public_id, "incident_id": w.records[h].missing.incident.public_id},
        STAFF,
        set(),
    ),
    "incidents:detail": (
        lambda w, h: {"home_id": h.public_id, "incident_id": w.records[h].missing.incident.public_id},
        STAFF | RI | VISITOR,
        set(),
    ),
    "incidents:notify": (
        lambda w, h: {"home_id": h.public_id, "incident_id": w.records[h].missing.incident.public_id},
        MANAGERS,
        set(),
    ),
    "incidents:missing_update": (
        lambda w, h: {"home_id": h.public_id, "incident_id": w.records[h].missing.incident.public_id},
        STAFF,
        set(),
    ),
    "incidents:missing_new": (lambda w, h: {"home_id": h.public_id}, STAFF, set()),
    "incidents:restraint_new": (lambda w, h: {"home_id": h.public_id}, STAFF, set()),
    "visitors:list": (lambda w, h: {"home_id": h.public_id}, STAFF | RI | VISITOR, set()),
    "visitors:new": (lambda w, h: {"home_id": h.public_id}, STAFF, set()),
    "visitors:detail": (
        lambda w, h: {"home_id": h.public_id, "visitor_id": w.records[h].visitor.public_id},
        STAFF | RI | VISITOR,
        set(),
    ),
    "visitors:visit": (
        lambda w, h: {"home_id": h.public_id, "visitor_id": w.records[h].visitor.public_id},
        STAFF,
        set(),
    ),
    "visitors:dbs": (
        lambda w, h: {"home_id": h.public_id, "visitor_id": w.records[h].visitor.public_id},
        MANAGERS,
        set(),
    ),
    "visitors:risk_assessment": (
        lambda w, h: {"home_id": h.public_id, "visitor_id": w.records[h].visitor.public_id},
        MANAGERS,
        set(),
    ),
    "search:home": (lambda w, h: {"home_id": h.public_id}, STAFF | RI, set()),
    # Medicines: part of the child's case record; given by staff, entered by a senior or a manager.
    "medicines:mar": (lambda w, h: _child(w, h), STAFF | RI, VISITOR),
    "medicines:prescription_new": (lambda w, h: _child(w, h), SHIFT_LEADS, VISITOR),
    "medicines:consent_new": (lambda w, h: _child(w, h), SHIFT_LEADS, VISITOR),
    "medicines:stop": (
        lambda w, h: _child(w, h, prescription_id=w.medicines[h].regular.public_id),
        SHIFT_LEADS,
        VISITOR,
    ),
    "medicines:dose": (lambda w, h: _child(w, h, prescription_id=w.medicines[h].as_needed.public_id), STAFF, VISITOR),
    # Key work, goals and education: the child's case record; written by staff.
    "keywork:child": (lambda w, h: _child(w, h), STAFF | RI, VISITOR),
    "keywork:plan": (lambda w, h: _child(w, h), STAFF, VISITOR),
    "keywork:record": (lambda w, h: _child(w, h), STAFF, VISITOR),
    "keywork:goal_new": (lambda w, h: _child(w, h), STAFF, VISITOR),
    "keywork:goal_progress": (lambda w, h: _child(w, h, goal_id=w.keywork[h].goal.public_id), STAFF, VISITOR),
    "keywork:achievement_new": (lambda w, h: _child(w, h), STAFF, VISITOR),
    "health:child": (lambda w, h: _child(w, h), STAFF | RI, VISITOR),
    "health:registration_new": (lambda w, h: _child(w, h), STAFF, VISITOR),
    "health:condition_new": (lambda w, h: _child(w, h), STAFF, VISITOR),
    "health:consent_holder_new": (lambda w, h: _child(w, h), STAFF, VISITOR),
    "health:assessment_new": (lambda w, h: _child(w, h), STAFF, VISITOR),
    "health:appointment_new": (lambda w, h: _child(w, h), STAFF, VISITOR),
    "health:service_new": (lambda w, h: _child(w, h), STAFF, VISITOR),
    "health:accident_new": (lambda w, h: _child(w, h), STAFF, VISITOR),
    "health:appointment_outcome": (lambda w, h: _child(w, h, appointment_id=w.health[h].public_id), STAFF, VISITOR),
    "family:child": (lambda w, h: _child(w, h), STAFF | RI, VISITOR),
    "family:plan_new": (lambda w, h: _child(w, h), MANAGERS, VISITOR),
    "family:time_new": (lambda w, h: _child(w, h, plan_id=w.family[h].plan.public_id), STAFF, VISITOR),
    "family:time_outcome": (lambda w, h: _child(w, h, time_id=w.family[h].time.public_id), STAFF, VISITOR),
    "family:money_new": (lambda w, h: _child(w, h), STAFF, VISITOR),
    "family:count_new": (lambda w, h: _child(w, h), STAFF, VISITOR),
    "education:child": (lambda w, h: _child(w, h), STAFF | RI, VISITOR),
    "education:provision_new": (lambda w, h: _child(w, h), STAFF, VISITOR),
    "education:pep_new": (lambda w, h: _child(w, h), STAFF, VISITOR),
    "education:attendance_new": (lambda w, h: _child(w, h), STAFF, VISITOR),
    "education:exclusion_new": (lambda w, h: _child(w, h), STAFF, VISITOR),
    "education:action_new": (lambda w, h: _child(w, h), STAFF, VISITOR),
    "medicines:stock": (lambda w, h: _child(w, h, prescription_id=w.medicines[h].controlled.public_id), STAFF, VISITOR),
    "shift:page": (lambda w, h: {"home_id": h.public_id}, STAFF, set()),
    "shift:handover_new": (lambda w, h: {"home_id": h.public_id}, STAFF, set()),
    "oversight:queue": (lambda w, h: {"home_id": h.public_id}, MANAGERS, set()),
    "oversight:findings": (lambda w, h: {"home_id": h.public_id}, MANAGERS | RI, set()),
    "oversight:mock_inspection": (lambda w, h: {"home_id": h.public_id}, MANAGERS | RI, set()),
    "oversight:mock_inspection_pdf": (lambda w, h: {"home_id": h.public_id}, MANAGERS | RI, set()),
    "oversight:reg44_pdf": (lambda w, h: _visit(w, h), MANAGERS | RI | VISITOR, set()),
    "oversight:reg45_pdf": (lambda w, h: _review(w, h), MANAGERS | RI, set()),
    "records:chronology_pdf": (lambda w, h: _child(w, h), STAFF | RI, VISITOR),
    "incidents:notification_pdf": (
        lambda w, h: {"home_id": h.public_id, "incident_id": w.records[h].missing.incident.public_id},
        STAFF | RI | VISITOR,
        set(),
    ),
    "oversight:dashboard": (lambda w, h: {"home_id": h.public_id}, MANAGERS | RI, set()),
    # Actions: owned by leadership; the Reg 44 visitor follows them up (Reg 44(4)).
    "oversight:action_list": (lambda w, h: {"home_id": h.public_id}, MANAGERS | RI | VISITOR, set()),
    "oversight:action_new": (lambda w, h: {"home_id": h.public_id}, MANAGERS | RI, set()),
    "oversight:action_detail": (lambda w, h: _action(w, h), MANAGERS | RI | VISITOR, set()),
    "oversight:action_update": (lambda w, h: _action(w, h), MANAGERS | RI, set()),
    "oversight:action_complete": (lambda w, h: _action(w, h), MANAGERS | RI, set()),
    "oversight:action_reopen": (lambda w, h: _action(w, h), MANAGERS | RI, set()),
    # Regulation 44: written only by the independent visitor; read by leadership.
    "oversight:reg44_list": (lambda w, h: {"home_id": h.public_id}, MANAGERS | RI | VISITOR, set()),
    "oversight:reg44_new": (lambda w, h: {"home_id": h.public_id}, VISITOR, set()),
    "oversight:reg44_detail": (lambda w, h: _visit(w, h), MANAGERS | RI | VISITOR, set()),
    "oversight:reg44_edit": (lambda w, h: _visit(w, h, draft=True), VISITOR, set()),
    "oversight:reg44_recommendation": (lambda w, h: _visit(w, h, draft=True), VISITOR, set()),
    "oversight:reg44_distribution": (lambda w, h: _visit(w, h), MANAGERS | RI | VISITOR, set()),
    # Regulation 45: the registered person's review.
    "oversight:reg45_list": (lambda w, h: {"home_id": h.public_id}, MANAGERS | RI, set()),
    "oversight:reg45_new": (lambda w, h: {"home_id": h.public_id}, MANAGERS | RI, set()),
    "oversight:reg45_detail": (lambda w, h: _review(w, h), MANAGERS | RI, set()),
    "oversight:reg45_edit": (lambda w, h: _review(w, h), MANAGERS | RI, set()),
    "oversight:reg45_complete": (lambda w, h: _review(w, h), MANAGERS | RI, set()),
    "oversight:reg45_sent": (lambda w, h: _review(w, h), MANAGERS | RI, set()),
    "oversight:reg45_action": (lambda w, h: _review(w, h), MANAGERS | RI, set()),
    # Risk assessments are part of the child's case record.
    "risk:overview": (lambda w, h: _child(w, h), STAFF | RI, VISITOR),
    "risk:print": (lambda w, h: _child(w, h), STAFF | RI, VISITOR),
    "risk:history": (lambda w, h: _child(w, h), STAFF | RI, VISITOR),
    "risk:version": (lambda w, h: _child(w, h, number=1), STAFF | RI, VISITOR),
    "risk:summary": (lambda w, h: _child(w, h, number=2), STAFF, VISITOR),
    "risk:item_new": (lambda w, h: _child(w, h, number=2), STAFF, VISITOR),
    "risk:item_edit": (lambda w, h: _child(w, h, number=2, domain="missing"), STAFF, VISITOR),
    "children:placement_plan": (lambda w, h: _child(w, h), MANAGERS, VISITOR),
    # Referrals: a child's details before they live here, for managers and the RI.
    "admissions:list": (lambda w, h: {"home_id": h.public_id}, MANAGERS | RI, set()),
    "admissions:new": (lambda w, h: {"home_id": h.public_id}, MANAGERS, set()),
    "admissions:detail": (lambda w, h: _referral(w, h), MANAGERS | RI, set()),
    "admissions:impact_edit": (lambda w, h: _referral(w, h), MANAGERS, set()),
    "admissions:section_edit": (
        lambda w, h: _referral(w, h, section_id=w.referrals[h].impact_assessment.residents.get().public_id),
        MANAGERS,
        set(),
    ),
    "admissions:admit": (lambda w, h: _referral(w, h), MANAGERS | RI, set()),
    # Ofsted inspections: read by those who act on them and the visitor; imported by leadership.
    "inspections:list": (lambda w, h: {"home_id": h.public_id}, MANAGERS | RI | VISITOR, set()),
    "inspections:detail": (
        lambda w, h: {"home_id": h.public_id, "inspection_id": w.inspections[h].public_id},
        MANAGERS | RI | VISITOR,
        set(),
    ),
    "inspections:upload": (lambda w, h: {"home_id": h.public_id}, MANAGERS | RI, set()),
    # Complaints: any of the staff takes one down; the managers and the RI read and answer them.
    "complaints:list": (lambda w, h: {"home_id": h.public_id}, MANAGERS | RI, set()),
    "complaints:new": (lambda w, h: {"home_id": h.public_id}, STAFF | RI, set()),
    "complaints:detail": (lambda w, h: _conduct(w, h, "complaint"), MANAGERS | RI, set()),
    "complaints:investigator": (lambda w, h: _conduct(w, h, "complaint"), MANAGERS | RI, set()),
    "complaints:response": (lambda w, h: _conduct(w, h, "complaint"), MANAGERS | RI, set()),
    # Allegations against staff (Reg 34): the registered manager and the RI only; a deputy, a senior
    # and the visitor get 404, and so does the person named to read it who no longer reaches the home.
    "allegations:list": (lambda w, h: {"home_id": h.public_id}, REGISTERED_MANAGER | RI, set()),
    "allegations:new": (lambda w, h: {"home_id": h.public_id}, REGISTERED_MANAGER | RI, set()),
    "allegations:detail": (lambda w, h: _conduct(w, h, "allegation"), REGISTERED_MANAGER | RI, set()),
    "allegations:lado": (lambda w, h: _conduct(w, h, "allegation"), REGISTERED_MANAGER | RI, set()),
    "allegations:meeting": (lambda w, h: _conduct(w, h, "allegation"), REGISTERED_MANAGER | RI, set()),
    "allegations:outcome": (lambda w, h: _conduct(w, h, "allegation"), REGISTERED_MANAGER | RI, set()),
    "allegations:reader_new": (lambda w, h: _conduct(w, h, "allegation"), REGISTERED_MANAGER | RI, set()),
    # Measures of control: the staff record them, managers review them, the RI reads them.
    "control:list": (lambda w, h: {"home_id": h.public_id}, STAFF | RI, set()),
    "control:new": (lambda w, h: {"home_id": h.public_id}, STAFF, set()),
    "control:detail": (lambda w, h: _conduct(w, h, "measure"), STAFF | RI, set()),
    "control:child_view": (lambda w, h: _conduct(w, h, "measure"), STAFF, set()),
    "control:review": (lambda w, h: _conduct(w, h, "measure"), MANAGERS, set()),
    # Notices about the home: the registered person's (the registered manager and the RI).
    "notices:list": (lambda w, h: {"home_id": h.public_id}, MANAGERS | RI, set()),
    "notices:new": (lambda w, h: {"home_id": h.public_id}, REGISTERED_MANAGER | RI, set()),
    "notices:sent": (lambda w, h: _conduct(w, h, "notice"), REGISTERED_MANAGER | RI, set()),
    "notices:manager_return": (lambda w, h: _conduct(w, h, "notice"), REGISTERED_MANAGER | RI, set()),
    # Annex A names every child and holds the allegations: the registered manager and the RI.
    "annexa:page": (lambda w, h: {"home_id": h.public_id}, REGISTERED_MANAGER | RI, set()),
    "annexa:spreadsheet": (lambda w, h: {"home_id": h.public_id}, REGISTERED_MANAGER | RI, set()),
    "annexa:pdf": (lambda w, h: {"home_id": h.public_id}, REGISTERED_MANAGER | RI, set()),
    # Records law: requests to see records for the registered persons; retention decisions the RI's.
    "dataprotection:requests": (lambda w, h: {"home_id": h.public_id}, REGISTERED_MANAGER | RI, set()),
    "dataprotection:request_new": (lambda w, h: {"home_id": h.public_id}, REGISTERED_MANAGER | RI, set()),
    "dataprotection:request_extend": (lambda w, h: _conduct(w, h, "request"), REGISTERED_MANAGER | RI, set()),
    "dataprotection:request_answer": (lambda w, h: _conduct(w, h, "request"), REGISTERED_MANAGER | RI, set()),
    "dataprotection:records_due": (lambda w, h: {"home_id": h.public_id}, REGISTERED_MANAGER | RI, set()),
    "dataprotection:decide": (
        lambda w, h: {"home_id": h.public_id, "kind": "staff", "record_id": w.conduct[h].old_staff.public_id},
        RI,
        set(),
    ),
}
# Actions that accept only POST: allowed roles are redirected back after acting; others get 404.
POST_ONLY: dict[str, tuple[Any, set[str]]] = {
    # A set-up code for the home's deputy manager (home B: a deputy there).
    "people:set_up_code_issue": (
        lambda w, h: {"home_id": h.public_id, "membership_id": w.deputy_membership[h].public_id},
        REGISTERED_MANAGER | RI,
    ),
    "incidents:review": (
        lambda w, h: {"home_id": h.public_id, "incident_id": w.records[h].missing.incident.public_id},
        MANAGERS,
    ),
    "incidents:missing_action": (
        lambda w, h: {"home_id": h.public_id, "incident_id": w.records[h].missing.incident.public_id},
        STAFF,
    ),
    "incidents:restraint_sign": (
        lambda w, h: {"home_id": h.public_id, "intervention_id": w.records[h].intervention.public_id},
        MANAGERS,
    ),
    "incidents:restraint_child": (
        lambda w, h: {"home_id": h.public_id, "intervention_id": w.records[h].intervention.public_id},
        MANAGERS,
    ),
    "people:withdraw": (
        lambda w, h: {"home_id": h.public_id, "invitation_id": w.shift[h][2].invitation.public_id},
        REGISTERED_MANAGER | RI,
    ),
    "people:reset": (
        lambda w, h: {"home_id": h.public_id, "membership_id": w.deputy_membership[h].public_id},
        REGISTERED_MANAGER | RI,
    ),
    "shift:handover_acknowledge": (
        lambda w, h: {"home_id": h.public_id, "handover_id": w.shift[h][0].public_id},
        {"senior"} | MANAGERS,
    ),
    "visitors:sign_out": (lambda w, h: {"home_id": h.public_id, "visit_id": w.shift[h][1].public_id}, STAFF),
    "oversight:sign_logs": (lambda w, h: {"home_id": h.public_id}, MANAGERS),
    "oversight:sign_log": (lambda w, h: {"home_id": h.public_id, "entry_id": w.records[h].entry.public_id}, MANAGERS),
    "risk:start": (lambda w, h: _child(w, h), STAFF),
    "medicines:given": (lambda w, h: _child(w, h, prescription_id=w.medicines[h].regular.public_id), STAFF),
    "risk:check": (lambda w, h: _child(w, h, number=2), STAFF),
    "records:entry_check": (lambda w, h: {"home_id": h.public_id}, STAFF),
    "risk:item_remove": (lambda w, h: _child(w, h, number=2, domain="missing"), STAFF),
    "risk:approve": (lambda w, h: _child(w, h, number=2), MANAGERS),
    "admissions:impact_start": (lambda w, h: _referral(w, h), MANAGERS),
    "admissions:impact_approve": (lambda w, h: _referral(w, h), MANAGERS),
    "admissions:withdraw": (lambda w, h: _referral(w, h), MANAGERS),
    "staff:catalogue_start": (lambda w, h: {"provider_id": h.provider.public_id}, RI),
    "oversight:reg44_submit": (lambda w, h: _visit(w, h, draft=True), VISITOR),
    "inspections:confirm": (lambda w, h: {"home_id": h.public_id}, MANAGERS | RI),
    "oversight:finding_acknowledge": (lambda w, h: {"home_id": h.public_id}, MANAGERS | RI),
    "allegations:reader_withdraw": (
        lambda w, h: _conduct(w, h, "allegation", reader_id=w.conduct[h].reader.public_id),
        REGISTERED_MANAGER | RI,
    ),
}
# POST actions on a child's record answer the Reg 44 visitor without consent 403, like its pages.
POST_FORBIDDEN = {name: VISITOR for name in POST_ONLY if name.startswith(("risk:", "medicines:"))}
# The htmx text check answers with a fragment, not a redirect.
# A confirmation without a valid signed preview answers the upload page again, with the reason.
POST_OK_STATUS = {
    "risk:check": 200,
    "records:entry_check": 200,
    "inspections:confirm": 200,
    "people:set_up_code_issue": 200,
    "people:reset": 200,
}
POST_DATA = {
    "comment": "Checked with staff.",
    "kind": "searched",
    "at": "2026-01-01T10:00",
    "description": "Searched the park.",
}
# Pages about the signed-in person rather than a home: every role may open them.
PERSONAL = {
    "core:start",
    "access:sign_in",
    "access:sign_out",
    "access:two_factor",
    "access:two_factor_setup",
    "notifications:list",
    "notifications:mail",
}


def _child(w: Any, h: Any, **extra: Any) -> dict[str, Any]:
    return {"home_id": h.public_id, "child_id": w.child_of[h].public_id, **extra}


def _staff(w: Any, h: Any, **extra: Any) -> dict[str, Any]:
    return {"home_id": h.public_id, "staff_id": w.staff_of[h].public_id, **extra}


def _action(w: Any, h: Any) -> dict[str, Any]:
    return {"home_id": h.public_id, "action_id": w.oversight[h].action.public_id}


def _visit(w: Any, h: Any, draft: bool = False) -> dict[str, Any]:
    visit = w.oversight[h].draft_visit if draft else w.oversight[h].visit
    return {"home_id": h.public_id, "visit_id": visit.public_id}


def _review(w: Any, h: Any) -> dict[str, Any]:
    return {"home_id": h.public_id, "review_id": w.oversight[h].review.public_id}


def _conduct(w: Any, h: Any, kind: str, **extra: Any) -> dict[str, Any]:
    return {"home_id": h.public_id, f"{kind}_id": getattr(w.conduct[h], kind).public_id, **extra}


def _referral(w: Any, h: Any, **extra: Any) -> dict[str, Any]:
    return {"home_id": h.public_id, "referral_id": w.referrals[h].public_id, **extra}


def consented_child(home: Any) -> Any:
    """A child living at the home whose record the Reg 44 visitor may read."""
    day = timezone.localdate() - datetime.timedelta(days=30)
    child = PlacementFactory(home=home, admitted_on=day).child
    CaseRecordConsent.objects.create(
        child=child,
        home=home,
        child_consented_on=day,
        placing_authority_consented_on=day,
        placing_authority_contact="SW",
    )
    return child


def build_matrix_world(world: World) -> World:
    """Every kind of record at both homes, for the URLs' ids."""
    world.child_of = {world.home_a: world.child_a, world.home_b: world.child_b}  # type: ignore[attr-defined]
    world.staff_of = {world.home_a: world.staff_a, world.home_b: world.staff_b}  # type: ignore[attr-defined]
    world.records = {  # type: ignore[attr-defined]
        world.home_a: home_records(world.home_a, world.child_a, world.staff_a),
        world.home_b: home_records(world.home_b, world.child_b, world.staff_b),
    }
    for home, child in world.child_of.items():  # type: ignore[attr-defined]
        care_records(child, home)
        child_photo_record(actor=None, child=child, photo=SimpleUploadedFile("p.png", PNG, content_type="image/png"))
    world.referrals = {h: referral_with_assessment(h) for h in (world.home_a, world.home_b)}  # type: ignore[attr-defined]
    world.staffing = {h: staffing_records(world.staff_of[h]) for h in (world.home_a, world.home_b)}  # type: ignore[attr-defined]
    world.oversight = {h: oversight_records(h, world.staff_of[h]) for h in (world.home_a, world.home_b)}  # type: ignore[attr-defined]
    world.inspections = {h: imported_inspection(h) for h in (world.home_a, world.home_b)}  # type: ignore[attr-defined]
    world.deputy_membership = {  # type: ignore[attr-defined]
        world.home_a: world.users["deputy_manager"].memberships.get(),
        world.home_b: MembershipFactory(role="deputy_manager", home=world.home_b),
    }
    world.medicines = {h: medicine_records(h, world.child_of[h]) for h in (world.home_a, world.home_b)}  # type: ignore[attr-defined]
    world.keywork = {h: keywork_records(h, world.child_of[h]) for h in (world.home_a, world.home_b)}  # type: ignore[attr-defined]
    world.health = {h: appointment_booked(h, world.child_of[h]) for h in (world.home_a, world.home_b)}  # type: ignore[attr-defined]
    world.family = {h: family_records(h, world.child_of[h]) for h in (world.home_a, world.home_b)}  # type: ignore[attr-defined]
    world.shift = {h: shift_records(h, world.records[h].visitor) for h in (world.home_a, world.home_b)}  # type: ignore[attr-defined]
    world.conduct = {  # type: ignore[attr-defined]
        h: conduct_records(h, world.child_of[h], world.staff_of[h], world.users["no_membership"])  # type: ignore[attr-defined]
        for h in (world.home_a, world.home_b)
    }
    # Last, so that the impact assessments above weigh only the first child.
    world.consented_of = {h: consented_child(h) for h in (world.home_a, world.home_b)}  # type: ignore[attr-defined]
    return world


@pytest.fixture(scope="module")
def matrix_records(django_db_setup: Any, django_db_blocker: Any) -> Iterator[World]:
    """Built once for the module's 1,500 requests (each test's writes are rolled back after it)."""
    with shared_records(django_db_blocker):
        yield build_matrix_world(make_world())


@pytest.fixture
def matrix_world(matrix_records: World, db: Any) -> World:
    return matrix_records


@pytest.fixture
def client_for(matrix_world: World) -> Any:
    """A signed-in, second-factor verified client for a role in the shared world."""
    return lambda role: signed_in_client(matrix_world.users[role])


# Pages a link opens for someone not yet signed in, found only by the secret in their address.
BY_SECRET_LINK = {"access:invitation"}
# Pages for an administrator (a superuser) only: every role answered 404.
ADMINISTRATOR_ONLY = {"homes:set_up"}


def test_every_url_is_in_the_matrix() -> None:
    names = {name for _, name, p in iter_patterns() if p.callback.__module__.startswith("hearth.")}
    assert names == set(HOME_SCOPED) | set(POST_ONLY) | PERSONAL | BY_SECRET_LINK | ADMINISTRATOR_ONLY


@pytest.mark.parametrize("name", sorted(ADMINISTRATOR_ONLY))
@pytest.mark.parametrize("role", ALL_ROLES)
def test_administrator_pages_are_404_to_every_role(matrix_world: World, client_for: Any, name: str, role: str) -> None:
    assert client_for(role).get(reverse(name)).status_code == 404


@pytest.mark.parametrize("role", [*ALL_ROLES, "anonymous"])
def test_an_invitation_link_opens_only_with_its_secret(matrix_world: World, client_for: Any, role: str) -> None:
    from django.test import Client

    client = Client() if role == "anonymous" else client_for(role)
    guessed = reverse("access:invitation", kwargs={"token": "not-a-real-token"})
    assert client.get(guessed).status_code == 410
    link = matrix_world.shift[matrix_world.home_a][2].link
    assert client.get(urlsplit(link).path).status_code == 200


@pytest.mark.parametrize("name", sorted(POST_ONLY))
@pytest.mark.parametrize("role", ALL_ROLES)
def test_post_only_actions(matrix_world: World, client_for: Any, name: str, role: str) -> None:
    build, allowed = POST_ONLY[name]
    denied = 403 if role in POST_FORBIDDEN.get(name, set()) else 404
    client = client_for(role)
    own = reverse(name, kwargs=build(matrix_world, matrix_world.home_a))
    other = reverse(name, kwargs=build(matrix_world, matrix_world.home_b))
    assert client.get(own).status_code == (405 if role in allowed else denied)
    assert client.post(own, POST_DATA).status_code == (POST_OK_STATUS.get(name, 302) if role in allowed else denied)
    assert client.post(other, POST_DATA).status_code == 404


@pytest.mark.parametrize("name", sorted(HOME_SCOPED))
@pytest.mark.parametrize("role", ALL_ROLES)
def test_own_home(matrix_world: World, client_for: Any, name: str, role: str) -> None:
    build, allowed, forbidden = HOME_SCOPED[name]
    url = reverse(name, kwargs=build(matrix_world, matrix_world.home_a))
    response = client_for(role).get(url)
    expected = 200 if role in allowed else 403 if role in forbidden else 404
    assert response.status_code == expected, f"{role} on {url}: {response.status_code}, expected {expected}"
    if response.status_code == 200 and "text/html" in response["Content-Type"]:
        assert_every_form_is_sent_once(response.content.decode(), url)


def assert_every_form_is_sent_once(page: str, url: str) -> None:
    """Every form on the page that posts carries its one-time key (core/submissions.py), except one
    whose every press should count (``data-every-press-counts``: a new set-up code withdraws the last)."""
    for form in re.findall(r"<form\b[^>]*method=\"post\".*?</form>", page, flags=re.S | re.I):
        if "data-every-press-counts" in form.split(">", 1)[0]:
            continue
        assert 'name="submission_key"' in form, f"a form on {url} posts without a one-time key: {form[:200]}"


@pytest.mark.parametrize("name", sorted(HOME_SCOPED))
@pytest.mark.parametrize("role", ALL_ROLES)
def test_other_home_is_404(matrix_world: World, client_for: Any, name: str, role: str) -> None:
    build, _, _ = HOME_SCOPED[name]
    url = reverse(name, kwargs=build(matrix_world, matrix_world.home_b))
    assert client_for(role).get(url).status_code == 404


@pytest.mark.parametrize("name", ["children:detail", "children:history", "children:consent"])
@pytest.mark.parametrize("role", ALL_ROLES)
def test_other_homes_child_under_own_home_is_404(matrix_world: World, client_for: Any, name: str, role: str) -> None:
    url = reverse(name, kwargs={"home_id": matrix_world.home_a.public_id, "child_id": matrix_world.child_b.public_id})
    assert client_for(role).get(url).status_code == 404


@pytest.mark.parametrize("name", sorted(HOME_SCOPED))
def test_anonymous_is_sent_to_sign_in(matrix_world: World, client: Any, name: str) -> None:
    build, _, _ = HOME_SCOPED[name]
    response = client.get(reverse(name, kwargs=build(matrix_world, matrix_world.home_a)))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("access:sign_in"))


@pytest.mark.parametrize("name", sorted(PERSONAL))
@pytest.mark.parametrize("role", ALL_ROLES)
def test_personal_pages_open_for_every_role(matrix_world: World, client_for: Any, name: str, role: str) -> None:
    status = client_for(role).get(reverse(name)).status_code
    assert status in {200, 302}, f"{role} on {name}: {status}"


def test_reg44_visitor_reads_case_record_only_with_consent(matrix_world: World, client_for: Any) -> None:
    w = matrix_world
    url = reverse("children:detail", kwargs={"home_id": w.home_a.public_id, "child_id": w.child_a.public_id})
    visitor = client_for("reg44_visitor")
    denied = visitor.get(url)
    assert denied.status_code == 403
    assert b"Regulation 44(4)(c)" in denied.content
    CaseRecordConsent.objects.create(
        child=w.child_a,
        home=w.home_a,
        child_consented_on="2026-01-01",
        placing_authority_consented_on="2026-01-02",
        placing_authority_contact="Social worker",
    )
    assert visitor.get(url).status_code == 200
