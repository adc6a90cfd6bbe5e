"""The report's tables and lists: statutory requirements, recommendations and the recent
inspection history, each rebuilt whole from however extraction left it.

A requirement can reach the parser split over several rows, with its due date on the first,
the last or a row of its own, with an asterisk marking a compliance notice and a footnote
explaining it. A new requirement is recognised by how Ofsted begins one ("The ... standard is
that", "The registered person must", ...) after a line that ended a sentence; its due date is
the one date cell among its rows.
"""

import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from hearth.inspections.parser.text import DATE, DATE_RE, MONTH, parse_date

_REQUIREMENT_START = re.compile(
    r"(?:\*\s*)?(?:The [\w'\u2019 -]{1,60} standard is\b|The registered (?:person|provider|manager)\b"
    r"|Regulation \d|Schedule \d|In order to meet\b)"
)
_TABLE_HEADER = re.compile(r"requirements?[\t ]+due dates?", re.IGNORECASE)
_FOOTNOTE = re.compile(r"\*.{0,200}compliance notice", re.IGNORECASE)
_TRAILING_DATE = re.compile(rf"^(.*?)[\t ]+({DATE})$", re.IGNORECASE)
_NOT_A_DUE_DATE_BEFORE = re.compile(r"\b(?:on|by|from|since|dated|of|before|after|until|between|and)$", re.IGNORECASE)
_BULLET = re.compile(r"^(?:[\u25a0\u2022\u25aa\u25cf\u25fc\u00b7\u2013-]\s*|\d{1,2}[.)]\s+)")


@dataclass
class _Row:
    lines: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)


def _split_due_date(line: str) -> tuple[str, str | None]:
    """A line's text and the due date in its last cell, if it has one."""
    cells = [c.strip() for c in line.split("\t")]
    if len(cells) > 1 and DATE_RE.fullmatch(cells[-1]):
        return " ".join(c for c in cells[:-1] if c), cells[-1]
    if DATE_RE.fullmatch(line.strip()):
        return "", line.strip()
    trailing = _TRAILING_DATE.match(" ".join(c for c in cells if c))
    if trailing and not _NOT_A_DUE_DATE_BEFORE.search(trailing.group(1)):
        return trailing.group(1), trailing.group(2)
    return " ".join(c for c in cells if c), None


# A piece of a due date that a narrow column wrapped over lines: "15", "January", "Decem-", "ber
# 2021", "2021", "07/04/".
_DATE_PIECE = re.compile(
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?(?:\s+{MONTH}\.?)?(?:\s+\d{{4}})?|{MONTH}\.?(?:\s+\d{{4}})?|[A-Za-z]{{2,6}}-"
    rf"|\d{{1,2}}\s+[A-Za-z]{{2,6}}-|\d{{4}}|\d{{1,2}}/(?:\d{{1,2}}/?)?|/?\d{{4}})",
    re.IGNORECASE,
)
_MONTH_END = re.compile(r"[a-z]{2,7}(?:\s+\d{4})?")  # the rest of a month a hyphen broke: "ber 2021"


def _date_piece(line: str, pieces: list[str]) -> tuple[str, str] | None:
    """The line's text and the piece of a wrapped due date in its last cell, if that is what it
    holds; a line that is only a piece counts while a date is being collected (``pieces``)."""
    cells = [c.strip() for c in line.split("\t")]
    if len(cells) > 2 and _DATE_PIECE.fullmatch(f"{cells[-2]} {cells[-1]}"):  # justified: "10", "Decem-"
        cells = [*cells[:-2], f"{cells[-2]} {cells[-1]}"]
    last = cells[-1]
    after_hyphen = bool(pieces) and pieces[-1].endswith("-")
    if DATE_RE.fullmatch(last) or not (_DATE_PIECE.fullmatch(last) or (after_hyphen and _MONTH_END.fullmatch(last))):
        return None
    collecting = bool(pieces)
    if len(cells) > 1:
        return " ".join(c for c in cells[:-1] if c), last
    if collecting or re.search(MONTH, last, re.IGNORECASE):
        return "", last
    return None


_DAY_MONTH_AT_END = re.compile(rf"^(.*\S) (\d{{1,2}}(?:st|nd|rd|th)? {MONTH}\.?)$", re.IGNORECASE)
_YEAR_CELL = re.compile(r"(?:^|\t)\d{4}$")


def _cells_before_years(lines: list[str]) -> list[str]:
    """A browser's narrow cell padding can leave no gap before a due date's first line ("... of the
    10 December", then "impact on ...\t2021"): a day and month ending a line, when the next line
    ends in a year cell, are a cell of their own."""
    out = list(lines)
    for index, line in enumerate(out[:-1]):
        following = next((later for later in out[index + 1 :] if later), "")
        match = _DAY_MONTH_AT_END.match(line)
        if (
            "\t" not in line
            and match
            and _YEAR_CELL.search(following)
            and not _NOT_A_DUE_DATE_BEFORE.search(match.group(1))
        ):
            out[index] = f"{match.group(1)}\t{match.group(2)}"
    return out


def _pieces_joined(pieces: list[str]) -> str:
    text = ""
    for piece in pieces:
        text = text[:-1] + piece if text.endswith("-") else f"{text} {piece}".strip()
    return text


def _tidy(text: str) -> str:
    text = " ".join(text.split())
    text = re.sub(r"\s+([,.;:)])", r"\1", text)
    return re.sub(r"\(\s+", "(", text)


def _inside_citation(text: str) -> bool:
    """Whether ``text`` ends inside a "(Regulation ..." that has not closed yet."""
    start = text.rfind("(Regulation")
    return start >= 0 and text.count("(", start) > text.count(")", start)


def _join(lines: list[str]) -> str:
    """Rows rejoined; a citation a PDF wrapped between ")" and "(" ("(ix)" then "(x))") is rejoined
    without a space, however long it is."""
    text = ""
    for line in lines:
        text += line if text.endswith(")") and line.startswith("(") and _inside_citation(text) else " " + line
    return text


CITATION_SPAN = 300  # the longest bracketed citation in any report is under 120 characters


def regulation_citations(text: str) -> list[str]:
    """The regulations a requirement cites, compact: "(Regulation 12 (1) (2)(a)(i))" gives
    ``["12(1)(2)(a)(i)"]``; "(Regulations 12(1) and 13(2)(a))" gives two."""
    found: list[str] = []
    for start in (m.start() for m in re.finditer(r"\(\s*Regulations?\b", text)):
        depth, end = 0, None
        for index in range(start, min(len(text), start + CITATION_SPAN)):  # linear: a citation is short
            if text[index] == "(":
                depth += 1
            elif text[index] == ")":
                depth -= 1
                if depth == 0:
                    end = index
                    break
        inner = text[start + 1 : end] if end else text[start + 1 : start + CITATION_SPAN]
        inner = re.sub(r"^\s*Regulations?\s*", "", inner)
        for part in re.split(r"\s*(?:,|;|\band\b|&)\s*(?:Regulations?\s*)?", inner):
            citation = re.sub(r"\s+", "", part)
            if re.fullmatch(r"\d{1,3}[A-Z]?(?:\([0-9a-zA-Z]{1,5}\))*", citation) and citation not in found:
                found.append(citation)
    return found


def requirements(lines: list[str]) -> tuple[list[dict[str, Any]], list[str]]:
    """The statutory requirements in the lines of their section, and what could not be read."""
    problems: list[str] = []
    if any(_TABLE_HEADER.fullmatch(line) for line in lines):
        first = next(i for i, line in enumerate(lines) if _TABLE_HEADER.fullmatch(line))
        lines = lines[first + 1 :]
    else:
        preamble_end = next((i for i, line in enumerate(lines) if line.endswith("given timescales.")), -1)
        lines = lines[preamble_end + 1 :]
    rows: list[_Row] = []
    pending: list[str] = []
    pieces: list[str] = []
    previous_text = ""
    in_footnote = False
    lines = _cells_before_years(lines)
    for line in lines:
        if not line or _TABLE_HEADER.fullmatch(line):
            in_footnote = False
            continue
        if _FOOTNOTE.match(line) and "(Regulation" not in line:
            in_footnote = not re.search(r"\.$", line)  # a footnote a narrow page wrapped goes on
            continue
        if in_footnote and "\t" not in line and not _REQUIREMENT_START.match(line):
            in_footnote = not re.search(r"\.$", line)
            continue
        in_footnote = False
        piece = _date_piece(line, pieces)
        if piece is not None:
            text, due = piece[0], None
            if re.match(r"\d{1,2}\b(?!/)", piece[1]):  # a day begins a date: start again
                pieces = []
            pieces.append(piece[1])
            if DATE_RE.fullmatch(_pieces_joined(pieces)):
                due, pieces = _pieces_joined(pieces), []
        else:
            text, due = _split_due_date(line)
        starts = bool(text) and bool(_REQUIREMENT_START.match(text))
        if starts and (not rows or re.search(r"[.)*]$", previous_text)):
            rows.append(_Row(dates=pending))
            pending = []
        if not rows:
            if due:
                pending.append(due)
            continue
        if text:
            rows[-1].lines.append(text)
            previous_text = text
        if due:
            rows[-1].dates.append(due)
    for this, following in itertools.pairwise(rows):
        if len(this.dates) > 1 and not following.dates:
            following.dates.append(this.dates.pop())
    found = []
    for number, row in enumerate(rows, start=1):
        text = _tidy(_join(row.lines))
        notice = text.startswith("*") or text.endswith("*")
        text = text.strip("* ").strip()
        due_on = parse_date(row.dates[0]) if len(row.dates) == 1 else None
        if not row.dates:
            problems.append(f"requirement {number}: no due date found")
        elif len(row.dates) > 1:
            problems.append(f"requirement {number}: more than one due date ({', '.join(row.dates)}); none is taken")
        elif due_on is None:
            problems.append(f"requirement {number}: the due date “{row.dates[0]}” is not a real date")
        citations = regulation_citations(text)
        if not citations:
            problems.append(f"requirement {number}: no regulation cited")
        found.append(
            {
                "text": text,
                "regulations": citations,
                "due_date": due_on.isoformat() if due_on else None,
                "compliance_notice": notice,
            }
        )
    return found, problems


_GUIDE = re.compile(
    r"Guide to the children[\u2019']s homes regulations[^)]{0,200}?(?:page\s+(\d+))?\s*,?\s*"
    r"(?:paragraphs?\s+(\d+(?:\.\d+)*(?:\s*(?:,|and|&|-|\u2013)\s*\d+(?:\.\d+)*)*))?\)",
    re.IGNORECASE,
)


def guide_reference(text: str) -> dict[str, Any] | None:
    """The Guide page and paragraphs a recommendation cites, or None if it cites none."""
    match = _GUIDE.search(text)
    if match is None:
        return None
    paragraphs = re.findall(r"\d+(?:\.\d+)+|\d+", match.group(2) or "")
    return {"page": int(match.group(1)) if match.group(1) else None, "paragraphs": paragraphs}


def recommendations(lines: list[str]) -> list[dict[str, Any]]:
    """The recommendations: one per bullet, or per paragraph where there are no bullets."""
    bulleted = any(_BULLET.match(line) for line in lines if line)
    items: list[list[str]] = []
    previous = ""
    for line in lines:
        if not line:
            if not bulleted:
                items.append([])
            previous = ""
            continue
        starts_item = (
            _BULLET.match(line)
            if bulleted
            else (line.startswith("The registered person should") and re.search(r"[.)]$", previous))
        )
        if starts_item or not items:
            items.append([])
        items[-1].append(_BULLET.sub("", line) if bulleted else line)
        previous = line
    found = []
    for item in items:
        text = _tidy(" ".join(item))
        if text:
            found.append({"text": text, "guide_reference": guide_reference(text)})
    return found


_HISTORY_LABELS = re.compile(r"\binspection (?:date|type|judgement)s?\b", re.IGNORECASE)
_HISTORY_TYPE = re.compile(
    r"^(full|interim|monitoring|assurance|support and protect|emergency)(?:\s+(?:inspection|visit))?\b", re.IGNORECASE
)


def history(lines: list[str]) -> tuple[list[dict[str, Any]], list[str]]:
    """The recent inspection history, from a table with a header row or from run-on lines such
    as ``Inspection date 24/09/2019 Inspection type Full Inspection judgement Good``."""
    text = _HISTORY_LABELS.sub(" ", " ".join(line.replace("\t", " ") for line in lines))
    text = " ".join(text.split())
    dates = list(DATE_RE.finditer(text))
    found, problems = [], []
    for index, match in enumerate(dates):
        rest = text[match.end() : dates[index + 1].start() if index + 1 < len(dates) else len(text)].strip(" :")
        day = parse_date(match.group(0))
        kind = _HISTORY_TYPE.match(rest)
        if day is None or kind is None:
            problems.append(f"history row {index + 1}: could not read “{_tidy(match.group(0) + ' ' + rest)[:80]}”")
            continue
        judgement = rest[kind.end() :].strip(" :")
        found.append(
            {
                "date": day.isoformat(),
                "type": kind.group(1).lower(),
                "judgement": normalise_judgement(judgement) if judgement else None,
            }
        )
    return found, problems


def normalise_judgement(text: str) -> str:
    """Judgement wording in one form: lower case, "requires improvement" in full."""
    text = " ".join(text.split()).strip(" .").lower()
    if text == "requires improvement":
        return "requires improvement to be good"
    return text
