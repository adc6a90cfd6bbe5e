"""One Ofsted children's home report, as structured data (docs/ofsted-format.md).

``parse_report`` never guesses: a field it cannot find is null (or an empty list) and a line in
``problems`` names it. Text that is not an inspection report raises ``ReportError``.
"""

import re
from typing import Any

from hearth.inspections.parser import tables
from hearth.inspections.parser.text import DATE_RE, MONTH, ReportError, clean_lines, parse_date, parse_date_range

# The report's fields, in the order the JSON gives them (docs/ofsted-format.md), after "file".
REPORT_FIELDS = (
    "urn",
    "provider",
    "inspection_type",
    "inspection_dates",
    "judgements",
    "history",
    "requirements",
    "recommendations",
    "enforcement",
    "details",
)
JUDGEMENT_AREAS = {
    "overall_experiences_and_progress": r"overall experiences and progress of children and young people",
    "help_and_protection": r"how well children and young people are helped and protected",
    "leadership_and_management": r"(?:the\s+)?effectiveness of leaders and managers",
}
JUDGEMENT_WORDS = {  # the labels' words, for a table that wrapped a label and its grade into each other
    "overall_experiences_and_progress": "overall experiences and progress of children and young people",
    "help_and_protection": "how well children and young people are helped and protected",
    "leadership_and_management": "effectiveness of leaders and managers",
}
GRADE = r"(outstanding|good|requires\s+improvement(?:\s+to\s+be\s+good)?|inadequate)"
INTERIM_OUTCOME = re.compile(r"\b(improved|sustained|declined in)\s+(?:its\s+)?effectiveness\b", re.IGNORECASE)

_HEADINGS = {
    "history": r"recent inspection history",
    "improve": r"what does the children[\u2019']s home need to do to improve\??",
    "requirements": r"statutory requirements",
    "recommendations": r"recommendations?",
    "information": r"information about this inspection",
    "judgements": r"inspection judgements",
    "details": r"children[\u2019']s home details",
    "inspectors": r"inspectors?",
    "footer": r"the office for standards in education.*|if you would like a copy of this document.*|\u00a9 crown copyright.*",
}
_TYPE_LINE = re.compile(r"(full|interim|monitoring|assurance)\s+(?:inspection|visit)\b", re.IGNORECASE)
_DETAIL_LABELS = {
    "urn": r"unique reference number",
    "sub_type": r"provision sub-type",
    "provider_address": r"registered provider address",
    "provider": r"registered provider",
    "responsible_individual": r"responsible individual",
    "registered_manager": r"registered managers?",
}
_ENFORCEMENT = {
    "compliance_notice": r"compliance notices?",
    "restriction_of_accommodation_notice": r"(?:notices?\s+(?:of\s+)?restrict\w*\s+(?:of\s+)?accommodation"
    r"|restriction\s+of\s+accommodation\s+notices?|restricting\s+accommodation)",
    "suspension_notice": r"(?:suspension\s+notices?|notices?\s+of\s+suspension|suspended\s+(?:the\s+)?registration)",
    "notice_of_proposal": r"notices?\s+of\s+proposal",
    "notice_of_decision": r"notices?\s+of\s+decision",
}
_URN = re.compile(r"(?:SC)?\d{6,7}", re.IGNORECASE)


def _heading_index(lines: list[str], key: str, start: int = 0) -> int | None:
    pattern = re.compile(_HEADINGS[key] + r"\s*:?", re.IGNORECASE)
    return next((i for i in range(start, len(lines)) if pattern.fullmatch(lines[i])), None)


def _section(lines: list[str], key: str, headings: dict[str, int]) -> list[str] | None:
    """The lines under a heading, up to the next heading of any kind; None if it is absent."""
    start = headings.get(key)
    if start is None:
        return None
    later = [index for index in headings.values() if index > start]
    return lines[start + 1 : min(later) if later else len(lines)]


def is_report(lines: list[str]) -> bool:
    text = "\n".join(lines[:400]).lower()
    return "social care common inspection framework" in text or "unique reference number" in text


def parse_report(raw: str, *, source: str) -> dict[str, Any]:
    """Everything the importer needs from one report's text."""
    lines = clean_lines(raw)
    if not is_report(lines):
        raise ReportError(
            f"{source}: is not an Ofsted inspection report (it has neither “social care common inspection "
            "framework” nor “Unique reference number”)."
        )
    headings = {key: i for key in _HEADINGS if (i := _heading_index(lines, key)) is not None}
    problems: list[str] = []
    top = lines[: headings.get("history", headings.get("improve", headings.get("details", len(lines))))]
    details = _details(_section(lines, "details", headings) or [], _section(lines, "inspectors", headings), problems)
    report: dict[str, Any] = {
        "file": source,
        "urn": _urn(top, details.pop("urn"), problems),
        "provider": details.pop("provider") or _top_provider(top),
        "inspection_type": _inspection_type(top),
        "inspection_dates": _inspection_dates(top),
    }
    report["judgements"] = _judgements(top, report["inspection_type"], problems)
    history_lines = _section(lines, "history", headings)
    report["history"], history_problems = tables.history(history_lines) if history_lines else ([], [])
    problems += history_problems
    requirement_lines = _section(lines, "requirements", headings)
    report["requirements"], requirement_problems = (
        tables.requirements(requirement_lines) if requirement_lines is not None else ([], [])
    )
    problems += requirement_problems
    recommendation_lines = _section(lines, "recommendations", headings)
    report["recommendations"] = tables.recommendations(recommendation_lines) if recommendation_lines else []
    report["enforcement"] = _enforcement(lines[: headings.get("footer", len(lines))])
    report["details"] = details
    for key in ("urn", "provider", "inspection_type", "inspection_dates"):
        label = key.replace("_", " ")
        if report[key] is None and not any(p.startswith(f"{label}:") for p in problems):
            problems.append(f"{label}: not found")
    report["problems"] = problems
    return report


def _urn(top: list[str], detailed: str | None, problems: list[str]) -> str | None:
    alone = next((line.upper() for line in top[:30] if _URN.fullmatch(line)), None)
    if alone and detailed and alone.removeprefix("SC") != detailed.removeprefix("SC"):
        problems.append(f"urn: {alone} at the top but {detailed} under “Unique reference number”")
        return None
    return detailed or alone


def _top_provider(top: list[str]) -> str | None:
    """The provider's name, printed on the line after the URN at the top of the report."""
    filled = [line for line in top[:30] if line]
    for index, line in enumerate(filled[:-1]):
        if _URN.fullmatch(line):
            following = filled[index + 1]
            return None if _TYPE_LINE.match(following) else following
    return None


def _inspection_type(top: list[str]) -> str | None:
    for line in top[:40]:
        match = _TYPE_LINE.match(line)
        if match:
            return match.group(1).lower()
    return None


def _inspection_dates(top: list[str]) -> dict[str, str] | None:
    for index, line in enumerate(top):
        match = re.match(r"(?:inspection|visit) dates?\s*:?\s*(.*)$", line, re.IGNORECASE)
        if match:
            value = match.group(1) or next((later for later in top[index + 1 : index + 3] if later), "")
            found = parse_date_range(value)
            if found:
                return {"start": found[0].isoformat(), "end": found[1].isoformat()}
    return None


def _judgements(top: list[str], inspection_type: str | None, problems: list[str]) -> dict[str, str]:
    """Full inspections: three graded areas. Interim: improved, sustained or declined in
    effectiveness. Monitoring and assurance visits: none."""
    text = " ".join(" ".join(_grades_after_labels(top)).split())
    if inspection_type == "interim":
        outcome = INTERIM_OUTCOME.search(text)
        if outcome is None:
            problems.append("judgements: an interim inspection, but no improved/sustained/declined outcome found")
            return {}
        return {"effectiveness": f"{outcome.group(1).lower()} effectiveness"}
    if inspection_type != "full":
        return {}
    found = {}
    for area, label in JUDGEMENT_AREAS.items():
        # "taking into account" may wrap round the grade in a PDF: "taking into good account".
        match = re.search(label + r"(?:[\s,:\-\u2013]|taking|into|account)*" + GRADE + r"\b", text, re.IGNORECASE)
        grade = match.group(1) if match else _interleaved_grade(text, JUDGEMENT_WORDS[area])
        if grade:
            found[area] = tables.normalise_judgement(grade)
        else:
            problems.append(f"judgements: {area.replace('_', ' ')} not found")
    return found


_GRADE_WORDS = {"requires", "improvement", "to", "be", "good", "outstanding", "inadequate"}


def _interleaved_grade(text: str, label: str) -> str | None:
    """The grade of a judgement whose label and grade a narrow table wrapped into each other
    ("... children and young requires / people, taking into account improvement to / be good"):
    the label's words in order, with the grade's words gathered from between and after them."""
    words = re.findall(r"[a-z]+", text.lower())
    wanted = label.split()
    for start in (i for i, w in enumerate(words) if w == wanted[0]):
        at, grade = start, []
        for want in wanted:
            while at < len(words) and words[at] != want and words[at] in _GRADE_WORDS:
                grade.append(words[at])
                at += 1
            if at >= len(words) or words[at] != want:
                break
            at += 1
        else:
            while at < len(words) and (words[at] in _GRADE_WORDS or words[at] in ("taking", "into", "account")):
                if words[at] in _GRADE_WORDS:
                    grade.append(words[at])
                at += 1
            joined = " ".join(grade)
            return joined if re.fullmatch(GRADE, joined) else None
    return None


_GRADE_CELL = re.compile(r"^(.*)\t" + GRADE + r"$", re.IGNORECASE)


def _grades_after_labels(top: list[str]) -> list[str]:
    """The judgements table with each grade after its whole label: a narrow page wraps a label
    ("Overall experiences and progress of" + grade, then "children and young people, taking into",
    "account"), and the grade belongs after the lines that continue it (they begin in lower case)."""
    out: list[str] = []
    held: str | None = None
    for line in top:
        continues = bool(re.match(r"[a-z]", line))
        if held is not None and not continues:
            out[-1] += f" {held}"
            held = None
        cell = _GRADE_CELL.match(line)
        if cell and held is None:
            out.append(cell.group(1))
            held = cell.group(2)
        else:
            out.append(line)
    if held is not None:
        out[-1] += f" {held}"
    return out


def _details(lines: list[str], inspector_lines: list[str] | None, problems: list[str]) -> dict[str, Any]:
    """The "Children's home details" block: label: value lines, a value running on to the next
    line where the PDF wrapped it."""
    values: dict[str, Any] = dict.fromkeys(_DETAIL_LABELS)
    current = None
    for line in lines:
        if not line:
            current = None
            continue
        for key, label in _DETAIL_LABELS.items():
            match = re.match(label + r"\s*(?::|\t)\s*(.*)$", line, re.IGNORECASE)
            if match:
                current = key
                values[key] = match.group(1).strip() or None
                break
        else:
            if current and current in ("provider_address", "provider") and values[current]:
                values[current] += " " + line
    details: dict[str, Any] = {key: values[key] for key in ("sub_type", "provider_address")}
    details |= {key: values[key] for key in ("responsible_individual", "registered_manager")}
    details["inspectors"] = _inspectors(inspector_lines or [])
    for key in ("sub_type", "provider_address", "responsible_individual", "registered_manager"):
        if details[key] is None:
            problems.append(f"details.{key}: not found")
    if not details["inspectors"]:
        problems.append("details.inspectors: not found")
    details["urn"], details["provider"] = values["urn"], values["provider"]
    return details


def _inspectors(lines: list[str]) -> list[dict[str, str | None]]:
    found: list[dict[str, str | None]] = []
    for line in lines:
        if not line:
            continue
        if len(line) > 120 or DATE_RE.search(line) or (found and "," not in line):
            break
        name, _, role = (part.strip() for part in line.partition(","))
        found.append({"name": name, "role": role or None})
    return found


def _sentences(lines: list[str]) -> list[str]:
    """Sentences, also broken where a line ends without punctuation before a capital (a heading
    or a table cell), so a notice's date is not taken from the line above it."""
    text = ""
    for line in lines:
        line = line.replace("\t", " ").strip()
        if not line:
            text += "\n"
        elif (
            text
            and not text.endswith("\n")
            and not re.search(r"[.,;:(\u2014-]$", text)
            and line[:1].isupper()
            and not (re.search(r"\d$", text) and re.match(MONTH, line, re.IGNORECASE))  # "on 12" / "November 2018"
        ):
            text += "\n" + line
        else:
            text += " " + line
    return [s.strip("* ") for part in text.split("\n") for s in re.split(r"(?<=[.!?])\s+(?=[A-Z*])", part) if s.strip()]


def _enforcement(lines: list[str]) -> list[dict[str, Any]]:
    """Each notice the report mentions, once: its kind, the date given with it (the first date
    after the mention, else before it), and the sentence."""
    found: dict[tuple[str, str | None], dict[str, Any]] = {}
    for sentence in _sentences(lines):
        if re.match(r"(?:there (?:are|were|have been) no|no)\b", sentence, re.IGNORECASE):
            continue
        for kind, pattern in _ENFORCEMENT.items():
            mention = re.search(pattern, sentence, re.IGNORECASE)
            if mention is None:
                continue
            dates = [(m.start(), parse_date(m.group(0))) for m in DATE_RE.finditer(sentence)]
            after = [day for start, day in dates if start > mention.start() and day]
            before = [day for start, day in dates if start < mention.start() and day]
            day = after[0] if after else (before[-1] if before else None)
            key = (kind, day.isoformat() if day else None)
            found.setdefault(key, {"kind": kind, "date": key[1], "text": " ".join(sentence.split())[:500]})
    return list(found.values())
