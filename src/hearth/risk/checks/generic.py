"""``risk.generic_strategy``: a strategy copied from another child, or with nothing about this child.

Ofsted found a self-harm risk assessment "generic" for a child with a long history of self-harm
(scenarios.md, A6), and has long criticised tick-box documents that do not tell staff what to
do (domain.md, section 8). Two signs: near-identical wording to another child's strategy once
names and pronouns are set aside (similarity ≥ 0.9), and a strategy that, once stock phrases
("staff to monitor", "follow policy", "inform the manager") are removed, says almost nothing.
"""

import functools
import re
from difflib import SequenceMatcher

from hearth.risk.checks.base import TextFinding, words

SIMILAR = 0.9
MIN_SPECIFIC_WORDS = 4

BOILERPLATE = [
    r"staff (?:to|will|should|must) (?:continue to )?(?:closely )?(?:monitor|observe|supervise|support|be aware|remain vigilant|follow|use|offer|encourage)",
    r"(?:follow|in line with|as per|according to|adhere to) (?:the )?(?:home's |company |organisational )?(?:policy|policies|procedures?|guidance|protocol|training|care plan|risk assessment)",
    r"(?:inform|notify|tell|contact|report to|update) (?:the )?(?:manager|on[- ]call|management|senior|social worker|placing authority|police)",
    r"(?:as|when|where) (?:appropriate|necessary|needed|required)",
    r"(?:de[- ]?escalation|de[- ]?escalate) techniques?",
    r"record (?:all )?(?:incidents?|concerns?|everything)",
    r"(?:any|all) concerns?",
    r"remain (?:vigilant|alert|calm)",
    r"(?:monitor|observe) (?:closely|behaviour|mood|presentation|for signs)",
    r"(?:keep|kept) (?:safe|under review)",
    r"(?:risk|this) (?:will be|to be|is) (?:reviewed|monitored)",
    r"(?:in|with) (?:a )?(?:timely|safe|calm|consistent) manner",
]
BOILERPLATE_RE = re.compile("|".join(f"(?:{p})" for p in BOILERPLATE), re.IGNORECASE)

# Words that carry no detail about a child on their own.
EMPTY = frozenset(
    """a about after all also an and any appropriate are as at aware be been before behaviour behaviours
    being by can care child child's concern concerns consistent continue continues cope could do during
    ensure every follow for from given guidance has have he her him his if in incident incidents inform
    into is it its keep kept manager may monitor monitored monitoring must necessary needed needs not of
    offer offered on or other person plan plans policy procedure procedures provide put record recorded
    remain report required review reviewed risk risks safe safety she should signs so staff support
    supported supportive that the their them there they this to try under use used using via well when
    where which who will with would yp young people team member members professional professionals
    relevant required appropriate appropriately ensure ensures any all time times need as well be""".split()  # noqa: SIM905 (a word list reads best as words)
)
# Third-person pronouns become one token: "her" is both "his" and "him", so copy-paste shows through.
PRONOUNS = dict.fromkeys(
    (
        "he",
        "she",
        "they",
        "him",
        "her",
        "them",
        "his",
        "hers",
        "their",
        "theirs",
        "himself",
        "herself",
        "themself",
        "themselves",
    ),
    "<p>",
)


def normalise(text: str, names: tuple[str, ...] = ()) -> list[str]:
    """Words with the child's names replaced and pronouns made neutral: copy-paste shows through."""
    lowered = {n.lower() for n in names if n}
    out = []
    for w in words(text):
        base = w[:-2] if w.endswith("'s") else w
        if base in lowered:
            out.append("<child>")
        else:
            out.append(PRONOUNS.get(w, w))
    return out


@functools.lru_cache(maxsize=200_000)
def normalised(text: str, names: tuple[str, ...] = ()) -> tuple[str, ...]:
    """``normalise``, remembered: an audit compares each strategy with every other in the provider,
    so each is normalised once rather than once per comparison."""
    return tuple(normalise(text, names))


def similarity(a: str, b: str, names_a: tuple[str, ...] = (), names_b: tuple[str, ...] = ()) -> float:
    """How alike two strategies are (0 to 1), once names and pronouns are set aside."""
    wa, wb = normalise(a, names_a), normalise(b, names_b)
    if not wa or not wb:
        return 0.0
    return SequenceMatcher(None, wa, wb, autojunk=False).ratio()


def specific_words(text: str, names: tuple[str, ...] = ()) -> list[str]:
    """What is left of a strategy once stock phrases, names and empty words are taken out."""
    stripped = BOILERPLATE_RE.sub(" ", text)
    lowered = {n.lower() for n in names if n}
    return [w for w in words(stripped) if w not in EMPTY and w.rstrip("'s") not in lowered and len(w) > 2]


def boilerplate_only(text: str, names: tuple[str, ...] = ()) -> bool:
    """True when a written strategy holds fewer than four words about this child and what to do."""
    return bool(text.strip()) and len(specific_words(text, names)) < MIN_SPECIFIC_WORDS


class StrategyIndex:
    """Every strategy of a provider, indexed by its word trigrams, so that finding the ones
    near-identical to a strategy does not mean comparing it with every other in the provider.

    It misses none: two strategies with similarity 0.9 or more (``SequenceMatcher.ratio`` over
    normalised words, lengths a and b) match at least 0.45(a + b) words in at most 0.1(a + b) + 1
    blocks, so some block has three or more words, that is a shared trigram; below six words in
    all, only an exact copy reaches 0.9, and exact copies are looked up directly.
    """

    def __init__(self, strategies: "list[tuple[object, str, str, tuple[str, ...]]]") -> None:
        """``strategies``: (owner, label, text, names); a strategy is never compared with its owner's."""
        self.items: list[tuple[object, str, tuple[str, ...]]] = []
        self.exact: dict[tuple[str, ...], list[int]] = {}
        self.postings: dict[tuple[str, ...], list[int]] = {}
        for owner, label, text, names in strategies:
            normal = normalised(text, names)
            index = len(self.items)
            self.items.append((owner, label, normal))
            self.exact.setdefault(normal, []).append(index)
            for gram in set(_trigrams(normal)):
                self.postings.setdefault(gram, []).append(index)

    def others(self, owner: object) -> "OtherStrategies":
        return OtherStrategies(self, owner)


class OtherStrategies:
    """The strategies of an index that are not ``owner``'s: what ``generic_strategy_findings``
    compares a strategy with."""

    def __init__(self, index: StrategyIndex, owner: object) -> None:
        self.index, self.owner = index, owner

    def near(self, mine: tuple[str, ...]) -> list[tuple[str, tuple[str, ...]]]:
        """(label, words) of every other strategy that could be near-identical to ``mine``: exact
        copies first, then any sharing a trigram."""
        items = self.index.items
        seen: set[int] = set()
        for i in self.index.exact.get(mine, ()):
            if items[i][0] != self.owner:
                return [(items[i][1], items[i][2])]
        for gram in set(_trigrams(mine)):
            seen.update(self.index.postings.get(gram, ()))
        return [(items[i][1], items[i][2]) for i in sorted(seen) if items[i][0] != self.owner]


def _trigrams(normal: tuple[str, ...]) -> list[tuple[str, ...]]:
    return [normal[i : i + 3] for i in range(len(normal) - 2)]


def generic_strategy_findings(
    text: str,
    *,
    where: str,
    names: tuple[str, ...] = (),
    others: "list[tuple[str, str, tuple[str, ...]]] | OtherStrategies" = (),  # type: ignore[assignment]
) -> list[TextFinding]:
    """Findings for one strategy: boilerplate only, or near-identical to another child's (``others``
    is a list of (label, text, that child's names), or a provider's ``StrategyIndex`` less this
    child's own)."""
    findings: list[TextFinding] = []
    if boilerplate_only(text, names):
        findings.append(
            TextFinding(
                code="risk.generic_strategy",
                where=where,
                message="Says nothing specific to this child: write what staff actually do, for this child, and who they call.",
                excerpt=" ".join(text.split())[:160],
                suggestion="Name the triggers you will look for, the words or places that help, and the steps in order.",
            )
        )
    mine = normalised(text, names)
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(mine)  # SequenceMatcher caches what it learns about seq2: compare many to one
    if isinstance(others, OtherStrategies):
        candidates = others.near(mine)
    else:
        candidates = [(label, normalised(other, other_names)) for label, other, other_names in others]
    for label, other_words in candidates:
        matcher.set_seq1(other_words)
        # real_quick_ratio and quick_ratio are cheap upper bounds of ratio: most strategies stop there.
        if not mine or matcher.real_quick_ratio() < SIMILAR or matcher.quick_ratio() < SIMILAR:
            continue
        score = matcher.ratio()
        if score >= SIMILAR:
            findings.append(
                TextFinding(
                    code="risk.generic_strategy",
                    where=where,
                    message=f"Near-identical ({score:.0%}) to {label}: a strategy should be written for this child.",
                    excerpt=" ".join(text.split())[:160],
                )
            )
            break
    return findings
