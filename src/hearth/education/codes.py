"""The official school attendance codes (DfE, "Working together to improve school attendance",
August 2024 edition), grouped as attendance is counted: a session is possible unless its code is
"not counted"; attended if the child was present or at approved education off site.
"""

from dataclasses import dataclass

PRESENT, APPROVED, AUTHORISED, UNAUTHORISED, NOT_COUNTED = (
    "present",
    "approved",
    "authorised",
    "unauthorised",
    "not_counted",
)


@dataclass(frozen=True)
class AttendanceCode:
    code: str
    meaning: str
    group: str

    @property
    def attended(self) -> bool:
        return self.group in (PRESENT, APPROVED)

    @property
    def possible(self) -> bool:
        return self.group != NOT_COUNTED


CODES = {
    c.code: c
    for c in (
        AttendanceCode("/", "Present (morning)", PRESENT),
        AttendanceCode("\\", "Present (afternoon)", PRESENT),
        AttendanceCode("L", "Late, before the register closed", PRESENT),
        AttendanceCode("K", "Attending education arranged by the local authority", APPROVED),
        AttendanceCode("B", "Attending other approved education off site", APPROVED),
        AttendanceCode("D", "Dual registered, at the other school", APPROVED),
        AttendanceCode("P", "Approved sporting activity", APPROVED),
        AttendanceCode("V", "Educational visit or trip", APPROVED),
        AttendanceCode("J", "Interview", APPROVED),
        AttendanceCode("C", "Authorised for exceptional circumstances", AUTHORISED),
        AttendanceCode("E", "Suspended or excluded, no alternative provision", AUTHORISED),
        AttendanceCode("I", "Illness", AUTHORISED),
        AttendanceCode("M", "Medical or dental appointment", AUTHORISED),
        AttendanceCode("R", "Religious observance", AUTHORISED),
        AttendanceCode("S", "Study leave", AUTHORISED),
        AttendanceCode("T", "Mobile child travelling", AUTHORISED),
        AttendanceCode("G", "Holiday not authorised", UNAUTHORISED),
        AttendanceCode("N", "Reason not yet given", UNAUTHORISED),
        AttendanceCode("O", "Absent in other or unknown circumstances", UNAUTHORISED),
        AttendanceCode("U", "Arrived after the register closed", UNAUTHORISED),
        AttendanceCode("X", "Not of compulsory school age", NOT_COUNTED),
        AttendanceCode("Y", "Unable to attend: exceptional circumstances", NOT_COUNTED),
        AttendanceCode("Z", "Not yet on roll", NOT_COUNTED),
        AttendanceCode("#", "School closed to pupils", NOT_COUNTED),
    )
}
CHOICES = [(c.code, f"{c.code}: {c.meaning}") for c in CODES.values()]


def attendance_rate(codes: list[str]) -> float | None:
    """Sessions attended as a share of sessions possible; None if none were possible."""
    possible = [CODES[c] for c in codes if c in CODES and CODES[c].possible]
    if not possible:
        return None
    return sum(1 for c in possible if c.attended) / len(possible)
