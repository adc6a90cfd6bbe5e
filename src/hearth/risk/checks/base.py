"""What a text check reports."""

import re
from dataclasses import dataclass

WORD = re.compile(r"[A-Za-z0-9£']+")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


@dataclass(frozen=True)
class TextFinding:
    """One thing a check found: the rule it backs, where it is, what it says, and the words found."""

    code: str
    where: str
    message: str
    excerpt: str = ""
    suggestion: str = ""


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE_END.split(text) if s.strip()]


def excerpt(text: str, start: int, end: int, margin: int = 40) -> str:
    """The matched words with a little context either side, on one line."""
    left = max(0, start - margin)
    right = min(len(text), end + margin)
    snippet = " ".join(text[left:right].split())
    return f"{'…' if left else ''}{snippet}{'…' if right < len(text) else ''}"
