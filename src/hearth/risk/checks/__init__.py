"""Text checks on risk assessments, shown while the writer types and behind the rules.

Each check reads plain text and says what it found and where, in words a manager can act on.
The same functions back the oversight rules ``risk.generic_strategy``, ``risk.boundary_breach``,
``records.assessment_too_long``, ``records.historical_in_current`` and
``records.not_child_centred`` (rules.md), so the warning a writer sees and the finding a manager
sees can never disagree. Nothing here blocks saving: a person decides.

Measured on the labelled examples in ``labelled/`` by ``hearth riskchecks evaluate``.
"""

from hearth.risk.checks.base import TextFinding
from hearth.risk.checks.boundary import boundary_breaches
from hearth.risk.checks.generic import boilerplate_only, generic_strategy_findings, similarity
from hearth.risk.checks.historical import historical_mentions
from hearth.risk.checks.language import child_centred_findings, stigmatising_terms
from hearth.risk.checks.length import length_findings, repeated_sentence_share

__all__ = [
    "TextFinding",
    "boilerplate_only",
    "boundary_breaches",
    "child_centred_findings",
    "generic_strategy_findings",
    "historical_mentions",
    "length_findings",
    "repeated_sentence_share",
    "similarity",
    "stigmatising_terms",
]
