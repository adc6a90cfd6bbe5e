"""Possible-concern indicators in free text (rules.md "Domains and indicators"; domain.md section 9).

``detect(text)`` returns the indicator categories the text shows, each with the words that
matched, so that a person can see why. Nothing here decides anything: it prompts a human to
raise an incident or review a risk assessment.
"""

from hearth.risk.indicators.lexicon import CATEGORIES, LEXICON_VERSION, Match, detect, exploitation_categories

__all__ = ["CATEGORIES", "LEXICON_VERSION", "Match", "detect", "exploitation_categories"]
