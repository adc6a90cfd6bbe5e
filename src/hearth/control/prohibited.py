"""The measures Regulation 19(2) prohibits, and the words that show one in a recorded measure.

Regulation 19(2) of the Children's Homes (England) Regulations 2015 lists what may never be used
as a measure of control or discipline. Hearth reads what staff wrote of a measure ("no pudding
tonight", "phone call to mum cancelled for swearing") and names the paragraph it breaches:

- (a) corporal punishment;
- (b) any punishment relating to the consumption or deprivation of food or drink;
- (c) any restriction on contact with parents, relatives or friends, a social worker, an advocate
  or Ofsted, other than one a court imposes or one agreed under Reg 22 (not a punishment);
- (d) any requirement to wear distinctive or inappropriate clothes;
- (e) the use or withholding of medication or medical or dental treatment;
- (f) the intentional deprivation of sleep;
- (g) a financial penalty, other than a reasonable sum by way of reparation;
- (h) any intimate physical search.

It is a safety net over what a worker writes, not a classifier: the form also asks the kind of
measure, and the manager reviews each one within 7 days. Phrases were written from Reg 19 and
from behaviour policies; none was tuned on a held-out set, so a measure worded unusually may pass
(docs/audit-format.md says so).
"""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Prohibition:
    paragraph: str
    what: str

    @property
    def regulation(self) -> str:
        return f"19(2)({self.paragraph})"

    def refusal(self, words: str) -> str:
        return (
            f"Regulation 19(2)({self.paragraph}) prohibits {self.what} (“{words}”). "
            "Record a measure that is allowed, or speak to the registered manager."
        )


CORPORAL = Prohibition("a", "corporal punishment")
FOOD = Prohibition("b", "any punishment relating to food or drink")
CONTACT = Prohibition("c", "restricting contact with family, friends, a social worker or an advocate as a punishment")
CLOTHES = Prohibition("d", "requiring a child to wear distinctive or inappropriate clothes")
MEDICATION = Prohibition("e", "using or withholding medication or medical or dental treatment")
SLEEP = Prohibition("f", "depriving a child of sleep")
FINE = Prohibition("g", "a financial penalty other than reasonable reparation")
INTIMATE_SEARCH = Prohibition("h", "an intimate physical search")

_FOOD_WORDS = r"(?:food|dinner|tea|supper|lunch|breakfast|meals?|pudding|dessert|snacks?|treats? to eat|drinks?|sweets)"
_FAMILY = (
    r"(?:mum|mom|mam|dad|nan|nana|grandma|grandad|gran|brother|sister|family|parents?|auntie|aunt|uncle|friends?|"
    r"social worker|advocate|ofsted)"
)
_CONTACT_WORDS = r"(?:contact|call|phone ?call|visit|family time|see(?:ing)?|ring(?:ing)?|video call|facetime)"

PATTERNS: tuple[tuple[Prohibition, re.Pattern[str]], ...] = tuple(
    (p, re.compile(pattern, re.IGNORECASE))
    for p, pattern in (
        (CORPORAL, r"\b(?:smack(?:ed)?|slap(?:ped)?|hit (?:him|her|them)|corporal|spank(?:ed)?|clip round the ear)\b"),
        (
            FOOD,
            rf"\b(?:no|without|withh[eo]ld(?:ing)?|miss(?:ed|es)?|los(?:es|t|e)|stopp?(?:ed)?|cancel(?:led)?|denied|not allowed)\s+"
            rf"(?:(?:his|her|their|any|the|a)\s+)?{_FOOD_WORDS}\b",
        ),
        (FOOD, rf"\b{_FOOD_WORDS}\s+(?:withheld|stopped|cancelled|taken away|removed|denied)\b"),
        (FOOD, r"\bsent to (?:bed|(?:his|her|their) room) without\b"),
        (
            CONTACT,
            rf"\b(?:no|stopp?(?:ed)?|cancel(?:led)?|los(?:es|t|e)|ban(?:ned)?|withdr[ae]wn?|not allowed(?: to)?|denied)\s+"
            rf"(?:(?:his|her|their|the|a|any)\s+)?(?:{_CONTACT_WORDS}\s+(?:with|to|from)\s+(?:(?:his|her|their)\s+)?{_FAMILY}|{_FAMILY}(?:'s)?\s+{_CONTACT_WORDS}|{_CONTACT_WORDS} {_FAMILY})\b",
        ),
        (CONTACT, rf"\b{_FAMILY}(?:'s)?\s+(?:{_CONTACT_WORDS})\s+(?:stopped|cancelled|withdrawn|banned|taken away)\b"),
        (
            CONTACT,
            rf"\b{_CONTACT_WORDS}\s+(?:with|to|from)\s+(?:(?:his|her|their)\s+)?{_FAMILY}\s+"
            r"(?:stopped|cancelled|withdrawn|banned|taken away)\b",
        ),
        (CLOTHES, r"\b(?:made to|had to|must) wear\b|\b(?:pyjamas|nightwear|school uniform) all day\b"),
        (
            MEDICATION,
            r"\b(?:withh[eo]ld(?:ing)?|no|stopp?(?:ed)?|denied)\s+(?:(?:his|her|their)\s+)?(?:medication|medicine|meds|inhaler|tablets|dentist|doctor'?s? appointment)\b",
        ),
        (
            MEDICATION,
            r"\b(?:medication|medicine|meds|inhaler|tablets)\s+(?:withheld|stopped|as a (?:consequence|sanction|punishment))\b",
        ),
        (SLEEP, r"\b(?:kept|made to stay) (?:up|awake)\b|\bno sleep\b|\bwoken (?:up )?(?:every|each) hour\b"),
        (
            FINE,
            r"\b(?:fined?|fining)\b|\bpocket money (?:stopped|docked|taken|withheld)\b|\b(?:docked|lost|loses|stopped) (?:(?:his|her|their) )?pocket money\b",
        ),
        (
            INTIMATE_SEARCH,
            r"\b(?:intimate|strip)[ -]search(?:ed)?\b|\bsearch(?:ed)? (?:inside|under) (?:his|her|their) (?:underwear|clothing)\b",
        ),
    )
)


@dataclass(frozen=True)
class Breach:
    prohibition: Prohibition
    words: str

    @property
    def refusal(self) -> str:
        return self.prohibition.refusal(self.words)


def prohibited_in(text: str) -> list[Breach]:
    """Each prohibited measure ``text`` describes, with the words that show it, once per paragraph."""
    found: dict[str, Breach] = {}
    for prohibition, pattern in PATTERNS:
        match = pattern.search(text)
        if match and prohibition.paragraph not in found:
            found[prohibition.paragraph] = Breach(prohibition, match.group(0))
    return sorted(found.values(), key=lambda b: b.prohibition.paragraph)
