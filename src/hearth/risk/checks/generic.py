"""``risk.generic_strategy``: a strategy copied from another child, or with nothing about this child.

Ofsted found a self-harm risk assessment "generic" for a child with a long history of self-harm
(scenarios.md, A6), and has long criticised tick-box documents that do not tell staff what to
do (domain.md, section 8). Two signs: near-identical wording to another child's strategy once
names and pronouns are set aside (similarity ≥ 0.9), and a strategy that, once stock phrases
("staff to monitor", "follow policy", "inform the manager") are removed, says almost nothing.
"""

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


def generic_strategy_findings(
    text: str,
    *,
    where: str,
    names: tuple[str, ...] = (),
    others: list[tuple[str, str, tuple[str, ...]]] = (),  # type: ignore[assignment]
) -> list[TextFinding]:
    """Findings for one strategy: boilerplate only, or near-identical to another child's (``others``
    is a list of (label, text, that child's names))."""
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
    mine = normalise(text, names)
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(mine)  # SequenceMatcher caches what it learns about seq2: compare many to one
    for label, other, other_names in others:
        matcher.set_seq1(normalise(other, other_names))
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
