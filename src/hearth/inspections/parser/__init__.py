"""Reading Ofsted children's home inspection reports (text or PDF) into structured data."""

from pathlib import Path
from typing import Any

from hearth.inspections.parser.report import REPORT_FIELDS, parse_report
from hearth.inspections.parser.text import ReportError, read_report, read_report_bytes

__all__ = [
    "REPORT_FIELDS",
    "ReportError",
    "parse_file",
    "parse_report",
    "read_report_bytes",
]


def parse_file(path: Path) -> dict[str, Any]:
    """Parse the report at ``path``; ``ReportError`` (naming the file) if it is not one."""
    return parse_report(read_report(path), source=path.name)
