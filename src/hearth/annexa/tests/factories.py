import datetime
from typing import Any

from django.utils import timezone

from hearth.allegations.models import Allegation, AllegationReader
from hearth.allegations.services import allegation_reader_name
from hearth.allegations.tests.factories import allegation_received
from hearth.complaints.models import Complaint
from hearth.complaints.tests.factories import complaint_received
from hearth.control.models import ControlMeasure
from hearth.control.tests.factories import measure_recorded
from hearth.dataprotection.services import subject_access_request_record
from hearth.notices.models import HomeNotice
from hearth.notices.tests.factories import absence_notice
from hearth.staff.tests.factories import StaffMemberFactory


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
        self.request: Any = None
        self.old_staff: Any = None


def conduct_records(home: Any, child: Any, staff_member: Any, reader: Any) -> ConductRecords:
    """A child's complaint, an allegation against ``staff_member`` that ``reader`` was named to read,
    a consequence, the manager's planned absence (nothing answered, referred or sent yet), a request
    to see records, and a staff file past its keeping time."""
    allegation = allegation_received(home, staff_member)
    records = ConductRecords(
        complaint_received(home, child),
        allegation,
        allegation_reader_name(actor=None, allegation=allegation, user=reader, why="Safeguarding lead"),
        measure_recorded(home, child),
        absence_notice(home, starts_in_days=-30),
    )
    records.request = subject_access_request_record(
        actor=None,
        home=home,
        received_on=timezone.localdate(),
        requester_name="A former resident",
        requester_kind="former_child",
        what="My records",
    )
    left = timezone.localdate() - datetime.timedelta(days=365 * 20)
    records.old_staff = StaffMemberFactory(home=home, start_date=left - datetime.timedelta(days=900), end_date=left)
    return records
