import datetime
from collections.abc import Callable
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from hearth.access.models import Membership
from hearth.children.models import Placement
from hearth.homes.models import Home
from hearth.staff.models import StaffMember


def test_demo_loads_three_homes_and_sign_ins_as_of_a_day_given_and_not_twice_if_asked(db: Any) -> None:
    """One load (a few seconds): ``--load-day`` moves every relative date; the plain ``hearth demo``
    (today) is what every awkward-day test and the suite's demo snapshot run."""
    with pytest.raises(CommandError, match="after today"):
        call_command("demo", "--load-day", (timezone.localdate() + datetime.timedelta(days=1)).isoformat())
    assert not Home.objects.exists()
    out = StringIO()
    call_command("demo", "--load-day", "2026-02-03", stdout=out)
    assert set(Home.objects.values_list("name", flat=True)) == {"Alder Bank", "Brookside View", "Hollins Lea"}
    assert StaffMember.objects.filter(home__external_id="home-a").count() == 11
    assert Placement.objects.filter(left_on__isnull=True).count() == 9
    assert "a.manager" in out.getvalue() and "hearth-demo-password" in out.getvalue()
    assert Membership.objects.filter(role="responsible_individual").count() == 1
    kayla = Placement.objects.get(external_id="placement-a1-1")
    assert kayla.admitted_on == datetime.date(2026, 2, 3) - datetime.timedelta(days=120)

    again = StringIO()
    call_command("demo", "--if-absent", stdout=again)
    assert "already loaded" in again.getvalue()
    assert Home.objects.count() == 3 and Membership.objects.count() == 8


@override_settings(DEBUG=True)
def test_totp_code_for_demo_accounts_only_under_debug(db: Any, demo_restored: Callable[[], None]) -> None:
    demo_restored()
    out = StringIO()
    call_command("totp_code", "a.manager", stdout=out)
    assert out.getvalue().strip().isdigit() and len(out.getvalue().strip()) == 6


def test_totp_code_refused_without_debug(db: Any, demo_restored: Callable[[], None]) -> None:
    demo_restored()
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("totp_code", "a.manager")
