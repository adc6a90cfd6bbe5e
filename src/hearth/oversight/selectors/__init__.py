"""Reads for oversight, split by what they serve; import from here."""

from hearth.oversight.selectors.findings import (
    STANDARD_ORDER,
    Requirement,
    findings_by_standard,
    mock_inspection,
    severity_counts,
)
from hearth.oversight.selectors.queue import ReviewItem, review_queue

__all__ = [
    "STANDARD_ORDER",
    "Requirement",
    "ReviewItem",
    "findings_by_standard",
    "mock_inspection",
    "review_queue",
    "severity_counts",
]
