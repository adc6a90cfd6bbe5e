"""Requests to see one's records and records past their keeping time: services, the rules
``records.subject_access_overdue`` and ``records.retention_due``, and the pages. Clock: 25 November 2026."""

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hearth.children.tests.factories import ChildFactory, PlacementFactory
from hearth.conftest import World, signed_in_client
from hearth.dataprotection.services import (
    retention_decision_record,
    subject_access_answer,
    subject_access_extend,
    subject_access_request_record,
)
from hearth.oversight.engine import run_audit
from hearth.staff.tests.factories import StaffMemberFactory

TODAY = datetime.date(2026, 11, 25)


def audit(world: World, code: str, as_of: datetime.date = TODAY) -> list[Any]:
    return run_audit(homes=[world.home_a], as_of=as_of, codes=[code])


def request(world: World, received_on: datetime.date) -> Any:
    return subject_access_request_record(
        actor=None,
        home=world.home_a,
        received_on=received_on,
        requester_name="Jade Example",
        requester_kind="former_child",
        what="Everything written about me while I lived there.",
    )


def test_a_request_is_due_a_calendar_month_on_and_found_once_late(world: World) -> None:
    jan = request(world, datetime.date(2026, 1, 31))
    assert jan.due_on == datetime.date(2026, 2, 28)  # a month on, the month's last day
    late = request(world, datetime.date(2026, 10, 20))  # due 20 November
    request(world, datetime.date(2026, 11, 1))  # due 1 December: not yet
    subject_access_answer(actor=None, request=jan, responded_on=datetime.date(2026, 2, 20), response="Sent.")
    [finding] = audit(world, "records.subject_access_overdue")
    assert finding.subject.id == str(late.public_id) and "was due by 20 November 2026" in finding.message
    assert audit(world, "records.subject_access_overdue", as_of=datetime.date(2026, 11, 20)) == []


def test_an_extension_is_up_to_two_months_decided_within_the_first(world: World) -> None:
    r = request(world, datetime.date(2026, 11, 10))  # due 10 December
    with pytest.raises(ValidationError) as exc:
        subject_access_extend(actor=None, request=r, extended_to=datetime.date(2027, 3, 1), extension_reason="")
    assert set(exc.value.message_dict) == {"extended_to", "extension_reason"}
    subject_access_extend(
        actor=None, request=r, extended_to=datetime.date(2027, 2, 10), extension_reason="Twelve years of records."
    )
    assert audit(world, "records.subject_access_overdue", as_of=datetime.date(2026, 12, 20)) == []
    with pytest.raises(ValidationError, match="already extended"):
        subject_access_extend(actor=None, request=r, extended_to=datetime.date(2027, 2, 1), extension_reason="x")


def test_records_past_their_time_await_the_ris_decision(world: World) -> None:
    old = ChildFactory(first_name="Edna", date_of_birth=datetime.date(1950, 1, 1))
    placement = PlacementFactory(child=old, home=world.home_a, admitted_on=datetime.date(1964, 1, 1))
    placement.left_on = datetime.date(1968, 1, 1)
    placement.save()
    StaffMemberFactory(
        home=world.home_a,
        first_name="Old",
        last_name="Hand",
        start_date=datetime.date(2000, 1, 1),
        end_date=datetime.date(2010, 6, 1),
    )
    StaffMemberFactory(
        home=world.home_a,
        first_name="Recent",
        last_name="Leaver",
        start_date=datetime.date(2015, 1, 1),
        end_date=datetime.date(2020, 6, 1),
    )
    found = audit(world, "records.retention_due")
    assert sorted(f.subject.label for f in found) == ["Edna Example's case record", "Old Hand's staff file"]
    assert all(f.severity == "low" for f in found)
    with pytest.raises(ValidationError, match="until when"):
        retention_decision_record(
            actor=None, home=world.home_a, child=old, decision="keep", reason="Asked for", decided_on=TODAY
        )
    retention_decision_record(
        actor=None,
        home=world.home_a,
        child=old,
        decision="keep",
        reason="Her son asked for copies.",
        decided_on=TODAY,
        keep_until=datetime.date(2027, 6, 1),
    )
    assert [f.subject.label for f in audit(world, "records.retention_due")] == ["Old Hand's staff file"]
    with CaptureQueriesContext(connection) as queries:
        audit(world, "records.retention_due")
    assert len(queries) <= 3


def test_the_pages_are_for_the_registered_persons_and_the_decision_for_the_ri(world: World) -> None:
    old = StaffMemberFactory(
        home=world.home_a,
        first_name="Old",
        last_name="Hand",
        start_date=datetime.date(2000, 1, 1),
        end_date=datetime.date(2010, 6, 1),
    )
    url = reverse("dataprotection:records_due", kwargs={"home_id": world.home_a.public_id})
    manager = signed_in_client(world.users["registered_manager"]).get(url).content.decode()
    assert "Old Hand&#x27;s staff file" in manager and "For the responsible individual" in manager
    ri = signed_in_client(world.users["responsible_individual"])
    kwargs = {"home_id": world.home_a.public_id, "kind": "staff", "record_id": old.public_id}
    decide = reverse("dataprotection:decide", kwargs=kwargs)
    assert decide in ri.get(url).content.decode()
    response = ri.post(
        decide,
        {"decision": "destroyed", "reason": "Past 15 years.", "decided_on": TODAY.isoformat(), "submission_key": "k"},
    )
    assert response.status_code == 302
    assert "Old Hand's staff file" in ri.get(url).content.decode().split("Decisions made")[1]
    assert signed_in_client(world.users["deputy_manager"]).get(url).status_code == 404
