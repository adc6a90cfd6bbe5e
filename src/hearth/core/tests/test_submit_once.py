"""Every form that creates a record, pressed twice: a double click (the same key twice), then Back
and Save again on a reloaded page (a new key, the same fields). One record each time, and the
second press lands on the first record's page."""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone

from hearth.access.tests.test_access_matrix import (  # noqa: F401 - fixtures: the matrix's shared world
    HOME_SCOPED,
    POST_ONLY,
    client_for,
    matrix_records,
    matrix_world,
)
from hearth.admissions.models import Referral
from hearth.children.models import CaseRecordConsent, PlacementPlan
from hearth.conftest import World
from hearth.core.submissions import SUBMISSION_FIELD
from hearth.incidents.models import Incident, IncidentAddendum, MissingAction, Notification
from hearth.oversight.models import Action, Reg44Distribution, Reg44Visit, Reg45Review
from hearth.records.models import ConcernResponse, LogEntry, LogEntryAddendum, Outing
from hearth.risk.models import RiskItem
from hearth.staff.models import (
    Course,
    DbsUpdateCheck,
    Qualification,
    QualificationDeferral,
    Shift,
    StaffMember,
    Supervision,
    TrainingCompletion,
    VettingCheck,
    VettingException,
)
from hearth.visitors.models import Visit, Visitor


def day(days_ago: int) -> str:
    return (timezone.localdate() - datetime.timedelta(days=days_ago)).isoformat()


def moment(days_ago: int, hour: int = 10) -> str:
    return f"{day(days_ago)}T{hour:02d}:00"


def subscribed(member: StaffMember) -> dict[str, Any]:
    """A status check needs a DBS certificate on the update service."""
    VettingCheck.objects.create(
        staff_member=member,
        kind="dbs",
        verified_on=timezone.localdate(),
        dbs_certificate_number="001122334455",
        dbs_issued_on=timezone.localdate(),
        dbs_children_barred_list=True,
        dbs_update_service=True,
        evidence="Seen the certificate.",
    )
    return {"checked_on": day(1), "outcome": "no_change"}


@dataclass(frozen=True)
class CreateForm:
    role: str
    made: type[Model]  # the record the form makes
    data: Callable[[Any], dict[str, Any]]  # the fields a person fills in, for the matrix's world


CREATE_FORMS: dict[str, CreateForm] = {
    "records:log_new": CreateForm(
        "support_worker",
        LogEntry,
        lambda w: {"children": [w.child_a.pk], "kind": "daily", "occurred_at": moment(1, 9), "text": "A quiet day."},
    ),
    "records:addendum": CreateForm("support_worker", LogEntryAddendum, lambda w: {"reason": "Missed", "text": "Also."}),
    "records:concern": CreateForm(
        "support_worker", ConcernResponse, lambda w: {"response": "no_concern", "reason": "A family friend, known."}
    ),
    "records:concern_incident": CreateForm(
        "support_worker",
        Incident,
        lambda w: {
            "type": "exploitation",
            "severity": "high",
            "occurred_at": moment(1),
            "what_happened": "Seen getting into a car with an unknown man.",
            "action_taken": "Rang the police and her social worker.",
            f"child_{w.child_a.pk}": "subject",
        },
    ),
    "records:outing_new": CreateForm(
        "support_worker",
        Outing,
        lambda w: {
            "child": w.child_a.pk,
            "kind": "outing",
            "destination": "Cinema",
            "starts_at": moment(1, 14),
            "address_verified": "yes",
            "verification": "Public venue.",
        },
    ),
    "incidents:new": CreateForm(
        "support_worker",
        Incident,
        lambda w: {
            "type": "bullying",
            "severity": "medium",
            "occurred_at": moment(1),
            "what_happened": "Name-calling at tea.",
            "action_taken": "Separated and spoke to both.",
            f"child_{w.child_a.pk}": "subject",
        },
    ),
    "incidents:addendum": CreateForm(
        "support_worker", IncidentAddendum, lambda w: {"reason": "Detail", "text": "She came back by bus."}
    ),
    "incidents:notify": CreateForm(
        "registered_manager", Notification, lambda w: {"recipients": ["ofsted"], "sent_at": moment(1, 12)}
    ),
    "incidents:missing_new": CreateForm(
        "support_worker",
        Incident,
        lambda w: {
            "child": w.child_a.pk,
            "whereabouts_known": "no",
            "last_seen_at": moment(1, 16),
            "last_seen_where": "The park",
            "circumstances": "Did not come back from the park.",
            "risk_level": "medium",
            "action_taken": "Called her phone.",
        },
    ),
    "incidents:restraint_new": CreateForm(
        "support_worker",
        Incident,
        lambda w: {
            "child": w.child_a.pk,
            "occurred_at": moment(1, 18),
            "location": "Lounge",
            "behaviour_before": "Hitting out at staff.",
            "steps_tried_first": "Talked calmly; offered space.",
            "technique": "Two-person escort",
            "duration_minutes": "2",
            "staff_used": [w.staff_a.pk],
            "outcome": "Calmed in her room.",
            "severity": "medium",
        },
    ),
    "incidents:missing_action": CreateForm(
        "support_worker", MissingAction, lambda w: {"kind": "searched", "at": moment(1, 17), "description": "The park."}
    ),
    "visitors:new": CreateForm("support_worker", Visitor, lambda w: {"name": "Sam Tutor", "kind": "tutor"}),
    "visitors:visit": CreateForm(
        "support_worker",
        Visit,
        lambda w: {"arrived_at": moment(1, 15), "reason": "Maths tutoring", "contact": "none"},
    ),
    "visitors:dbs": CreateForm(
        "registered_manager",
        Visitor,
        lambda w: {"certificate_number": "001234567890", "issued_on": day(30), "barred_list_checked": "on"},
    ),
    "visitors:risk_assessment": CreateForm(
        "registered_manager",
        Visitor,
        lambda w: {"risk_assessment": "Contact only in the lounge, with a member of staff in the room throughout."},
    ),
    "staff:new": CreateForm(
        "registered_manager",
        StaffMember,
        lambda w: {"first_name": "Ada", "last_name": "New", "role": "support_worker", "start_date": day(-7)},
    ),
    "staff:vetting_record": CreateForm(
        "registered_manager",
        VettingCheck,
        lambda w: {
            "verified_on": day(1),
            "dbs_certificate_number": "009876543210",
            "dbs_issued_on": day(20),
            "dbs_children_barred_list": "on",
            "evidence": "Seen the certificate.",
        },
    ),
    "staff:dbs_update": CreateForm("registered_manager", DbsUpdateCheck, lambda w: subscribed(w.staff_a)),
    "staff:exception": CreateForm(
        "registered_manager",
        VettingException,
        lambda w: {
            "reason": "Reference awaited.",
            "safeguards": "Never alone with a child.",
            "starts_on": day(0),
            "ends_on": day(-30),
        },
    ),
    "staff:qualification_new": CreateForm(
        "registered_manager",
        Qualification,
        lambda w: {"kind": "other", "title": "First aid at work", "achieved_on": day(10)},
    ),
    "staff:deferral_new": CreateForm(
        "registered_manager",
        QualificationDeferral,
        lambda w: {"kind": "level_3", "deferred_until": day(-200), "reason": "Long illness."},
    ),
    "staff:training_new": CreateForm(
        "registered_manager",
        TrainingCompletion,
        lambda w: {"course": Course.objects.filter(provider=w.home_a.provider).first().pk, "completed_on": day(3)},
    ),
    "staff:supervision_new": CreateForm(
        "registered_manager",
        Supervision,
        lambda w: {"kind": "supervision", "held_on": day(2), "supervisor_name": "Dana Whitlow"},
    ),
    "staff:shift_new": CreateForm(
        "registered_manager",
        Shift,
        lambda w: {"staff_member": w.staff_a.pk, "starts_at": moment(-3, 7), "ends_at": moment(-3, 15)},
    ),
    "staff:course_new": CreateForm(
        "responsible_individual", Course, lambda w: {"title": "Fire safety", "code": "fire-safety"}
    ),
    "oversight:action_new": CreateForm(
        "registered_manager",
        Action,
        lambda w: {"source": "ofsted_recommendation", "title": "Check the bullying log", "due_on": day(-14)},
    ),
    "oversight:reg44_new": CreateForm("reg44_visitor", Reg44Visit, lambda w: {"visited_on": day(1)}),
    "oversight:reg44_recommendation": CreateForm(
        "reg44_visitor", Action, lambda w: {"title": "Review the bullying log weekly", "due_on": day(-28)}
    ),
    "oversight:reg44_distribution": CreateForm(
        "registered_manager", Reg44Distribution, lambda w: {"recipient": "provider", "sent_on": day(0)}
    ),
    "oversight:reg45_new": CreateForm(
        "registered_manager", Reg45Review, lambda w: {"period_start": day(400), "period_end": day(220)}
    ),
    "oversight:reg45_action": CreateForm(
        "registered_manager", Action, lambda w: {"title": "Menus chosen with the children", "due_on": day(-30)}
    ),
    "admissions:new": CreateForm(
        "registered_manager",
        Referral,
        lambda w: {
            "first_name": "Casey",
            "last_name": "Newcomer",
            "date_of_birth": day(14 * 365 + 100),
            "sex": "female",
            "legal_status": "s20",
            "placing_authority": "Northmoor Council",
            "social_worker_name": "Ruth Ellery",
            "received_on": day(1),
            "referrer": "Ruth Ellery",
            "needs_summary": "Needs a calm home near her school.",
            "proposed_admission_on": day(-14),
        },
    ),
    "children:placement_plan": CreateForm(
        "registered_manager",
        PlacementPlan,
        lambda w: {
            "agreed_on": day(1),
            "agreed_with": "Ruth Ellery, social worker",
            "summary": "Stay while a long-term home is found.",
            "child_views": "Wants to stay near her school.",
        },
    ),
    "children:consent": CreateForm(
        "registered_manager",
        CaseRecordConsent,
        lambda w: {
            "child_consented_on": day(3),
            "placing_authority_consented_on": day(2),
            "placing_authority_contact": "Ruth Ellery",
        },
    ),
    "risk:item_new": CreateForm(
        "support_worker",
        RiskItem,
        lambda w: {
            "domain": "radicalisation",
            "level": "medium",
            "current_risk": "Name-calling at school about her clothes.",
            "triggers": "Comments about clothes.",
            "before": "Check in after school; her key worker talks with her.",
            "during": "Staff step in and move the other child away.",
            "after": "Talk it through that evening; tell the school.",
            "review_by": day(-60),
        },
    ),
}


def errors_on(page: str) -> list[str]:
    return re.findall(r'<a href="#[^"]*">([^<]+)</a>', page.split("govuk-error-summary__list", 1)[-1])[:10]


def url_of(w: World, name: str) -> str:
    build = HOME_SCOPED[name][0] if name in HOME_SCOPED else POST_ONLY[name][0]
    return reverse(name, kwargs=build(w, w.home_a))


@pytest.mark.parametrize("name", sorted(CREATE_FORMS))
def test_a_create_form_pressed_twice_saves_once(matrix_world: World, client_for: Any, name: str) -> None:  # noqa: F811
    form = CREATE_FORMS[name]
    client = client_for(form.role)
    url = url_of(matrix_world, name)
    page = client.get(url)
    if page.status_code == 200:  # a page with its own form carries the key; a POST-only action's form is elsewhere
        assert re.search(rf'name="{SUBMISSION_FIELD}" value="[0-9a-f-]{{36}}"', page.content.decode()), name
    data = form.data(matrix_world)
    before = form.made.objects.count()
    first = client.post(url, {**data, SUBMISSION_FIELD: "2c1ac2b8-6f0e-4d63-9d4e-6b1ee3b86f01"})
    assert first.status_code == 302, (name, errors_on(first.content.decode()))
    made = form.made.objects.count()
    assert made in {before, before + 1}  # a form may fill in a record that exists (a visitor's assessment)
    double_click = client.post(url, {**data, SUBMISSION_FIELD: "2c1ac2b8-6f0e-4d63-9d4e-6b1ee3b86f01"})
    back_and_save_again = client.post(url, {**data, SUBMISSION_FIELD: "7d0f3a55-0b55-4a8e-9f57-3f1f2b0c4e22"})
    assert form.made.objects.count() == made
    assert double_click.status_code == back_and_save_again.status_code == 302
    assert double_click["Location"] == back_and_save_again["Location"] == first["Location"]
    shown = client.get(double_click["Location"], follow=True).content.decode()
    assert "already saved" in shown and "nothing new was saved" in shown
