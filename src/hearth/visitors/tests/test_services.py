import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hearth.conftest import World
from hearth.visitors.services import visit_record, visitor_approve_risk_assessment, visitor_create, visitor_record_dbs


def test_visitor_clearance_by_dbs_or_approved_risk_assessment(world: World) -> None:
    son = visitor_create(
        actor=None,
        home=world.home_a,
        name="Ben Whitlow",
        kind="staff_relative",
        relationship="son",
        related_staff_member=world.staff_a,
    )
    assert not son.cleared_for_unsupervised_contact
    with pytest.raises(ValidationError) as exc:
        visitor_record_dbs(
            actor=None,
            visitor=son,
            certificate_number="123",
            issued_on=datetime.date(2026, 1, 1),
            barred_list_checked=False,
        )
    assert set(exc.value.message_dict) == {"certificate_number", "barred_list_checked"}
    visitor_record_dbs(
        actor=None,
        visitor=son,
        certificate_number="001234567890",
        issued_on=datetime.date(2026, 1, 1),
        barred_list_checked=True,
    )
    assert son.cleared_for_unsupervised_contact
    tutor = visitor_create(actor=None, home=world.home_a, name="Tia Tutor", kind="tutor")
    visitor_approve_risk_assessment(
        actor=world.users["registered_manager"],
        visitor=tutor,
        risk_assessment="Teaches maths in the lounge with the door open; staff check every 15 minutes.",
    )
    assert tutor.cleared_for_unsupervised_contact


def test_visit_contact_rules(world: World) -> None:
    visitor = visitor_create(actor=None, home=world.home_a, name="Ray Plumber", kind="contractor")
    arrived = timezone.now() - datetime.timedelta(hours=1)
    with pytest.raises(ValidationError, match="supervised throughout"):
        visit_record(
            actor=None,
            visitor=visitor,
            arrived_at=arrived,
            reason="Fix boiler",
            contact="supervised",
            children=[world.child_a],
        )
    with pytest.raises(ValidationError, match="Choose the children"):
        visit_record(actor=None, visitor=visitor, arrived_at=arrived, reason="Fix boiler", contact="unsupervised")
    visit = visit_record(
        actor=None,
        visitor=visitor,
        arrived_at=arrived,
        reason="Fix boiler",
        contact="supervised",
        children=[world.child_a],
        supervised_by=world.staff_a,
    )
    assert list(visit.children.all()) == [world.child_a]
