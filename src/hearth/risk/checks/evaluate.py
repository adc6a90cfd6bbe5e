"""Precision and recall of each risk-assessment text check on the labelled examples in ``labelled/``.

Each file holds ``label<TAB>text[<TAB>other child's text]`` lines (1: the check should fire; 0: it
should not). ``names.txt`` lists the invented child and staff names the examples use. The review
date is 22 November 2026 and the child is 15 wherever a check needs them.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from hearth.risk.checks.boundary import boundary_breaches
from hearth.risk.checks.generic import SIMILAR, boilerplate_only, similarity
from hearth.risk.checks.historical import historical_mentions
from hearth.risk.checks.language import child_centred_findings
from hearth.risk.checks.length import MAX_REPEATED_SHARE, repeated_sentence_share

LABELLED = Path(__file__).with_name("labelled")
AS_OF = datetime.date(2026, 11, 22)
AGE = 15


def _names() -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for line in (LABELLED / "names.txt").read_text().splitlines():
        if ":" in line and not line.startswith("#"):
            key, values = line.split(":", 1)
            out[key.strip()] = tuple(v.strip() for v in values.split(",") if v.strip())
    return out


def _predictors() -> dict[str, tuple[str, Callable[[str, str], bool]]]:
    names = _names()
    children, staff = names["children"], names["staff"]
    return {
        "risk.generic_strategy": (
            "generic_strategy.tsv",
            lambda text, other: (
                boilerplate_only(text, children)
                or bool(other and similarity(text, other, children, children) >= SIMILAR)
            ),
        ),
        "risk.boundary_breach": (
            "boundary_breach.tsv",
            lambda text, _: bool(boundary_breaches(text, child_names=children, staff_names=staff)),
        ),
        "records.assessment_too_long": (
            "assessment_too_long.tsv",
            lambda text, _: repeated_sentence_share([text])[0] > MAX_REPEATED_SHARE,
        ),
        "records.historical_in_current": (
            "historical_in_current.tsv",
            lambda text, _: bool(historical_mentions(text, as_of=AS_OF, age=AGE)),
        ),
        "records.not_child_centred": (
            "not_child_centred.tsv",
            lambda text, _: bool(child_centred_findings(text, age=AGE)),
        ),
    }


@dataclass
class CheckScore:
    code: str
    examples: int = 0
    true_pos: int = 0
    false_pos: int = 0
    false_neg: int = 0
    true_neg: int = 0
    mistakes: list[tuple[bool, str]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_pos + self.false_pos
        return self.true_pos / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_pos + self.false_neg
        return self.true_pos / wanted if wanted else 1.0


def load_examples(path: Path) -> list[tuple[bool, str, str]]:
    rows = []
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if parts[0] not in ("0", "1") or len(parts) not in (2, 3):
            raise ValueError(f"{path.name}, line {number}: expected 'label<TAB>text[<TAB>other]', got {line[:60]!r}")
        rows.append((parts[0] == "1", parts[1], parts[2] if len(parts) == 3 else ""))
    return rows


HELD_OUT = LABELLED / "heldout"
# What each set of examples has been used for (docs/risk-assessment-checks.md).
USED_FOR = {
    "labelled": "the tuning set: the checks were written and tuned on these",
    "heldout": "held-out set 1: written after the first version; its misses were read in issue 19, so it is no longer unseen",
    "heldout-2": "held-out set 2: written before the issue 19 rebuild; its mistakes were never read while tuning",
}


def evaluate(only: str | None = None, folder: Path = LABELLED) -> list[CheckScore]:
    """Score every check (or ``only`` one) on the examples in ``folder``: the tuning set by default,
    or ``HELD_OUT``, written after tuning and never used to tune."""
    scores = []
    for code, (filename, predict) in _predictors().items():
        if only and code != only:
            continue
        if not (folder / filename).exists():
            continue  # a later held-out set covers only the checks it was written for
        score = CheckScore(code)
        for expected, text, other in load_examples(folder / filename):
            found = predict(text, other)
            score.examples += 1
            if found and expected:
                score.true_pos += 1
            elif found:
                score.false_pos += 1
                score.mistakes.append((expected, text))
            elif expected:
                score.false_neg += 1
                score.mistakes.append((expected, text))
            else:
                score.true_neg += 1
        scores.append(score)
    return scores
