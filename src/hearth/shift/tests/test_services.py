import pytest
from django.core.exceptions import ValidationError

from hearth.audit.models import AuditEvent
from hearth.conftest import World
from hearth.shift.models import HANDOVER_MAX_CHARS
from hearth.shift.services import handover_acknowledge, handover_write


def test_a_handover_is_signed_by_its_writer_and_acknowledged_once_by_someone_else(world: World) -> None:
    worker, senior = world.users["support_worker"], world.users["senior"]
    handover = handover_write(actor=worker, home=world.home_a, text="  Alice had a good evening.  ")
    assert handover.text == "Alice had a good evening."
    assert handover.written_by_name == worker.get_full_name()
    with pytest.raises(ValidationError, match="You wrote this handover"):
        handover_acknowledge(actor=worker, handover=handover)
    handover_acknowledge(actor=senior, handover=handover)
    handover.refresh_from_db()
    assert handover.acknowledged_by == senior and handover.acknowledged_at is not None
    with pytest.raises(ValidationError, match="already acknowledged"):
        handover_acknowledge(actor=world.users["registered_manager"], handover=handover)
    handover.refresh_from_db()
    assert handover.acknowledged_by == senior  # the first acknowledgement stands
    assert list(
        AuditEvent.objects.filter(object_id=handover.public_id).order_by("id").values_list("action", flat=True)
    ) == ["handover.written", "handover.acknowledged"]


@pytest.mark.parametrize(
    ("text", "message"),
    [("   ", "Write what the next shift needs to know"), ("x" * (HANDOVER_MAX_CHARS + 1), "at most 4,000")],
)
def test_an_empty_or_overlong_handover_is_refused_naming_the_field(world: World, text: str, message: str) -> None:
    with pytest.raises(ValidationError) as exc:
        handover_write(actor=world.users["support_worker"], home=world.home_a, text=text)
    assert message in exc.value.message_dict["text"][0]
