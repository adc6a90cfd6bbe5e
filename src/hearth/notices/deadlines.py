"""When each Part 7 notice is due (Regulations 48 and 49).

- A planned absence of the person in charge of 28 days or more: a month before it starts
  (Reg 48(2)(a); Ofsted may agree a shorter period, recorded as its own due date).
- An emergency or unforeseen absence: within one week of its start (Reg 48(3)(a)).
- The return to duty: within 7 days of the return (Reg 48(5)).
- A change of who carries on or manages the home, or of the provider: "as soon as reasonably
  practicable" (Reg 49). Hearth holds that to 7 days from the change, as a provider may change in
  ``HEARTH_NOTICE_PRACTICABLE_DAYS``.
"""

import datetime

from django.conf import settings

from hearth.core.dates import add_months
from hearth.notices.models import HomeNotice


def practicable_days() -> int:
    return int(getattr(settings, "HEARTH_NOTICE_PRACTICABLE_DAYS", 7))


def notice_due(kind: str, event_on: datetime.date) -> datetime.date:
    if kind == HomeNotice.Kind.ABSENCE_PLANNED:
        return add_months(event_on, -1)
    if kind in (HomeNotice.Kind.ABSENCE_UNPLANNED, HomeNotice.Kind.RETURN):
        return event_on + datetime.timedelta(days=7)
    return event_on + datetime.timedelta(days=practicable_days())
