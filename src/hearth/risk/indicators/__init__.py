"""Possible-concern indicators in free text (rules.md "Domains and indicators"; domain.md section 9).

``detect(text)`` returns the concern categories the text shows, each with the words that led to
it, so that a person can see why. Nothing here decides anything: it prompts a human to raise an
incident or review a risk assessment. docs/concern-detection.md describes the method and the
labelled corpus it is measured on.
"""

from hearth.risk.indicators.detector import (
    CATEGORIES,
    CATEGORY_LABELS,
    DETECTOR_VERSION,
    Match,
    categories_in,
    concern_label,
    detect,
    exploitation_categories,
)

# The version stored with each log entry (``LogEntry.lexicon_version``).
LEXICON_VERSION = DETECTOR_VERSION

__all__ = [
    "CATEGORIES",
    "CATEGORY_LABELS",
    "DETECTOR_VERSION",
    "LEXICON_VERSION",
    "Match",
    "categories_in",
    "concern_label",
    "detect",
    "exploitation_categories",
]
