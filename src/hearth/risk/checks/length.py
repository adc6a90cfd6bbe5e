"""``records.assessment_too_long``: a risk assessment staff cannot take in, or that repeats itself.

Ofsted found individual risk assessments of 47 pages, full of old history and repetition, in
which the current danger was buried (scenarios.md, B2; domain.md section 8: "complicated
documents do not make children safer"). The current assessment should fit one or two printed
pages: over 1,500 words, or over a fifth of its sentences repeating another, is too long.
"""

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


def _says_again(content: frozenset[str], earlier: frozenset[str]) -> bool:
    """Nearly every content word of the shorter sentence is in the other: the same thing said again."""
    small, large = sorted((content, earlier), key=len)
    return len(small) >= 3 and len(small & large) / len(small) >= CONTAINED


def repeated_sentence_share(texts: list[str]) -> tuple[float, list[str]]:
    """The share of sentences (of four words or more) that repeat an earlier one, exactly or nearly,
    and the repeated sentences themselves."""
    seen: list[list[str]] = []
    seen_content: list[frozenset[str]] = []
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
            if (
                tuple(key) in exact
                or any(_says_again(content, c) for c in seen_content)
                or any(
                    abs(len(key) - len(k)) <= max(3, len(k) // 5)
                    and SequenceMatcher(None, key, k, autojunk=False).ratio() >= NEAR_REPEAT
                    for k in seen
                )
            ):
                repeats.append(sentence)
            else:
                seen.append(key)
                seen_content.append(content)
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
