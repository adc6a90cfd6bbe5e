"""Annex A: the pack from the demo home's records, read back from the spreadsheet and checked
against the records; the command, the page and the access log of the allegations in it."""

import datetime
import io
import time
from io import StringIO
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from hearth.allegations.models import Allegation, AllegationOpening
from hearth.annexa.selectors import annex_a
from hearth.annexa.spreadsheet import ANSWERS, annex_a_workbook
from hearth.annexa.tests.factories import conduct_records
from hearth.children.models import Placement
from hearth.children.tests.factories import ChildFactory, PlacementFactory
from hearth.complaints.models import Complaint
from hearth.conftest import World, signed_in_client
from hearth.control.models import ControlMeasure
from hearth.homes.models import Home
from hearth.incidents.models import MissingEpisode, PhysicalIntervention
from hearth.staff.tests.factories import StaffMemberFactory


def _rows(book: Any, name: str) -> list[tuple[Any, ...]]:
    """A sheet's rows under its title and heading (the sheet says "None in the period" if empty)."""
    rows = [r for r in book[name].iter_rows(min_row=3, values_only=True)]
    return [] if rows == [("None in the period",) + (None,) * (len(rows[0]) - 1)] else rows


def _answers(book: Any) -> dict[str, Any]:
    return {item: answer for _, item, answer in book[ANSWERS].iter_rows(min_row=3, values_only=True)}


def test_the_command_writes_the_demo_homes_pack_in_under_5_seconds_and_it_reads_back_true(
    db: Any, demo_restored: Any, tmp_path: Path
) -> None:
    demo_restored()
    home = Home.objects.get(external_id="home-a")
    until = timezone.localdate()
    since = until - datetime.timedelta(days=365)
    out = StringIO()
    started = time.perf_counter()
    call_command(
        "annexa",
        "--home",
        home.urn,
        "--from",
        since.isoformat(),
        "--to",
        until.isoformat(),
        "--out",
        str(tmp_path),
        stdout=out,
    )
    elapsed = time.perf_counter() - started
    assert elapsed < 5, f"{elapsed:.1f} s"  # the issue's promise, with the demo's size of records
    xlsx, pdf = sorted(tmp_path.iterdir())[1], sorted(tmp_path.iterdir())[0]
    assert xlsx.suffix == ".xlsx" and pdf.suffix == ".pdf"

    book = load_workbook(xlsx)
    answers = _answers(book)
    start = timezone.make_aware(datetime.datetime.combine(since, datetime.time.min))
    placements = Placement.objects.filter(home=home)
    assert answers["Number of children and young people resident at the time of inspection"] == sum(
        1 for p in placements if p.admitted_on <= until and (p.left_on is None or p.left_on > until)
    )
    assert (
        answers["Number of children and young people admitted to the home"]
        == placements.filter(admitted_on__gte=since, admitted_on__lte=until).count()
    )
    restraints = PhysicalIntervention.objects.filter(incident__home=home, incident__occurred_at__gte=start)
    assert answers["Number of incidents of restraint"] == restraints.count() == len(_rows(book, "Restraint")) > 0
    missing = MissingEpisode.objects.filter(incident__home=home, incident__occurred_at__gte=start)
    assert answers["Number of times children were away from placement without authorisation"] == missing.count()
    assert len(_rows(book, "Missing and away")) == missing.count()
    assert answers["Number of complaints received"] == Complaint.objects.filter(home=home).count() == 1
    [allegation] = _rows(book, "Allegations")
    assert allegation[1] == "Gareth Bolt" and allegation[5] == "Not referred"
    assert (
        answers["Number of consequences, sanctions and restrictions used"]
        == ControlMeasure.objects.filter(home=home).count()
    )
    assert answers["Name of children's home"] == home.name and answers["URN of children's home"] == home.urn
    cse = answers[
        "Number of children currently resident that you consider to be at risk of child sexual exploitation (CSE)"
    ]
    assert cse >= 1  # the demo's first inspection report was about a child at risk of CSE
    residents = {r[0] for r in _rows(book, "Children resident")}
    at_risk = _rows(book, "Exploitation risk")
    assert {r[0] for r in at_risk} <= residents and sum(
        1 for r in at_risk if r[1] == "Child sexual exploitation"
    ) >= cse
    # The allegation in it is logged as opened for the pack.
    opened = AllegationOpening.objects.get(allegation__home=home)
    assert opened.how == "annex_a" and opened.user_name == "hearth annexa (command line)"
    with pdfplumber.open(pdf) as document:
        text = "\n".join(page.extract_text() or "" for page in document.pages)
    assert "Annex A information for inspection" in text and "What this pack does not hold" in text
    assert "in " in out.getvalue() and " s." in out.getvalue()


def test_the_pack_takes_the_same_queries_for_one_home_or_a_busy_one(world: World) -> None:
    today = timezone.localdate()

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            annex_a_workbook(
                annex_a(home=world.home_a, since=today - datetime.timedelta(days=365), until=today, produced_by="t")
            )
        return len(queries)

    conduct_records(world.home_a, world.child_a, world.staff_a, world.users["no_membership"])
    few = count()
    for _ in range(4):
        child = ChildFactory()
        PlacementFactory(child=child, home=world.home_a, admitted_on=today - datetime.timedelta(days=20))
        conduct_records(world.home_a, child, StaffMemberFactory(home=world.home_a), world.users["no_membership"])
    assert count() == few


def test_a_period_is_whole_days_and_resident_means_on_its_last_day(world: World) -> None:
    today = timezone.localdate()
    left = PlacementFactory(home=world.home_a, admitted_on=today - datetime.timedelta(days=50))
    left.left_on = today - datetime.timedelta(days=10)
    left.save()
    pack = annex_a(home=world.home_a, since=today - datetime.timedelta(days=60), until=today, produced_by="t")
    answers = {item: a for _, item, a in pack.answers}
    assert answers["Number of children and young people who have left the home"] == 1
    assert answers["Number of children and young people resident at the time of inspection"] == 1  # Alice
    earlier = annex_a(
        home=world.home_a,
        since=today - datetime.timedelta(days=60),
        until=today - datetime.timedelta(days=11),
        produced_by="t",
    )
    assert {item: a for _, item, a in earlier.answers}[
        "Number of children and young people resident at the time of inspection"
    ] == 2
    with pytest.raises(ValueError, match="ends before it starts"):
        annex_a(home=world.home_a, since=today, until=today - datetime.timedelta(days=1), produced_by="t")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--home", "SC999999", "--from", "2026-01-01", "--to", "2026-02-01"], "No home"),
        (["--home", "x", "--from", "2026-02-30", "--to", "2026-03-01"], "--from '2026-02-30' is not a date"),
        (["--home", "x", "--from", "2026-03-01", "--to", "2026-02-01"], "is before --from"),
    ],
)
def test_bad_arguments_say_what_was_wrong(db: Any, args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("annexa", *args, stdout=StringIO())


def test_the_page_shows_the_pack_and_downloads_it_and_names_a_bad_period(world: World) -> None:
    records = conduct_records(world.home_a, world.child_a, world.staff_a, world.users["no_membership"])
    client = signed_in_client(world.users["registered_manager"])
    url = reverse("annexa:page", kwargs={"home_id": world.home_a.public_id})
    page = client.get(url)
    assert page.status_code == 200 and "Number of allegations against staff" in page.content.decode()
    bad = client.get(url, {"since": "2026-11-01", "until": "2026-10-01"})
    assert bad.status_code == 400 and "The end is before the start." in bad.content.decode()
    today = timezone.localdate().isoformat()
    sheet = client.get(
        reverse("annexa:spreadsheet", kwargs={"home_id": world.home_a.public_id}),
        {"since": "2026-01-01", "until": today},
    )
    book = load_workbook(io.BytesIO(sheet.content))
    assert [r[0].date() for r in _rows(book, "Complaints")] == [records.complaint.received_on]
    pdf = client.get(reverse("annexa:pdf", kwargs={"home_id": world.home_a.public_id}))
    assert pdf["Content-Type"] == "application/pdf"
    assert AllegationOpening.objects.filter(allegation=records.allegation, how="annex_a").count() == 3
    assert Allegation.objects.count() == 1


def test_an_allegation_about_the_manager_producing_the_pack_is_left_out_and_said_to_be(world: World) -> None:
    from hearth.allegations.tests.factories import allegation_received
    from hearth.annexa.services import annex_a_produce

    manager = world.users["registered_manager"]
    world.staff_a.user = manager
    world.staff_a.save()
    allegation_received(world.home_a, world.staff_a)
    today = timezone.localdate()
    own = annex_a_produce(actor=manager, home=world.home_a, since=today - datetime.timedelta(days=30), until=today)
    assert own.sheet("Allegations").rows == [] and "1 allegation(s)" in own.not_held[-1]
    assert not AllegationOpening.objects.exists()
    ri = annex_a_produce(actor=world.users["responsible_individual"], home=world.home_a, since=today, until=today)
    assert len(ri.sheet("Allegations").rows) == 1
