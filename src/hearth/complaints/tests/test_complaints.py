import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from hearth.complaints.models import Complaint
from hearth.complaints.selectors import complaint_state, complaints_summary
from hearth.complaints.services import complaint_investigator_assign, complaint_record, complaint_response_record
from hearth.complaints.tests.factories import complaint_received
from hearth.conftest import World, signed_in_client
from hearth.staff.tests.factories import StaffMemberFactory


def test_the_response_is_due_after_the_days_the_homes_procedure_allows(world: World) -> None:
    complaint = complaint_received(world.home_a, world.child_a, days_ago=0)
    assert complaint.response_due == timezone.localdate() + datetime.timedelta(days=28)
    world.home_a.complaint_response_days = 20
    world.home_a.save()
    shorter = complaint_received(world.home_a, days_ago=0)
    assert shorter.response_due == timezone.localdate() + datetime.timedelta(days=20)


def test_the_person_a_complaint_is_about_never_investigates_it(world: World) -> None:
    other = StaffMemberFactory(home=world.home_a, first_name="Olu", last_name="Other")
    with pytest.raises(ValidationError) as exc:
        complaint_received(world.home_a, world.child_a, about_staff=[world.staff_a], investigator=world.staff_a)
    assert "is named in the complaint, so cannot investigate it" in exc.value.message_dict["investigator"][0]
    assert not Complaint.objects.exists()
    complaint = complaint_received(world.home_a, world.child_a, about_staff=[world.staff_a])
    with pytest.raises(ValidationError, match="cannot investigate it"):
        complaint_investigator_assign(actor=None, complaint=complaint, investigator=world.staff_a)
    complaint_investigator_assign(actor=None, complaint=complaint, investigator=other)
    assert Complaint.objects.get().investigator == other


def test_every_missing_field_is_named_at_once(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        complaint_record(
            actor=None,
            home=world.home_a,
            received_on=timezone.localdate() + datetime.timedelta(days=1),
            complainant_kind="child",
            complainant_name=" ",
            summary="",
        )
    assert set(exc.value.message_dict) == {"complainant_name", "summary", "child", "received_on"}


def test_a_response_is_recorded_once_and_the_state_says_if_it_was_late(world: World) -> None:
    complaint = complaint_received(world.home_a, world.child_a, days_ago=40)
    today = timezone.localdate()
    assert complaint_state(complaint, today).startswith("Overdue")
    complaint_response_record(
        actor=None,
        complaint=complaint,
        actions="Spoke to the staff on shift.",
        outcome="partly_upheld",
        response="We will record the match.",
        responded_on=today,
        satisfaction="yes",
    )
    assert complaint_state(complaint, today) == f"Answered {today:%-d %B %Y} (late)"
    with pytest.raises(ValidationError, match="already recorded"):
        complaint_response_record(
            actor=None,
            complaint=complaint,
            actions="x",
            outcome="upheld",
            response="x",
            responded_on=today,
            satisfaction="no",
        )


def test_the_years_summary_counts_what_ofsted_asks(world: World) -> None:
    today = timezone.localdate()
    on_time = complaint_received(world.home_a, world.child_a, days_ago=60)
    complaint_response_record(
        actor=None,
        complaint=on_time,
        actions="a",
        outcome="upheld",
        response="r",
        responded_on=today - datetime.timedelta(days=50),
        satisfaction="yes",
    )
    complaint_received(world.home_a, days_ago=40)  # open and overdue
    complaint_received(world.home_a, days_ago=400)  # older than a year
    summary = complaints_summary(world.home_a, today)
    assert (summary.total, summary.answered_on_time, summary.answered_late, summary.open) == (2, 1, 0, 1)
    assert summary.by_outcome == [("Upheld", 1)] and summary.satisfied == 1


def test_a_support_worker_records_a_complaint_but_only_managers_read_them(world: World) -> None:
    worker = signed_in_client(world.users["support_worker"])
    url = reverse("complaints:new", kwargs={"home_id": world.home_a.public_id})
    data = {
        "received_on": timezone.localdate().isoformat(),
        "complainant_kind": "child",
        "complainant_name": "Alice",
        "child": world.child_a.pk,
        "summary": "The food is always cold.",
        "submission_key": "k1",
    }
    response = worker.post(url, data)
    assert response.status_code == 302
    worker.post(url, data)  # pressed twice
    assert Complaint.objects.count() == 1
    complaint = Complaint.objects.get()
    detail = reverse(
        "complaints:detail", kwargs={"home_id": world.home_a.public_id, "complaint_id": complaint.public_id}
    )
    assert worker.get(detail).status_code == 404
    page = signed_in_client(world.users["registered_manager"]).get(detail)
    assert b"The food is always cold." in page.content and b"Response due" in page.content
