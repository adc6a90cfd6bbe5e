"""Curated, versioned lexicons per concern, with negation handling.

Categories: ``cse``, ``cce``, ``exploitation`` (signs common to both: unknown or older adults,
unexplained money, gifts and phones, pick-ups by cars and taxis, being found out of area),
``missing``, ``self_harm`` and ``bullying``. Patterns are case-insensitive regular expressions
matched on word boundaries. A match is dropped when a negation cue ("no", "denied", "no signs
of", "no concerns about" …) stands before it in the same clause, within a few words.

Change a pattern only with the labelled examples beside this file
(``hearth indicators evaluate`` prints precision and recall), and bump ``LEXICON_VERSION``.
"""

import re
from dataclasses import dataclass
from functools import cache

LEXICON_VERSION = "2026-11-22.1"

PRONOUN = r"(?:her|him|them|his|their)"
SELF = r"(?:her|him|them|my|your|our)sel(?:f|ves)"
NAME = r"(?-i:[A-Z][a-z]+)"  # a capitalised name, whatever the surrounding case-folding
ADULT = r"(?:man|men|male|males|adult|adults|woman|women|female|person|people|lad|lads|guy|guys|driver)"

LEXICON: dict[str, list[str]] = {
    "cse": [
        r"sexual(?:ly)? (?:activity|active|contact|exploit\w*|abuse\w*|assault\w*|images?|photos?|pictures?)",
        r"(?:nude|naked|explicit|indecent|sexual) (?:images?|photos?|pictures?|selfies?|videos?)",
        r"\bnudes\b",
        r"\bsexting\b",
        r"older boyfriend",
        r"boyfriend (?:who is|aged|in his) (?:much )?(?:older|\d\d|twenties|thirties|20s|30s)",
        r"(?:emergency contraception|morning[- ]after pill|\bSTIs?\b|sexually transmitted)",
        r"(?:hotel|party house|flat party)",
        r"(?:sex|sexual favours?) (?:for|in exchange for|in return for)",
        r"groom(?:ed|ing)",
        r"(?:in exchange for|in return for|for) sex\b",
        r"touch(?:es|ed|ing) (?:her|him|them) (?:up|inappropriately|sexually)?",
        r"send(?:ing|s)? (?:pictures|photos|images|videos) to (?:an? )?(?:older )?(?:man|men|adult|stranger)",
    ],
    "cce": [
        r"county lines?",
        r"deal(?:er)? (?:line|phone)",
        r"drugs? (?:run|running|line|debt|dealing|deal)",
        r"(?:carrying|holding|hiding|selling|moving|delivering) (?:drugs|a knife|knives|a weapon|weapons|packages?|parcels?|cannabis|weed)",
        r"\bcuckoo(?:ing|ed)\b",
        r"trap house",
        r"(?:owes?|owed|owing) (?:money|a debt|\S*\d+)",
        r"gangs?\b(?! of friends)",
        r"(?:cannabis|weed) (?:farm|grow)",
        r"\bplugged\b|\bplugging\b",
        r"\brunning for\b",
        r"\bsent (?:out )?to (?:another|a different) (?:town|city|area)",
        r"(?:set of|digital) scales",
        r"keep (?:his|her|their) phone on for",
        r"(?:with|had|carrying) (?:cannabis|weed|cocaine|crack|heroin|drugs) and (?:£\d+|cash|money)",
    ],
    "exploitation": [
        rf"(?:unknown|unfamiliar|unidentified|older|much older|strange) {ADULT}",
        rf"{ADULT} (?:in (?:his|her|their) (?:20s|30s|40s|twenties|thirties|forties)|aged (?:about )?(?:[2-5]\d))",
        r"(?:picked up|collected|dropped off|driven off|driven away) (?:by|in) (?:an? )?(?:unknown|unfamiliar|older|unidentified|strange|black|silver|white|red|blue|grey)?\s*(?:car|cars|vehicle|van|taxi|taxis|man|men|male|adult|driver)",
        r"got into (?:an? )?(?:unknown |unfamiliar |strange )?(?:car|vehicle|van)",
        r"(?:unexplained|unaccounted[- ]for|large amounts? of|wads? of|rolls? of) (?:money|cash|notes|gifts|items|clothes|clothing|trainers|jewellery|phones?)",
        r"(?:money|cash|gifts|phone|trainers|clothes|jewellery|items|taxi)(?: and \w+)? (?:(?:she|he|they) )?(?:would not|wouldn't|could not|couldn't|refused to|did not|didn't|won't|will not) (?:explain|say)",
        r"(?:second|another|extra|multiple|several|two|three|cheap|new) (?:mobile )?(?:phones|handsets?|sim(?: cards?)?|burner)",
        r"gifts? from (?:an? )?(?:older|unknown|new|man|men|male|boyfriend|adults?|friends? (?:she|he) met online)",
        r"(?:found|located|picked up|stopped)(?: (?:him|her|them))? (?:out of (?:area|county|town|the area)|in (?:another|a different) (?:town|city|county|area))",
        r"(?:train|coach|bus) tickets? to (?!school|college|work)",
        r"gifts? (?:were|was|are|is) from (?:an? )?(?:older |unknown )?(?:man|men|adult|boyfriend|stranger)",
        r"\bstrangers?\b",
        r"(?:met|meets|meeting|meet) (?:up with )?(?:someone|a (?:man|boy|person)|people|adults?) (?:she|he|they) (?:met|knew|know|talked to|talks to) online",
        r"(?:top[- ]ups?|phone credit) (?:from|paid by|bought by) (?:someone|a man|an adult|an older)",
    ],
    "missing": [
        r"(?:went|gone|go|going|goes|been|was|were|is|reported(?: as)?|remains?|still) missing\b(?!\s+(?:her|his|their|my|the|a|an|some|school|lessons?|class(?:es)?|homework|mum|dad|home|family|friends?|out)\b)",
        r"missing (?:from (?:care|home|the home|placement)|person report|episode|persons?)",
        r"\babscond(?:ed|ing|s)?\b",
        r"(?:did not|didn't|failed to|had not|hadn't|has not|hasn't) (?:return|come back|come home)",
        r"whereabouts (?:were |are |was )?(?:unknown|not known)",
        r"(?:stayed|was|been|remained) out (?:all night|overnight)",
        r"\b(?:ran|run|running) (?:away|off)\b",
        r"away from (?:placement|the home) without (?:permission|authorisation|agreement)",
        r"(?:past|after|missed) (?:her |his |their )?curfew",
        r"(?:not|wasn't|was not) (?:in (?:her|his|their) (?:room|bed)|at (?:school|the agreed place)) (?:when|at) (?:staff )?(?:checked|night checks?)",
    ],
    "self_harm": [
        r"self[- ]?harm\w*",
        rf"(?:cut|cutting|cuts|scratched|scratching|burned|burnt|burning|hurt|hurting|harmed|harming|hit|hitting) {SELF}(?!\s+(?:a|an|some)\s+(?:slice|piece|bit|portion|share)\b)",
        r"(?:cuts|scratches|wounds|marks|burns) (?:on|to) (?:her|his|their) (?:arms?|wrists?|legs?|thighs?|stomach)",
        r"ligatures?",
        r"overdos\w*",
        r"\bsuicid\w*",
        rf"(?:wants?|wanted|wanting) to (?:die|kill {SELF}|end (?:it|{PRONOUN} life|(?:it )?all))",
        rf"(?:threaten\w*|talked about|spoke about|said (?:she|he|they) would|going to) (?:to )?(?:jump\w*|kill\w* {SELF}|end(?:ing)? (?:it|{PRONOUN} life)|hang\w*)",
        r"head[- ]?bang\w*",
        r"(?:stockpil\w*|saving up|hoarding|hiding) (?:tablets|pills|medication|paracetamol)",
        r"(?:blade|razor|sharp(?:ened)?) (?:found|hidden|in (?:her|his|their) room)",
        r"(?:swallowed|took) (?:a lot of|lots of|too many|\d+) (?:tablets|pills|paracetamol)",
    ],
    "bullying": [
        r"(?<!anti[- ])bull(?:y|ied|ies|ying)\b(?![- ]free)",
        rf"pick(?:ed|ing|s)? on (?:{PRONOUN}|{NAME})",
        r"(?:teased|mocked|picked on|laughed at) (?:about|for) ",
        r"(?:was|were|got|been|being) (?:tripped|pushed|shoved|punched|kicked|spat at|slapped)\b",
        r"name[- ]calling",
        rf"call(?:ed|ing|s)? {PRONOUN} (?:names|a \w+)",
        rf"(?:took|taking|takes|take|snatched|stole|stealing) {PRONOUN} (?:money|food|things|phone|belongings|sweets|pocket money|games?)",
        rf"(?:laughed at|laughing at|mocked|mocking|teased|teasing|taunted|taunting|humiliat\w*|ridiculed) {PRONOUN}(?! (?:jokes?|joke|funny))",
        rf"(?:left|leaving|shut|shutting|excluded|excluding) {PRONOUN} out",
        rf"(?:forced|forcing|forces|made|making|makes|make) {PRONOUN} (?:to )?(?:give|hand over|do (?:his|her|their))",
        rf"(?:intimidat\w*|threaten\w*|pushed|pushing|shoved|shoving|tripped|tripping) (?:{PRONOUN}|the (?:younger|new) (?:boy|girl|child))",
        rf"(?:posted|shared|spread|sent round) (?:\w+ )?(?:photos?|pictures?|videos?|messages|rumours) (?:of|about) {PRONOUN}",
        rf"(?:scared|frightened|afraid) of (?:the other (?:boy|girl|child|children|young people)|{NAME})",
    ],
}

NEGATION_CUES = [
    r"no",
    r"not",
    r"never",
    r"nor",
    r"without",
    r"denied",
    r"denies",
    r"deny",
    r"no signs? of",
    r"no evidence of",
    r"no concerns?(?: (?:about|regarding|of|re))?",
    r"no indication of",
    r"nothing to suggest",
    r"no reports? of",
    r"no longer",
    r"didn't",
    r"did not",
    r"doesn't",
    r"does not",
    r"wasn't",
    r"was not",
    r"isn't",
    r"is not",
    r"hasn't",
    r"has not",
    r"free from",
    r"ruled out",
]
NEGATION_WINDOW_WORDS = 6
# A clause ends at sentence punctuation or a contrast word; negation does not carry across it.
CLAUSE_BREAK = re.compile(r"[.;:!?\n]|\b(?:but|however|although|though|yet|whereas|then)\b", re.I)

CATEGORIES = tuple(LEXICON)


def exploitation_categories() -> frozenset[str]:
    """Categories that count as exploitation indicators (rule protection.concern_not_actioned)."""
    return frozenset({"cse", "cce", "exploitation"})


@dataclass(frozen=True)
class Match:
    category: str
    words: str
    start: int
    end: int


@cache
def _compiled() -> dict[str, list[re.Pattern[str]]]:
    return {cat: [re.compile(rf"\b{p}", re.I) for p in patterns] for cat, patterns in LEXICON.items()}


@cache
def _negation() -> re.Pattern[str]:
    cues = "|".join(sorted(NEGATION_CUES, key=len, reverse=True))
    return re.compile(rf"\b(?:{cues})\b", re.I)


def _negated(text: str, start: int) -> bool:
    """True if a negation cue stands before ``start`` in the same clause, within a few words."""
    clause_start = 0
    for brk in CLAUSE_BREAK.finditer(text, 0, start):
        clause_start = brk.end()
    before = text[clause_start:start]
    words = before.split()
    window = " ".join(words[-NEGATION_WINDOW_WORDS:]) if words else ""
    return bool(_negation().search(window))


def detect(text: str) -> list[Match]:
    """Every non-negated indicator in ``text``, in order, one per matched span."""
    found: list[Match] = []
    for category, patterns in _compiled().items():
        for pattern in patterns:
            for m in pattern.finditer(text):
                if not _negated(text, m.start()):
                    found.append(Match(category, m.group(0), m.start(), m.end()))
    found.sort(key=lambda m: (m.start, m.category))
    return found


def categories_in(text: str) -> dict[str, list[str]]:
    """Categories found, each with the distinct words that matched (for storing on a record)."""
    out: dict[str, list[str]] = {}
    for m in detect(text):
        words = out.setdefault(m.category, [])
        if m.words.lower() not in (w.lower() for w in words):
            words.append(m.words)
    return out
