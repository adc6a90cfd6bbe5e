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


def _squeezed(line: str) -> str:
    return re.sub(r" *\t[ \t]*", "\t", re.sub(r"[ \u2002\u2003\u2009]+", " ", line)).strip(" \t")


_PAGE_CELL = re.compile(
    r"^(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?[\t ]+|[\t ]+(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?$", re.I
)
_TITLE = re.compile(r"(?:children[\u2019']s home )?inspection report\b.{0,100}", re.IGNORECASE)
EDGE_LINES = 3  # a running header or footer is among the first or last lines of a page


def _is_running_line(line: str) -> bool:
    """A page number, the running header, or either beside the report's title ("Inspection report
    for children's home: SC123456    Page 3 of 9", "3  Children's home inspection report")."""
    if _PAGE_NUMBER.fullmatch(line) or _RUNNING_HEADER.fullmatch(line):
        return True
    rest = _PAGE_CELL.sub("", line)
    return rest != line and bool(_RUNNING_HEADER.fullmatch(rest) or _TITLE.fullmatch(rest))


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.lower().split()))


def _repeated_edges(pages: list[list[str]]) -> set[str]:
    """The shapes (numbers masked) of lines at the top or bottom of most pages: headers and footers,
    whatever they say, such as a provider's name beside the page number. A requirements table's
    own header row, repeated on each page it spans, is left for the parser."""
    if len(pages) < 2:
        return set()
    seen: dict[str, int] = {}
    for page in pages:
        filled = [line for line in page if line]
        for shape in {_shape(line) for line in filled[:EDGE_LINES] + filled[-EDGE_LINES:]}:
            seen[shape] = seen.get(shape, 0) + 1
    return {
        shape
        for shape, count in seen.items()
        if count >= max(2, (len(pages) + 1) // 2)
        and len(shape) >= 8
        and not re.fullmatch(r"requirements? due dates?", shape)
    }


_LINE_END_HYPHEN = re.compile(r"([A-Za-z]+)-$")
# Endings automatic hyphenation leaves on the next line ("follow-" "ing"): never a word of their own.
_SUFFIX = re.compile(
    r"(?:ing|ings|ed|ers?|est|ly|tions?|sions?|ments?|ness|ity|ities|ous|ive|ives|able|ible|ally|ance|ence|ised?|ized?|ful|less|ship)"
)


def _rejoin_hyphens(lines: list[str]) -> list[str]:
    """A word a PDF broke at a hyphen at the end of a line (or of a table row's first cell) is made
    whole again: "record-" then "keeping" gives "record-keeping" on the first line. The hyphen goes
    only where the document writes the word whole elsewhere, it is a month ("Decem-" "ber"), or the
    rest is an ending ("follow-" "ing"): reports are not hyphenated by their publisher, so a hyphen
    at a line end is most often the word's own. A word hyphenated automatically into two words
    ("under-" "stand") keeps its hyphen: telling those apart needs a dictionary."""
    text = " ".join(lines).lower()
    words = set(re.findall(r"[a-z]+", text)) | set(MONTHS)
    out = list(lines)
    for index in range(len(out) - 1):
        # Some typesetters repeat a hard hyphen at the start of the next line: "missing-from", "-care".
        repeated = re.match(r"-([a-z][A-Za-z]*)", out[index + 1])
        if repeated and re.search(r"[A-Za-z]$", out[index].partition("\t")[0]):
            out[index + 1] = out[index + 1][1:]
            first, tab, cells = out[index].partition("\t")
            out[index] = f"{first}-{tab}{cells}"
        first, _, cells = out[index].partition("\t")
        match = _LINE_END_HYPHEN.search(first)
        following_first, tab, following_cells = out[index + 1].partition("\t")
        head = re.match(r"([a-z][A-Za-z]*(?:-[A-Za-z]+)*)(.*)$", following_first)
        if not match or not head:
            continue
        broken, rest = match.group(1), head.group(1)
        whole = (broken + rest.split("-")[0]).lower()
        keep = f"{broken}-{rest}".lower() in text or (whole not in words and not _SUFFIX.fullmatch(rest.lower()))
        first = first[: match.start()] + (f"{broken}-{rest}" if keep else broken + rest)
        out[index] = first + ("\t" + cells if cells else "")
        out[index + 1] = head.group(2).lstrip() + (tab + following_cells if tab else "")
    return out


_DATE_AFTER_HYPHEN = re.compile(rf"([A-Za-z]-) ((?:{DATE}|\d{{1,2}} {MONTH}))$", re.IGNORECASE)


def _cell_after_hyphen(line: str) -> str:
    """Justified type can close the gap before a table's date cell: "certifi- 31 January". A date
    after a line-end hyphen is in a cell of its own."""
    return _DATE_AFTER_HYPHEN.sub(r"\1\t\2", line)


def clean_lines(raw: str) -> list[str]:
    """The report's lines: tags and entities gone, page numbers, running headers and footers dropped
    (a PDF's pages are split by form feeds), words broken at a line-end hyphen rejoined, spaces
    squeezed (tabs, which separate table cells, kept), blank lines kept as ``""``."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = _TAG.sub(" ", text)
    text = html.unescape(text).replace("\u00a0", " ").replace("\u200b", "").replace("\u00ad", "-")
    pages = [[_cell_after_hyphen(_squeezed(line)) for line in page.split("\n")] for page in text.split("\f")]
    running = _repeated_edges(pages)
    lines = []
    for page in pages:
        for line in page:
            if _is_running_line(line) or (running and _shape(line) in running):
                line = ""
            lines.append(line)
    return _rejoin_hyphens(lines)


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
