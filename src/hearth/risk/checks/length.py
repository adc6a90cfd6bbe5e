"""``records.assessment_too_long``: a risk assessment staff cannot take in, or that repeats itself.

Ofsted found individual risk assessments of 47 pages, full of old history and repetition, in
which the current danger was buried (scenarios.md, B2; domain.md section 8: "complicated
documents do not make children safer"). The current assessment should fit one or two printed
pages: over 1,500 words, or over a fifth of its sentences repeating another, is too long.
"""

from collections import Counter
from difflib import SequenceMatcher

from hearth.risk.checks.base import TextFinding, sentences, words

MAX_WORDS = 1500
MAX_REPEATED_SHARE = 0.2
NEAR_REPEAT = 0.85
CONTAINED = 0.8


# Words that do not change what a sentence says.
STOP = frozenset(
    """a an the and or but to of in on at for with by from is are was were be been has have had he she they him her them his their it its this that when if as so very all any""".split()  # noqa: SIM905
)


def _key(sentence: str) -> list[str]:
    return [w for w in words(sentence) if not w.isdigit()]


def _content(sentence: str) -> frozenset[str]:
    return frozenset(w for w in words(sentence) if w not in STOP)


class _SaidSoFar:
    """The sentences of an assessment read so far, indexed by word, so that a new sentence is weighed
    only against those sharing its words: an assessment of 47 pages has thousands of sentences, and
    comparing each with every earlier one would take seconds."""

    def __init__(self) -> None:
        self.keys: list[list[str]] = []
        self.key_counts: list[Counter[str]] = []
        self.contents: list[frozenset[str]] = []
        self.by_key_word: dict[str, list[int]] = {}
        self.by_content_word: dict[str, list[int]] = {}

    def add(self, key: list[str], content: frozenset[str]) -> None:
        index = len(self.keys)
        counts = Counter(key)
        self.keys.append(key)
        self.key_counts.append(counts)
        self.contents.append(content)
        for w in counts:
            self.by_key_word.setdefault(w, []).append(index)
        for w in content:
            self.by_content_word.setdefault(w, []).append(index)

    def says_again(self, key: list[str], content: frozenset[str]) -> bool:
        """Nearly every content word of the shorter of the two sentences is in the other (the same
        thing said again), or the words run nearly the same (``SequenceMatcher`` ratio 0.85 or more).

        The shared words counted here bound that ratio from above (it is ``quick_ratio``), so only
        sentences that could reach it are matched word by word."""
        shared_content: Counter[int] = Counter()
        for w in content:
            shared_content.update(self.by_content_word.get(w, ()))
        for j, shared in shared_content.items():
            small = min(len(content), len(self.contents[j]))
            if small >= 3 and shared / small >= CONTAINED:
                return True
        mine = Counter(key)
        shared_words: Counter[int] = Counter()
        for w, n in mine.items():
            for j in self.by_key_word.get(w, ()):
                shared_words[j] += min(n, self.key_counts[j][w])
        for j, shared in shared_words.items():
            k = self.keys[j]
            if abs(len(key) - len(k)) > max(3, len(k) // 5) or 2 * shared / (len(key) + len(k)) < NEAR_REPEAT:
                continue
            if SequenceMatcher(None, key, k, autojunk=False).ratio() >= NEAR_REPEAT:
                return True
        return False


def repeated_sentence_share(texts: list[str]) -> tuple[float, list[str]]:
    """The share of sentences (of four words or more) that repeat an earlier one, exactly or nearly,
    and the repeated sentences themselves."""
    said = _SaidSoFar()
    exact: set[tuple[str, ...]] = set()
    repeats: list[str] = []
    total = 0
    for text in texts:
        for sentence in sentences(text):
            key = _key(sentence)
            if len(key) < 4:
                continue
            total += 1
            content = _content(sentence)
            if tuple(key) in exact or said.says_again(key, content):
                repeats.append(sentence)
            else:
                said.add(key, content)
            exact.add(tuple(key))
    return (len(repeats) / total if total else 0.0), repeats


def length_findings(texts: list[str], *, where: str = "the current assessment") -> list[TextFinding]:
    """Too many words, or too many repeated sentences, across the current assessment's text."""
    findings = []
    count = sum(len(words(t)) for t in texts)
    if count > MAX_WORDS:
        findings.append(
            TextFinding(
                code="records.assessment_too_long",
                where=where,
                message=f"Runs to {count:,} words (more than {MAX_WORDS:,}): keep the current risks short and move old events to the history section.",
            )
        )
    share, repeats = repeated_sentence_share(texts)
    if share > MAX_REPEATED_SHARE:
        findings.append(
            TextFinding(
                code="records.assessment_too_long",
                where=where,
                message=f"{share:.0%} of sentences repeat another ({len(repeats)} repeated): say each thing once.",
                excerpt=repeats[0][:160],
            )
        )
    return findings
