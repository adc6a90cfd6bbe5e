"""Reading a report's words: from a PDF or a text file, without the debris extraction leaves.

Published Ofsted reports are PDFs; text extracted from them keeps page numbers, running
headers, HTML paragraph tags from the publishing system and table cells split by tabs. These
helpers give the parser clean lines (blank lines kept: in text they separate paragraphs) and
read the date forms reports use (``15 January 2021``, ``15/01/2021``, ranges such as
``1 to 2 December 2020``).
"""

import calendar
import datetime
import html
import itertools
import re
from pathlib import Path
from typing import Any


class ReportError(Exception):
    """A file that cannot be read as an inspection report; the message names the file."""


MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")"
WORD_DATE = rf"\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}\.?\s+\d{{4}}"
NUMERIC_DATE = r"\d{1,2}/\d{1,2}/\d{4}"
DATE = rf"(?:{WORD_DATE}|{NUMERIC_DATE})"
DATE_RE = re.compile(DATE, re.IGNORECASE)

_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]{0,300})?/?>")
_PAGE_NUMBER = re.compile(r"(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?", re.IGNORECASE)
_RUNNING_HEADER = re.compile(r"inspection report\b.{0,60}:\s*(?:SC)?\d{6,7}", re.IGNORECASE)
MAX_BYTES = 20 * 1024 * 1024
MAX_TEXT_CHARS = 400_000  # a published report is 30,000 to 80,000 characters (parser/sandbox.py)


def parse_date(text: str) -> datetime.date | None:
    """The date ``text`` is, in either published form, or None (also for impossible dates)."""
    text = text.strip().rstrip(".")
    numeric = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    try:
        if numeric:
            day, month, year = (int(g) for g in numeric.groups())
            return datetime.date(year, month, day)
        words = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?\s+(\d{4})", text)
        if words and words.group(2).lower() in MONTHS:
            return datetime.date(int(words.group(3)), MONTHS[words.group(2).lower()], int(words.group(1)))
    except ValueError:
        return None
    return None


_RANGE = re.compile(
    rf"(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+({MONTH}))?(?:\s+(\d{{4}}))?\s*(?:to|-|\u2013|\u2014|and)\s*({WORD_DATE})",
    re.IGNORECASE,
)
_NUMERIC_RANGE = re.compile(rf"({NUMERIC_DATE})\s*(?:to|-|\u2013|\u2014|and)\s*({NUMERIC_DATE})", re.IGNORECASE)


def parse_date_range(text: str) -> tuple[datetime.date, datetime.date] | None:
    """The first and last day of ``1 to 2 December 2020``, ``30 November to 1 December 2020``,
    ``01/12/2020 to 02/12/2020`` or a single date (start = end); None if there is none."""
    text = " ".join(text.split())
    numeric = _NUMERIC_RANGE.search(text)
    if numeric:
        start, end = parse_date(numeric.group(1)), parse_date(numeric.group(2))
        return (start, end) if start and end and start <= end else None
    ranged = _RANGE.search(text)
    if ranged:
        end = parse_date(ranged.group(4))
        if end is None:
            return None
        month = MONTHS[ranged.group(2).lower()] if ranged.group(2) else end.month
        year = int(ranged.group(3)) if ranged.group(3) else end.year
        if not ranged.group(3) and month > end.month:
            year -= 1
        try:
            start = datetime.date(year, month, int(ranged.group(1)))
        except ValueError:
            return None
        return (start, end) if start <= end else None
    single = DATE_RE.search(text)
    day = parse_date(single.group(0)) if single else None
    return (day, day) if day else None


def clean_lines(raw: str) -> list[str]:
    """The report's lines: tags and entities gone, page numbers and running headers dropped,
    spaces squeezed (tabs, which separate table cells, kept), blank lines kept as ``""``."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = _TAG.sub(" ", text)
    text = html.unescape(text).replace("\u00a0", " ").replace("\u200b", "")
    lines = []
    for line in text.split("\n"):
        line = re.sub(r" *\t[ \t]*", "\t", re.sub(r"[ \u2002\u2003\u2009]+", " ", line)).strip(" \t")
        if _PAGE_NUMBER.fullmatch(line) or _RUNNING_HEADER.fullmatch(line):
            line = ""
        lines.append(line)
    return lines


def read_report(path: Path) -> str:
    """The text of a report file: a PDF's text layer, or a text file (UTF-8 or Windows-1252)."""
    name = path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReportError(f"{name}: cannot be opened ({exc.strerror or exc}).") from None
    return read_report_bytes(data, name=name)


def read_report_bytes(data: bytes, *, name: str) -> str:
    """As ``read_report``, for an upload's bytes."""
    if len(data) > MAX_BYTES:
        raise ReportError(f"{name}: is {len(data) // (1024 * 1024)} MB; a report is at most 20 MB.")
    if not data.strip():
        raise ReportError(f"{name}: is empty.")
    if data.lstrip()[:5] == b"%PDF-":
        return _pdf_text(data, name=name)
    if b"\x00" in data[:4096]:
        raise ReportError(f"{name}: is neither a PDF nor a text file.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    if len(text) > MAX_TEXT_CHARS:
        raise ReportError(f"{name}: holds {len(text):,} characters; a report has at most {MAX_TEXT_CHARS:,}.")
    return text


# A gap between words wider than this (in points) is a gap between table cells: it becomes a tab,
# as in text extracted from the same report, so a due date in its column stays apart from the
# requirement beside it.
CELL_GAP = 9.0


def page_lines(page: Any) -> list[str]:
    """A PDF page's lines, top to bottom, words joined by a space or, across a cell gap, a tab."""
    lines: list[list[dict[str, Any]]] = []
    for word in sorted(page.extract_words(x_tolerance=1.5, y_tolerance=3), key=lambda w: (w["top"], w["x0"])):
        if lines and abs(word["top"] - lines[-1][0]["top"]) <= 3:
            lines[-1].append(word)
        else:
            lines.append([word])
    text = []
    for words in lines:
        words.sort(key=lambda w: w["x0"])
        line = words[0]["text"]
        for before, word in itertools.pairwise(words):
            line += ("\t" if word["x0"] - before["x1"] > CELL_GAP else " ") + word["text"]
        text.append(line)
    return text


def _pdf_text(data: bytes, *, name: str) -> str:
    from hearth.inspections.parser.sandbox import PdfRefused, pdf_text_limited

    try:
        text = pdf_text_limited(data)
    except PdfRefused as exc:
        raise ReportError(f"{name}: is not read, because {exc}.") from None
    except ValueError as exc:  # pdfminer's complaint about a damaged file
        raise ReportError(f"{name}: cannot be read as a PDF ({exc}).") from None
    if not text.strip():
        raise ReportError(f"{name}: the PDF has no text in it (is it a scanned image?).")
    return text
