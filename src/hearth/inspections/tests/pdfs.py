"""Print a test report (a text fixture) to PDF with Typst, the way published reports are laid
out: each paragraph on its own, tab-separated lines as table rows. Reading the PDF back gives
the wrapped lines, page numbers, running headers and split table rows that real PDFs give.

``LAYOUTS`` prints the same report other ways, as reports reach a home (issue 23): a narrow due
date column that wraps a date over lines, a footer with the report's title beside "Page n of m",
the page number before the title, words hyphenated at line ends, table headers repeated on each
page of a small page. Chromium's print of the report as a web page is in ``e2e/test_report_layouts.py``."""

import json
from pathlib import Path
from typing import Any

import typst

from hearth.inspections.parser.text import clean_lines

TEMPLATE = Path(__file__).parent / "report.typ"


PLAIN = {
    "paper": "a4",
    "size": 10.5,
    "header": True,
    "footer": "page",
    "hyphenate": False,
    "justify": False,
    "repeat_header": False,
}
LAYOUTS: dict[str, dict[str, Any]] = {
    "plain": PLAIN,
    "narrow dates": {**PLAIN, "date_column": "1.7cm"},
    "title and page in the footer": {**PLAIN, "header": False, "footer": "title"},
    "page then title in the footer": {**PLAIN, "header": False, "footer": "title-first", "size": 11},
    "hyphenated": {**PLAIN, "hyphenate": True, "size": 11.5, "date_column": "2.3cm"},
    "hyphenated and justified": {**PLAIN, "hyphenate": True, "justify": True, "size": 11.5, "date_column": "2.3cm"},
    "small pages, headers repeated": {
        **PLAIN,
        "paper": "a5",
        "size": 9,
        "repeat_header": True,
        "footer": "title",
        "header": False,
    },
}


def report_blocks(text: str, date_column: str | None = None) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            blocks.append({"kind": "gap"})
        elif "\t" in line:
            cells = [cell for raw in line.split("\t") for cell in clean_lines(raw)[:1]]
            table = blocks[-1] if blocks and blocks[-1]["kind"] == "table" else None
            if table is None:
                table = {"kind": "table", "rows": []}
                blocks.append(table)
            table["rows"].append(cells)
        else:
            blocks.append({"kind": "paragraph", "text": " ".join(clean_lines(line))})
    blocks = [b for b in blocks if b["kind"] != "gap"]
    for block in blocks:
        if block["kind"] == "table":
            width = max(len(row) for row in block["rows"])
            block["rows"] = [row + [""] * (width - len(row)) for row in block["rows"]]
            block["columns"] = ["1fr", date_column or "auto"] if width == 2 else ["auto"] * (width - 1) + ["1fr"]
    return blocks


def report_pdf(text: str, *, urn: str, layout: str = "plain", provider: str = "") -> bytes:
    chosen = LAYOUTS[layout]
    data = {
        "urn": urn,
        "provider": provider,
        "layout": chosen,
        "blocks": report_blocks(text, chosen.get("date_column")),
    }
    pdf: bytes = typst.compile(TEMPLATE.read_bytes(), sys_inputs={"data": json.dumps(data)})
    return pdf
