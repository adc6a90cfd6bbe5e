"""Precision and recall of the indicator lexicons on the labelled examples beside this file."""

from dataclasses import dataclass
from pathlib import Path

from hearth.risk.indicators.lexicon import CATEGORIES, categories_in

LABELLED = Path(__file__).with_name("labelled.tsv")


@dataclass
class Score:
    true_pos: int = 0
    false_pos: int = 0
    false_neg: int = 0

    @property
    def precision(self) -> float:
        found = self.true_pos + self.false_pos
        return self.true_pos / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_pos + self.false_neg
        return self.true_pos / wanted if wanted else 1.0


@dataclass
class Evaluation:
    examples: int
    per_category: dict[str, Score]
    any_concern: Score  # does the sentence prompt at all, whatever the category?
    mistakes: list[tuple[str, set[str], set[str]]]


def load_examples(path: Path = LABELLED) -> list[tuple[set[str], str]]:
    examples = []
    for line in path.read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        labels, sentence = line.split("\t", 1)
        expected = set() if labels == "-" else set(labels.split(","))
        unknown = expected - set(CATEGORIES)
        if unknown:
            raise ValueError(f"{path}: unknown category {sorted(unknown)} in: {sentence}")
        examples.append((expected, sentence))
    return examples


def evaluate(path: Path = LABELLED) -> Evaluation:
    examples = load_examples(path)
    per = {c: Score() for c in CATEGORIES}
    overall = Score()
    mistakes = []
    for expected, sentence in examples:
        found = set(categories_in(sentence))
        for c in CATEGORIES:
            if c in found and c in expected:
                per[c].true_pos += 1
            elif c in found:
                per[c].false_pos += 1
            elif c in expected:
                per[c].false_neg += 1
        if found and expected:
            overall.true_pos += 1
        elif found:
            overall.false_pos += 1
        elif expected:
            overall.false_neg += 1
        if found != expected:
            mistakes.append((sentence, expected, found))
    return Evaluation(len(examples), per, overall, mistakes)
