import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hearth.conftest import World
from hearth.notices.deadlines import notice_due
from hearth.notices.services import home_notice_record, home_notice_sent_record, manager_return_record
from hearth.notices.tests.factories import absence_notice

D = datetime.date


@pytest.mark.parametrize(
    ("kind", "event", "due"),
    [
        ("absence_planned", D(2027, 3, 31), D(2027, 2, 28)),  # a month before; February has no 31st
        ("absence_planned", D(2028, 3, 30), D(2028, 2, 29)),
        ("absence_unplanned", D(2026, 12, 28), D(2027, 1, 4)),  # a week on, over the new year
        ("return", D(2026, 11, 30), D(2026, 12, 7)),
        ("manager_change", D(2026, 11, 30), D(2026, 12, 7)),
    ],
)
def test_each_notice_is_due_as_part_7_says(kind: str, event: D, due: D) -> None:
    assert notice_due(kind, event) == due


def test_an_absence_needs_the_arrangements_and_28_days(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        home_notice_record(
            actor=None,
            home=world.home_a,
            kind="absence_planned",
            event_on=timezone.localdate(),
            expected_until=timezone.localdate() + datetime.timedelta(days=10),
            details="Holiday",
        )
    assert set(exc.value.message_dict) == {"arrangements", "expected_until"}


def test_sent_once_and_the_return_falls_due_a_week_after(world: World) -> None:
    notice = absence_notice(world.home_a, starts_in_days=-30)
    home_notice_sent_record(actor=None, notice=notice, sent_on=timezone.localdate(), sent_reference="OF-1")
    with pytest.raises(ValidationError, match="already recorded as sent"):
        home_notice_sent_record(actor=None, notice=notice, sent_on=timezone.localdate())
    back = manager_return_record(actor=None, absence=notice, returned_on=timezone.localdate(), details="")
    assert back.kind == "return" and back.due_on == timezone.localdate() + datetime.timedelta(days=7)
    with pytest.raises(ValidationError, match="already recorded"):
        manager_return_record(actor=None, absence=notice, returned_on=timezone.localdate(), details="")
