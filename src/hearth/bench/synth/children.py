"""Children and their placements (four beds per home, each with a run of children over the
years), placement plans, and risk assessments: a new version every few months, each with its
items per risk domain."""

import datetime
import re
from typing import Any

from hearth.bench.synth.common import HomePlan, Quality, bulk
from hearth.children.models import Child, Placement, PlacementPlan
from hearth.core.dates import add_years
from hearth.risk.models import RiskAssessment, RiskItem

BEDS = 4
STAY_DAYS = {Quality.GOOD: (240, 1100), Quality.FAIR: (150, 800), Quality.POOR: (60, 500)}
REVIEW_EVERY_DAYS = {Quality.GOOD: 90, Quality.FAIR: 120, Quality.POOR: 200}
DOMAINS = ("missing", "cce", "cse", "self_harm", "online", "bullying_victim", "substance_misuse", "violence")
AUTHORITIES = ("Anyshire County Council", "Northton City Council", "Westborough Council", "Eastfield Borough Council")


def _stays(plan: HomePlan) -> list[tuple[datetime.date, datetime.date | None, datetime.date]]:
    """(admitted, left or None, date of birth) for each child of each bed."""
    low, high = STAY_DAYS[plan.quality]
    stays = []
    for _bed in range(BEDS):
        admitted = plan.start - datetime.timedelta(days=plan.rng.randint(0, 700))
        while admitted <= plan.end:
            born = admitted - datetime.timedelta(days=plan.rng.randint(11 * 365, 16 * 365))
            left = min(admitted + datetime.timedelta(days=plan.rng.randint(low, high)), add_years(born, 18))
            stays.append((admitted, left if left < plan.end else None, born))
            if left >= plan.end:
                break
            admitted = left + datetime.timedelta(days=plan.rng.randint(3, 60))
    return stays


def children_create(plans: list[HomePlan]) -> dict[str, int]:
    children: list[Child] = []
    stays: list[tuple[HomePlan, datetime.date, datetime.date | None]] = []
    for plan in plans:
        for admitted, left, born in _stays(plan):
            first, last = plan.name()
            children.append(
                Child(
                    public_id=plan.uuid(),
                    first_name=first,
                    last_name=last,
                    date_of_birth=born,
                    sex=plan.rng.choice(["female", "male"]),
                    legal_status=plan.rng.choice(["s20", "s31", "s31", "s31_interim"]),
                    placing_authority=plan.rng.choice(AUTHORITIES),
                    social_worker_name=" ".join(plan.name()),
                )
            )
            stays.append((plan, admitted, left))
    children = bulk(Child, children)
    placements = bulk(
        Placement,
        [
            Placement(
                public_id=plan.uuid(),
                child=child,
                home=plan.home,
                admitted_on=admitted,
                left_on=left,
                leaving_reason=plan.rng.choice(["planned_move", "foster_care", "independence"]) if left else "",
            )
            for child, (plan, admitted, left) in zip(children, stays, strict=True)
        ],
    )
    for placement, (plan, _, _) in zip(placements, stays, strict=True):
        plan.placements.append(placement)
    bulk(
        PlacementPlan,
        [
            PlacementPlan(
                placement=p,
                agreed_on=p.admitted_on + datetime.timedelta(days=3),
                agreed_with="The child's social worker",
                summary="Settle into the home, keep to education, build safe friendships.",
                child_views="Wants to see family at weekends.",
                recorded_by_name="Synthetic manager",
            )
            for p in placements
        ],
    )
    assessments = _risk_assessments(plans, {c.pk: c.first_name for c in children})
    return {"children": len(children), "placements": len(placements), "risk_assessments": assessments}


PLACES = ("the bus station", "the retail park", "the skate park", "the canal path", "the chip shop on King Street",
          "the library", "the train station", "the leisure centre", "the park by the river", "the town square")  # fmt: skip
CONTACTS = ("her aunt", "his older brother", "the social worker", "the police missing person unit", "the key worker",
            "the school's safeguarding lead", "the out-of-hours team", "their mum")  # fmt: skip
SIGNS = ("new clothes or a phone staff have not seen", "calls from unknown numbers late at night",
         "talk of a new older friend", "coming back smelling of cannabis", "refusing to say where they have been",
         "cuts on the arms hidden by long sleeves", "money they cannot explain")  # fmt: skip


# Each home's staff word things their own way: a home picks one wording for each of these and
# keeps it, so the same idea reads differently from home to home, as it does in real records.
WORDINGS = {
    "Staff": ("Staff", "The team", "Carers", "The adults on shift", "Workers on shift"),
    "staff": ("staff", "the team", "carers", "the adults on shift", "whoever is on shift"),
    "Offer": ("Offer", "Arrange", "Set up", "Book"),
    "Check": ("Check", "Gently check", "Ask and check", "Look over"),
    "Talk through": ("Talk through", "Go over", "Chat about", "Reflect on"),
    "Tell": ("Tell", "Alert", "Phone", "Inform"),
    "Ring": ("Ring", "Call", "Phone", "Try"),
    "Share": ("Share", "Pass on", "Send", "Write up"),
    "Look again at": ("Look again at", "Review", "Revisit", "Go back over"),
    "the evening": ("the evening", "the night out", "their plans", "the day"),
    "key worker": ("key worker", "link worker", "named worker", "key adult"),
    "straight away": ("straight away", "at once", "without delay", "immediately"),
    "within a day": ("within a day", "the same day", "by the next morning", "within 24 hours"),
    "the next day": ("the next day", "the morning after", "once they have slept", "after breakfast"),
    "phone": ("phone", "mobile", "handset"),
    "plans": ("plans", "maps out", "talks through", "agrees"),
    "after tea": ("after tea", "before they go out", "at teatime", "after dinner"),
    "Being told no about": ("Being told no about", "Being refused", "Not being allowed", "Hearing no about"),
    "Arguments with": ("Arguments with", "Rows with", "Fall-outs with", "Tense calls with"),
    "A bad day at school": ("A bad day at school", "Trouble at school", "A detention", "A hard day in class"),
}
# Longest first, so that "Look again at" is one wording, not "Look" and the rest.
WORDING = re.compile("|".join(rf"\b{re.escape(key)}\b" for key in sorted(WORDINGS, key=len, reverse=True)))

SENTENCES = {
    "current_risk": (
        "{name} has gone to {place} without telling staff {n} times since the last review.",
        "Twice this month {name} came back after midnight from {place} and would not say who they were with.",
        "{name} was found at {place} by {contact} on {day}.",
        "The police raised a concern about adults {name} meets near {place}.",
        "School reports {name} has missed {n} afternoons, seen near {place}.",
    ),
    "triggers": (
        "{sign}.",
        "Arguments with {contact} on the phone.",
        "Being told no about going to {place}.",
        "Payday weekends, when older friends have money.",
        "A bad day at school, especially on {day}.",
    ),
    "before": (
        "{name}'s key worker plans the evening with them after tea.",
        "Taxi firms have been asked not to collect {name} from the home.",
        "{contact} visits on {day} and {name} helps choose the activity.",
        "Staff agree a time to be back and a phone check-in halfway through.",
        "{name} keeps their phone charged and staff have the number of {contact}.",
    ),
    "during": (
        "Ring {name}'s phone every {minutes} minutes.",
        "Two staff check {place} and {place2}.",
        "Report {name} missing to the police after {hours} if not found.",
        "Tell {contact} and the on-call manager straight away.",
        "Text {name} that staff are coming to pick them up, no questions tonight.",
    ),
    "after": (
        "Offer a return interview within 72 hours, with {contact} there if {name} wants.",
        "Check {name} for injuries and offer food and a shower.",
        "Talk through the evening with {name} the next day, not that night.",
        "Share what {name} says with the social worker within a day.",
        "Look again at this plan at the next key-work session on {day}.",
    ),
}
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# What a key worker learns of one child, which a strategy written for that child carries.
PERSONAL = (
    "{name} calms down fastest with {calm}.",
    "What works for {name} is {calm}; {name} said so in key-work on {day}.",
    "{name} trusts {adult} most and will usually talk to them {when}.",
    "{name} has asked for {request} when things get hard.",
    "Avoid {avoid}: it winds {name} up.",
    "If {name} goes quiet {when}, {adult} offers {calm}.",
)
CALM = ("walking the dog round the block", "a game of FIFA with a member of staff", "baking in the kitchen",
        "drawing in the lounge", "a drive with music on", "shooting hoops in the garden", "hot chocolate and quiet time",
        "music on headphones", "a call with their nan", "time on the trampoline", "helping cook tea",
        "sitting out in the garden", "a bike ride to the reservoir", "fixing up the old bike in the shed")  # fmt: skip
ADULTS = ("Dev on the day team", "Sue on nights", "their key worker", "the deputy manager", "Pat the cook",
          "their teacher Mr Okafor", "their youth worker Ellis", "their mentor from the boxing club")  # fmt: skip
WHEN = ("in the car", "late in the evening", "over breakfast", "while walking", "after football", "at bedtime",
        "after contact with family", "on the way back from school")  # fmt: skip
REQUESTS = ("ten minutes of space before anyone talks to them", "staff to sit nearby without talking",
            "a text rather than a call", "to be told plans the day before", "no raised voices",
            "their music left on", "a choice of two things, not an order", "to be asked, not told")  # fmt: skip
AVOID = ("talking about their dad in front of others", "questions at the door when they come back",
         "mentioning their old school", "taking their phone without saying why", "group talks about rules",
         "jokes about their size", "comparing them with their brother")  # fmt: skip


def _strategies(plan: HomePlan, name: str, domain: str) -> dict[str, str]:
    """Strategies written for one child: two or three sentences per field with their places and
    people, and something only their key worker would know. A poorly run home copies stock wording
    for every child; a fairly run one now and then copies the last child's plan, name changed.
    Both are what the rules find (risk.generic_strategy)."""
    pick = plan.rng.choice
    if plan.quality == Quality.POOR:
        return {
            "current_risk": f"{name} is at risk of {domain.replace('_', ' ')}.",
            "triggers": "Changes in mood; unexplained items.",
            "before": f"Staff to monitor {name} and follow the home's policy.",
            "during": f"Staff to follow the missing from care procedure and inform the manager about {name}.",
            "after": f"Staff to talk to {name} and record on the system.",
        }
    copied = plan.last_strategies.get(domain)
    if plan.quality == Quality.FAIR and copied is not None and plan.rng.random() < 0.2:
        earlier, written_for = copied
        return {field: text.replace(written_for, name) for field, text in earlier.items()}

    if not plan.wording:
        plan.wording.update({key: pick(options) for key, options in sorted(WORDINGS.items())})

    def fill(sentence: str) -> str:
        sentence = WORDING.sub(lambda m: plan.wording[m.group(0)], sentence)
        return sentence.format(
            name=name,
            place=pick(PLACES),
            place2=pick(PLACES),
            contact=pick(CONTACTS),
            sign=pick(SIGNS).capitalize(),
            day=pick(DAYS),
            n=plan.rng.randint(2, 6),
            minutes=pick([10, 15, 20, 30]),
            hours=pick(["one hour", "two hours", "30 minutes"]),
            calm=pick(CALM),
            adult=pick(ADULTS),
            when=pick(WHEN),
            request=pick(REQUESTS),
            avoid=pick(AVOID),
        )

    written = {}
    for field, options in SENTENCES.items():
        chosen = plan.rng.sample(options, plan.rng.randint(2, 3))
        if field != "current_risk":
            chosen.insert(plan.rng.randint(0, len(chosen)), pick(PERSONAL))
        written[field] = " ".join(fill(sentence) for sentence in chosen)
    plan.last_strategies[domain] = (written, name)
    return written


def _risk_assessments(plans: list[HomePlan], names: dict[int, str]) -> int:
    versions: list[RiskAssessment] = []
    domains: list[tuple[str, ...]] = []
    texts: list[list[dict[str, str]]] = []
    for plan in plans:
        every = REVIEW_EVERY_DAYS[plan.quality]
        for placement in plan.placements:
            chosen = tuple(plan.rng.sample(DOMAINS, plan.rng.randint(2, 4)))
            written = max(placement.admitted_on, plan.start - datetime.timedelta(days=200))
            last = min(placement.left_on or plan.end, plan.end)
            number = 0
            while written <= last:
                number += 1
                versions.append(
                    RiskAssessment(
                        public_id=plan.uuid(),
                        child_id=placement.child_id,
                        home=plan.home,
                        number=number,
                        strengths="Good at football; close to their younger sister; trusts their key worker.",
                        child_words="I know staff worry when I go out late. I will text them.",
                        written_by_name="Synthetic key worker",
                        approved_at=plan.at(written, 15),
                        approved_by=plan.manager_user,
                        approved_by_name="Synthetic manager",
                    )
                )
                domains.append(chosen)
                texts.append([_strategies(plan, names[placement.child_id], d) for d in chosen])
                written += datetime.timedelta(days=every + plan.rng.randint(-10, 10))
    versions = bulk(RiskAssessment, versions)
    items: list[Any] = []
    for version, chosen, written_texts in zip(versions, domains, texts, strict=True):
        assert version.approved_at is not None
        review_by = version.approved_at.date() + datetime.timedelta(days=90)
        for n, (domain, words) in enumerate(zip(chosen, written_texts, strict=True)):
            items.append(
                RiskItem(
                    assessment=version,
                    domain=domain,
                    level=("high", "medium", "low")[min(n, 2)],
                    review_by=review_by,
                    **words,
                )
            )
    bulk(RiskItem, items)
    return len(versions)
