"""Print a test report (a text fixture) to PDF with Typst, the way published reports are laid
out: each paragraph on its own, tab-separated lines as table rows. Reading the PDF back gives
the wrapped lines, page numbers, running headers and split table rows that real PDFs give."""

import json
from pathlib import Path
from typing import Any

import typst

from hearth.inspections.parser.text import clean_lines

TEMPLATE = Path(__file__).parent / "report.typ"


def report_blocks(text: str) -> list[dict[str, Any]]:
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
            block["columns"] = ["1fr", "auto"] if width == 2 else ["auto"] * (width - 1) + ["1fr"]
    return blocks


def report_pdf(text: str, *, urn: str) -> bytes:
    pdf: bytes = typst.compile(
        TEMPLATE.read_bytes(), sys_inputs={"data": json.dumps({"urn": urn, "blocks": report_blocks(text)})}
    )
    return pdf
