"""Documents a home sends out (a Regulation 44 report, a Regulation 45 review, a child's
chronology, a Regulation 40 notification) as A4 PDFs, from one Typst template.

A document is described as data: a title, a caption, sections of labelled rows, paragraphs and
tables. ``document_pdf`` hands it to ``typst/document.typ`` as JSON (``sys.inputs``), so no
record's text is ever read as Typst markup, whatever characters it holds. Each app builds its own
documents from its records (``<app>/documents.py``); the layout is this one file.
"""

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import typst
from django.http import HttpResponse

TEMPLATES = Path(__file__).parent / "typst"


@dataclass(frozen=True)
class Table:
    columns: list[str]
    rows: list[list[str]]
    widths: list[float] = field(default_factory=list)  # centimetres, 0 for "the rest"; empty: equal


@dataclass(frozen=True)
class Section:
    heading: str
    rows: list[tuple[str, str]] = field(default_factory=list)  # (label, value) pairs
    paragraphs: list[str] = field(default_factory=list)
    table: Table | None = None
    empty: str = ""  # said when the section has nothing else


@dataclass(frozen=True)
class Document:
    title: str
    caption: str  # the home, and what the document is from
    footer: str  # on every page, beside "Page n of m"
    sections: list[Section]
    notice: str = "Confidential: about children in care. Keep it securely and share it only with those who need it."


def render_pdf(template: str, data: dict[str, Any]) -> bytes:
    """A Typst template beside this module (or ``template`` as a path), with ``data`` as JSON."""
    path = Path(template) if Path(template).is_absolute() else TEMPLATES / template
    pdf: bytes = typst.compile(path.read_bytes(), sys_inputs={"data": json.dumps(data)})
    return pdf


def document_pdf(document: Document) -> bytes:
    return render_pdf("document.typ", asdict(document))


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    """The PDF as a download named ``filename``."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
