"""Inspection reports printed by Chromium (issue 23): each test report as a web page, printed to
PDF the way a browser prints it, with the requirements table's header repeated on every page it
spans and a footer carrying the report's title beside "Page n of m". Every field must come out as
from the text (the Typst layouts are in ``inspections/tests/test_layouts.py``)."""

import html
import json
from typing import Any

import pytest
from playwright.sync_api import Browser

from hearth.inspections.parser import REPORT_FIELDS, parse_report, read_report_bytes
from hearth.inspections.tests.factories import FIXTURE_URNS, REPORTS, report_text
from hearth.inspections.tests.pdfs import report_blocks

pytestmark = pytest.mark.browser

FOOTER = (
    '<div style="font-size:8px;width:100%;margin:0 1.5cm;display:flex;justify-content:space-between">'
    "<span>Inspection report for children's home: {urn}</span>"
    '<span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>'
)
PRINTS = {
    "A4": {"format": "A4", "date_column": "auto", "size": "10.5pt"},
    "A5, narrow dates": {"format": "A5", "date_column": "2.2cm", "size": "9pt"},
}


def report_page(text: str, *, date_column: str, size: str) -> str:
    """The report as a web page: paragraphs, and tables whose first row, if it is the header, is a
    <thead> (Chromium repeats a table's <thead> on every printed page)."""
    out = [
        f"<!doctype html><html lang='en'><meta charset='utf-8'><style>body{{font:{size} sans-serif}}"
        f"table{{border-collapse:collapse;width:100%}}td,th{{border:1px solid #999;padding:4px;vertical-align:top;text-align:left}}"
        f"td:last-child:not(:first-child){{width:{date_column}}}</style><body>"
    ]
    for block in report_blocks(text):
        if block["kind"] == "paragraph":
            out.append(f"<p>{html.escape(block['text'])}</p>")
            continue
        rows = block["rows"]
        head = rows[0] if [c.lower() for c in rows[0]] == ["requirement", "due date"] else None
        out.append("<table>")
        if head:
            out.append("<thead><tr>" + "".join(f"<th>{html.escape(c)}</th>" for c in head) + "</tr></thead>")
        out.append("<tbody>")
        for row in rows[1:] if head else rows:
            out.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>")
        out.append("</tbody></table>")
    return "".join(out)


def comparable(report: dict[str, Any], field: str) -> Any:
    value = report[field]
    return [{"kind": e["kind"], "date": e["date"]} for e in value] if field == "enforcement" else value


@pytest.mark.parametrize("print_as", sorted(PRINTS))
def test_chromiums_print_of_every_report_reads_as_its_text_does(browser: Browser, db: Any, print_as: str) -> None:
    """(``db`` is not read: taking it lets ``make test`` deal this browser test to one of its two
    runs, as it deals every browser test; conftest.pytest_collection_modifyitems.)"""
    chosen = PRINTS[print_as]
    context = browser.new_context()
    page = context.new_page()
    wrong = []
    try:
        for name, urn in sorted(FIXTURE_URNS.items()):
            page.set_content(report_page(report_text(name), date_column=chosen["date_column"], size=chosen["size"]))
            pdf = page.pdf(
                format=chosen["format"],
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=FOOTER.format(urn=urn),
                margin={"top": "1.5cm", "bottom": "1.8cm", "left": "1.5cm", "right": "1.5cm"},
            )
            report = parse_report(read_report_bytes(pdf, name=f"{name}.pdf"), source=f"{name}.pdf")
            want = json.loads((REPORTS / f"{name}.expected.json").read_text(encoding="utf-8"))
            wrong += [
                (name, field, comparable(report, field))
                for field in REPORT_FIELDS
                if field != "file" and comparable(report, field) != comparable(want, field)
            ]
    finally:
        context.close()
    assert wrong == []
