"""The import journey through its pages: upload, preview, confirm; what goes wrong is said on the
page and nothing is saved; the list's query count does not grow with the reports."""

import re
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hearth.conftest import World
from hearth.inspections.models import Inspection
from hearth.inspections.tests.factories import imported_inspection, report_text
from hearth.inspections.tests.pdfs import report_pdf
from hearth.oversight.models import Action


def url(name: str, world: World, **kw: Any) -> str:
    return reverse(f"inspections:{name}", kwargs={"home_id": world.home_a.public_id, **kw})


def _payload(page: str) -> str:
    found = re.search(r'name="payload" value="([^"]+)"', page)
    assert found is not None, "no confirm form on the preview"
    return found.group(1)


def test_upload_a_pdf_check_the_preview_and_confirm(world: World, client_for: Any) -> None:
    manager = client_for("registered_manager")
    pdf = report_pdf(report_text("SC660021-full-2021-11", urn=world.home_a.urn), urn=world.home_a.urn)
    page = manager.post(
        url("upload", world), {"report": SimpleUploadedFile("report.pdf", pdf, "application/pdf")}
    ).content.decode()
    assert "Check what was read from the report" in page
    assert "Statutory requirements (3)" in page and "Compliance notice" in page
    assert "Inadequate" in page and not Inspection.objects.exists()  # nothing saved before confirming
    response = manager.post(url("confirm", world), {"payload": _payload(page)})
    inspection = Inspection.objects.get()
    assert response.status_code == 302 and response["Location"] == url(
        "detail", world, inspection_id=inspection.public_id
    )
    detail = manager.get(response["Location"]).content.decode()
    assert "3 requirement(s) and 1 recommendation(s) added as actions" in detail
    assert detail.count("Overdue") == 4 and "12(1)(2)(b)(i)" in detail
    again = manager.post(url("confirm", world), {"payload": _payload(page)})
    assert "already imported; nothing changed" in manager.get(again["Location"]).content.decode()
    assert Action.objects.filter(inspection=inspection).count() == 4


def test_a_file_that_is_not_a_report_is_named_on_the_form(world: World, client_for: Any) -> None:
    page = client_for("registered_manager").post(
        url("upload", world), {"report": SimpleUploadedFile("minutes.txt", b"Team meeting minutes.")}
    )
    text = page.content.decode()
    assert page.status_code == 200 and "There is a problem" in text
    assert "minutes.txt: is not an Ofsted inspection report" in text


def test_a_report_for_another_home_shows_why_and_offers_no_import(world: World, client_for: Any) -> None:
    text = report_text("SC482913-full-2019-03", urn=world.home_b.urn)
    page = (
        client_for("registered_manager")
        .post(url("upload", world), {"report": SimpleUploadedFile("report.txt", text.encode())})
        .content.decode()
    )
    assert "cannot be imported into Alpha House" in page and f"URN {world.home_b.urn}" in page
    assert 'name="payload"' not in page


def test_a_changed_preview_is_refused_and_nothing_saved(world: World, client_for: Any) -> None:
    manager = client_for("registered_manager")
    text = report_text("SC482913-full-2019-03", urn=world.home_a.urn)
    page = manager.post(url("upload", world), {"report": SimpleUploadedFile("r.txt", text.encode())}).content.decode()
    payload = _payload(page)
    response = manager.post(url("confirm", world), {"payload": payload[:-3] + "abc"})
    assert "The preview is more than an hour old or was changed" in response.content.decode()
    other = client_for("deputy_manager").post(url("confirm", world), {"payload": payload})  # signed for another user
    assert "The preview is more than an hour old or was changed" in other.content.decode()
    assert not Inspection.objects.exists()


def test_problems_the_parser_met_are_shown_on_the_preview(world: World, client_for: Any) -> None:
    text = report_text("SC703388-assurance-2020-11", urn=world.home_a.urn).replace("Inspector\n\nDaniel Moss", "")
    page = (
        client_for("registered_manager")
        .post(url("upload", world), {"report": SimpleUploadedFile("r.txt", text.encode())})
        .content.decode()
    )
    assert "details.inspectors: not found" in page and 'name="payload"' in page


def test_the_list_query_count_does_not_grow_with_reports(world: World, client_for: Any) -> None:
    client = client_for("responsible_individual")
    imported_inspection(world.home_a, "SC482913-full-2019-03")
    with CaptureQueriesContext(connection) as one:
        assert client.get(url("list", world)).status_code == 200
    for name in ("SC551234-interim-2021-01", "SC660021-full-2021-11", "SC703388-assurance-2020-11"):
        imported_inspection(world.home_a, name)
    with CaptureQueriesContext(connection) as four:
        page = client.get(url("list", world)).content.decode()
    assert len(four) == len(one)
    # Every report is years old: each has overdue requirements or recommendations (7 cells of 8).
    assert page.count("overdue</strong>") == 7 and "Sustained effectiveness" in page
