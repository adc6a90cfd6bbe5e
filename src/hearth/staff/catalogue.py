"""The default training catalogue every new provider starts with (domain.md section 6.4).

Which courses are mandatory is practice, not statute: a provider changes titles, roles and
renewal periods on its catalogue page, and these defaults are only where it starts.
"""

from dataclasses import dataclass

from hearth.staff.models import CARE_ROLES, StaffMember

ALL_ROLES = tuple(StaffMember.Role.values)
CARE = tuple(str(r) for r in CARE_ROLES)


@dataclass(frozen=True)
class DefaultCourse:
    code: str
    title: str
    renew_every_months: int | None
    safeguarding: bool
    mandatory_for: tuple[str, ...] = CARE


DEFAULT_COURSES = (
    DefaultCourse("safeguarding", "Safeguarding children", 12, True, ALL_ROLES),
    DefaultCourse("cse", "Child sexual exploitation", 24, True),
    DefaultCourse("cce_county_lines", "Child criminal exploitation and county lines", 24, True),
    DefaultCourse("missing", "Missing from care", 24, True),
    DefaultCourse("bullying", "Bullying", 36, False),
    DefaultCourse("self_harm", "Self-harm and suicide prevention", 36, True),
    DefaultCourse("challenging_behaviour", "Managing challenging behaviour and de-escalation", 12, False),
    DefaultCourse("physical_intervention", "Physical intervention", 12, False),
    DefaultCourse("first_aid", "First aid", 36, False),
    DefaultCourse("medication", "Medication", 12, False),
    DefaultCourse("fire_safety", "Fire safety", 12, False, ALL_ROLES),
    DefaultCourse("hsb", "Harmful sexual behaviour", 36, True),
    DefaultCourse("online_safety", "Online safety", 24, True),
    DefaultCourse("prevent", "Prevent", 36, True, ALL_ROLES),
    DefaultCourse("trauma_informed", "Trauma-informed practice", 36, False),
)
