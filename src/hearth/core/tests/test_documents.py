"""The documents sent out: one Typst layout, fed data it never reads as markup; and each kind of
document as its page offers it for download."""

import io
from typing import Any

import pdfplumber
from django.urls import reverse

from hearth.conftest import World
from hearth.core.documents import Document, Section, Table, document_pdf


def text_of(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as opened:
        return "\n".join(page.extract_text() or "" for page in opened.pages)


def test_a_records_words_are_printed_as_written_never_read_as_markup() -> None:
    hostile = 'Said "#set page(paper: \\"a3\\")" and *shouted* $x$ [link] = heading\nSecond line'
    pdf = document_pdf(
        Document(
            "A title",
            "A caption",
            "A footer",
            [
                Section("Rows", rows=[("Label", hostile)]),
                Section("Table", table=Table(["A", "B"], [["1", hostile]], [2, 0])),
                Section("Empty", empty="Nothing here."),
            ],
        )
    )
    text = text_of(pdf)
    assert '#set page(paper: \\"a3\\")' in text or "#set page" in text
    assert "*shouted* $x$ [link] = heading" in text and "Second line" in text
    assert "Nothing here." in text and "Page 1 of 1" in text


def _pdf(client: Any, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="')
    return text_of(response.content)


def test_the_regulation_44_report_and_45_review_download_as_pdfs(world: World, client_for: Any) -> None:
    from hearth.oversight.tests.factories import oversight_records

    records = oversight_records(world.home_a, world.staff_a)
    ri = client_for("responsible_individual")
    h = world.home_a.public_id
    report = _pdf(ri, reverse("oversight:reg44_pdf", kwargs={"home_id": h, "visit_id": records.visit.public_id}))
    assert "Regulation 44 independent person's report" in report and "The independent person's opinion" in report
    review = _pdf(ri, reverse("oversight:reg45_pdf", kwargs={"home_id": h, "review_id": records.review.public_id}))
    assert "Regulation 45 review of the quality of care" in review and "The period in figures" in review


def test_a_chronology_prints_for_its_dates_oldest_first_with_who_printed_it(world: World, client_for: Any) -> None:
    import datetime

    from django.utils import timezone

    from hearth.records.services import log_entry_create

    for days, text in ((40, "Started at the new school."), (10, "Swimming badge.")):
        log_entry_create(
            actor=None,
            home=world.home_a,
            children=[world.child_a],
            occurred_at=timezone.now() - datetime.timedelta(days=days),
            text=text,
        )
    client = client_for("support_worker")
    url = reverse(
        "records:chronology_pdf", kwargs={"home_id": world.home_a.public_id, "child_id": world.child_a.public_id}
    )
    everything = _pdf(client, url)
    assert everything.index("Started at the new school.") < everything.index("Swimming badge.")
    assert world.users["support_worker"].get_full_name() in everything
    since = (timezone.localdate() - datetime.timedelta(days=20)).isoformat()
    recent = _pdf(client, f"{url}?date_from={since}")
    assert "Swimming badge." in recent and "Started at the new school." not in recent
    page = client.get(url.replace(".pdf", "/"), {"date_from": since, "date_to": "2020-01-01"}).content.decode()
    assert "“To” must be the same day as “From” or later." in page


def test_a_regulation_40_notification_prints_with_who_must_be_told(world: World, client_for: Any) -> None:
    from hearth.records.tests.factories import home_records

    incident = home_records(world.home_a, world.child_a, world.staff_a).missing.incident
    text = _pdf(
        client_for("registered_manager"),
        reverse(
            "incidents:notification_pdf", kwargs={"home_id": world.home_a.public_id, "incident_id": incident.public_id}
        ),
    )
    assert "Regulation 40 notification" in text and str(world.child_a) in text
    assert "Must be notified" in text and world.home_a.urn in text
