"""Annex A as a spreadsheet: the answers first, then one sheet per list, as inspectors are used to
(openpyxl). Dates are real dates and counts real numbers, so an inspector can sort and filter."""

import datetime
import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from hearth.annexa.selectors import AnnexA

BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
ANSWERS = "Answers"
NOT_HELD = "Not held by Hearth"


def _cell_format(value: Any) -> str | None:
    if isinstance(value, datetime.datetime):
        return "d mmm yyyy hh:mm"
    if isinstance(value, datetime.date):
        return "d mmm yyyy"
    return None


def _write(ws: Worksheet, title: str, columns: list[str], rows: list[list[Any]], widths: list[int]) -> None:
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append(columns)
    for cell in ws[2]:
        cell.font = BOLD
    for row in rows:
        ws.append(row)
        for cell in ws[ws.max_row]:
            cell.alignment = WRAP
            fmt = _cell_format(cell.value)
            if fmt:
                cell.number_format = fmt
    ws.freeze_panes = "A3"
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width


def annex_a_workbook(pack: AnnexA) -> bytes:
    book = Workbook()
    answers = book.active
    assert answers is not None
    answers.title = ANSWERS
    _write(
        answers,
        f"Annex A information: {pack.home.name} (URN {pack.home.urn}), {pack.since:%-d %B %Y} to {pack.until:%-d %B %Y}",
        ["No.", "Item", "Answer"],
        [[number, item, answer] for number, item, answer in pack.answers],
        [6, 70, 40],
    )
    for sheet in pack.sheets:
        ws = book.create_sheet(sheet.name[:31])
        widths = [max(12, min(50, len(c) + 4)) for c in sheet.columns]
        rows = sheet.rows or [["None in the period"]]
        _write(ws, sheet.title, sheet.columns, rows, widths)
    held = book.create_sheet(NOT_HELD)
    _write(
        held, "What this pack does not hold, and where to find it", ["Not held"], [[n] for n in pack.not_held], [110]
    )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
