"""The labelled corpus beside this file, and the detector's precision and recall on it.

``corpus/tuning/*.tsv`` is what the detector was tuned on; ``corpus/test/*.tsv`` was written from
other sources, committed before the detector was rebuilt, and never tuned on: its figures are the
ones that say what a new writer's words would get. Each file is one source; each line is
``labels<TAB>register<TAB>sentence`` (labels comma-separated, or ``-`` for none).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from hearth.risk.indicators.detector import CATEGORIES, categories_in

CORPUS = Path(__file__).with_name("corpus")
SPLITS = ("tuning", "test")
REGISTERS = frozenset({"terse", "narrative", "misspelt", "textspeak", "slang", "child_words", "formal", "first_wave"})


@dataclass(frozen=True)
class Example:
    labels: frozenset[str]
    register: str
    text: str
    source: str  # the file's name, one per public source
    split: str


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

    def add(self, predicted: bool, expected: bool) -> None:
        if predicted and expected:
            self.true_pos += 1
        elif predicted:
            self.false_pos += 1
        elif expected:
            self.false_neg += 1


@dataclass
class Evaluation:
    examples: int
    per_category: dict[str, Score]
    any_concern: Score  # does the sentence prompt at all, whatever the category?
    mistakes: list[tuple[Example, set[str]]] = field(default_factory=list)


class CorpusError(ValueError):
    pass


def read_examples(path: Path, split: str = "") -> list[Example]:
    """The examples in one file; a malformed line is an error naming the file and line."""
    examples = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            raise CorpusError(f"{path.name}, line {number}: expected labels, register and sentence separated by tabs")
        labels, register, text = parts
        expected = frozenset() if labels == "-" else frozenset(labels.split(","))
        unknown = expected - set(CATEGORIES)
        if unknown:
            raise CorpusError(f"{path.name}, line {number}: unknown category {', '.join(sorted(unknown))}")
        if register not in REGISTERS:
            raise CorpusError(f"{path.name}, line {number}: unknown register {register!r}")
        examples.append(Example(expected, register, text, path.stem, split))
    return examples


def load_corpus(split: str, root: Path = CORPUS) -> list[Example]:
    if split not in SPLITS:
        raise CorpusError(f"no split {split!r}: choose one of {', '.join(SPLITS)}")
    return [e for path in sorted((root / split).glob("*.tsv")) for e in read_examples(path, split)]


def score(examples: Iterable[Example], detect: Callable[[str], Iterable[str]] | None = None) -> Evaluation:
    """Precision and recall per category and for any concern; ``detect`` defaults to the detector."""
    detect = detect or categories_in
    per = {c: Score() for c in CATEGORIES}
    overall = Score()
    mistakes = []
    count = 0
    for example in examples:
        count += 1
        found = set(detect(example.text))
        for c in CATEGORIES:
            per[c].add(c in found, c in example.labels)
        overall.add(bool(found), bool(example.labels))
        if found != example.labels:
            mistakes.append((example, found))
    return Evaluation(count, per, overall, mistakes)


def evaluate(split: str = "test") -> Evaluation:
    return score(load_corpus(split))
