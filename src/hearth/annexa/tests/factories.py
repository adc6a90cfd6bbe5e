from typing import Any

from hearth.allegations.models import Allegation, AllegationReader
from hearth.allegations.services import allegation_reader_name
from hearth.allegations.tests.factories import allegation_received
from hearth.complaints.models import Complaint
from hearth.complaints.tests.factories import complaint_received
from hearth.control.models import ControlMeasure
from hearth.control.tests.factories import measure_recorded
from hearth.notices.models import HomeNotice
from hearth.notices.tests.factories import absence_notice


class ConductRecords:
    """One of each record issue 23 added, at one home."""

    def __init__(
        self,
        complaint: Complaint,
        allegation: Allegation,
        reader: AllegationReader,
        measure: ControlMeasure,
        notice: HomeNotice,
    ) -> None:
        self.complaint, self.allegation, self.reader = complaint, allegation, reader
        self.measure, self.notice = measure, notice


def conduct_records(home: Any, child: Any, staff_member: Any, reader: Any) -> ConductRecords:
    """A child's complaint, an allegation against ``staff_member`` that ``reader`` was named to read,
    a consequence, and the manager's planned absence (nothing answered, referred or sent yet)."""
    allegation = allegation_received(home, staff_member)
    return ConductRecords(
        complaint_received(home, child),
        allegation,
        allegation_reader_name(actor=None, allegation=allegation, user=reader, why="Safeguarding lead"),
        measure_recorded(home, child),
        absence_notice(home, starts_in_days=-30),
    )
