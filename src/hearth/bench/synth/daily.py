"""The daily record: several log entries per child per day, incidents (missing episodes and
physical interventions among them) with their reviews and notifications, and visitors.

A home's quality decides how often entries are written late, left unreviewed, or an incident's
follow-up (return interview, restraint sign-off, notification, review) is missed."""

import datetime
import functools
from typing import Any

from hearth.bench.synth.common import HomePlan, Quality, bulk, days, insert_rows
from hearth.incidents.models import (
    Incident,
    IncidentChild,
    IncidentStaff,
    MissingAction,
    MissingEpisode,
    Notification,
    PhysicalIntervention,
)
from hearth.records.models import LogEntry
from hearth.risk.indicators import LEXICON_VERSION, categories_in
from hearth.staff.models import StaffMember
from hearth.visitors.models import Visit, Visitor

ENTRIES_PER_DAY = (2, 3, 3, 4)
KINDS = ("daily", "daily", "daily", "education", "activity", "night", "key_work", "health", "family_time")
ORDINARY = (
    "{n} went to school on time and said maths went well. Tea together, then a film in the lounge.",
    "{n} cooked pasta with staff and tidied up after. Talked about the weekend visit to Gran.",
    "{n} was quiet after school; key worker checked in and they said they were tired. In bed by ten.",
    "{n} went to football training, dropped off and collected by staff. Pleased to have scored.",
    "{n} had a dentist appointment, went well. Chose a new toothbrush in the shop afterwards.",
    "Night: {n} settled at 22:30, checked hourly, asleep at each check. Up at seven for breakfast.",
    "{n} played board games with another young person and staff; lots of laughing.",
    "{n} phoned their mum; the call was positive. Asked if they could go to the cinema on Saturday.",
)
CONCERNING = (
    "{n} came back at 23:10 with new trainers and a phone staff have not seen before; would not say where from.",
    "{n} was seen getting into a car with an older man staff did not know near the shops.",
    "{n} said a boy in their year keeps taking their lunch and pushed them on the bus.",
)
INCIDENT_RATE = {Quality.GOOD: 0.5, Quality.FAIR: 1.0, Quality.POOR: 2.2}  # per child per month
INCIDENT_TYPES = (
    ("missing", 20), ("physical_intervention", 8), ("bullying", 10), ("self_harm", 5), ("police", 5),
    ("complaint", 5), ("damage", 15), ("injury", 10), ("other", 22),
)  # fmt: skip


@functools.cache
def _indicators(template: str) -> dict[str, list[str]]:
    return categories_in(template.format(n="The young person"))


class OnDuty:
    """Who worked at the home on a day: the staff in post, by day of the period."""

    def __init__(self, plan: HomePlan) -> None:
        self.start = plan.start
        self.by_day: list[list[StaffMember]] = [[] for _ in days(plan.start, plan.end)]
        for member in plan.staff:
            first = max(member.start_date, plan.start)
            last = min(member.end_date or plan.end, plan.end)
            for n in range((first - plan.start).days, (last - plan.start).days + 1):
                self.by_day[n].append(member)

    def on(self, day: datetime.date, plan: HomePlan) -> StaffMember:
        staff = self.by_day[(day - self.start).days] or self.by_day[-1]
        return plan.rng.choice(staff)


def daily_records_create(plan: HomePlan) -> dict[str, int]:
    """One home's daily record over the period."""
    duty = OnDuty(plan)
    entries: list[dict[str, Any]] = []
    about: list[int] = []
    reviewer = plan.manager_user.pk
    recent = plan.end - datetime.timedelta(days=60)
    home_id = plan.home.pk
    for placement in plan.placements:
        first = max(placement.admitted_on, plan.start)
        last = min(placement.left_on or plan.end, plan.end)
        for day in days(first, last) if first <= last else []:
            for _ in range(plan.rng.choice(ENTRIES_PER_DAY)):
                template = plan.rng.choice(CONCERNING if plan.rng.random() < 0.01 else ORDINARY)
                found = _indicators(template)
                occurred = plan.at(day, plan.rng.uniform(7, 22.9))
                late = plan.missed()
                recorded = occurred + datetime.timedelta(
                    hours=plan.rng.uniform(30, 60) if late else plan.rng.uniform(0.1, 3)
                )
                unreviewed = day > plan.end - datetime.timedelta(days=2) or (
                    day > recent and plan.quality == Quality.POOR and plan.rng.random() < 0.5
                )
                entries.append(
                    {
                        "public_id": plan.uuid(),
                        "home_id": home_id,
                        "author_name": duty.on(day, plan).full_name,
                        "occurred_at": occurred,
                        "recorded_at": recorded,
                        "kind": plan.rng.choice(KINDS),
                        "text": template.format(n="The young person"),
                        "indicator_categories": sorted(found),
                        "indicator_matches": found,
                        "lexicon_version": LEXICON_VERSION,
                        "reviewed_at": None
                        if unreviewed
                        else recorded + datetime.timedelta(hours=plan.rng.uniform(2, 70)),
                        "reviewed_by_id": None if unreviewed else reviewer,
                        "review_comment": "",
                    }
                )
                about.append(placement.child_id)
    ids = insert_rows(LogEntry, entries)
    through = LogEntry.children.through
    insert_rows(through, [{"logentry_id": e, "child_id": c} for e, c in zip(ids, about, strict=True)])
    counts = {"log_entries": len(ids)}
    counts |= _incidents(plan, duty)
    counts |= _visitors(plan, duty)
    return counts


def _incident_days(plan: HomePlan) -> list[tuple[Any, datetime.date]]:
    rate = INCIDENT_RATE[plan.quality] / 30
    found = []
    for placement in plan.placements:
        first = max(placement.admitted_on, plan.start)
        last = min(placement.left_on or plan.end, plan.end)
        for day in days(first, last) if first <= last else []:
            if plan.rng.random() < rate:
                found.append((placement, day))
    return found


def _incidents(plan: HomePlan, duty: OnDuty) -> dict[str, int]:
    kinds, weights = zip(*INCIDENT_TYPES, strict=True)
    incidents, subjects = [], []
    for placement, day in _incident_days(plan):
        kind = plan.rng.choices(kinds, weights)[0]
        occurred = plan.at(day, plan.rng.uniform(8, 23))
        recorded = occurred + datetime.timedelta(hours=plan.rng.uniform(0.5, 4))
        reviewed = (
            None
            if plan.missed() or day > plan.end - datetime.timedelta(days=3)
            else recorded + datetime.timedelta(hours=plan.rng.uniform(4, 60))
        )
        staff = duty.on(day, plan)
        incidents.append(
            Incident(
                public_id=plan.uuid(),
                home=plan.home,
                type=kind,
                severity=plan.rng.choice(["low", "medium", "medium", "high"]),
                occurred_at=occurred,
                recorded_at=recorded,
                location="At the home" if kind != "missing" else "In the town centre",
                what_happened="What happened, in order, in plain words: who was there and what was said.",
                action_taken="Staff stayed calm, gave space, and talked it through afterwards.",
                reported_by_name=staff.full_name,
                reviewed_at=reviewed,
                reviewed_by=plan.manager_user if reviewed else None,
            )
        )
        subjects.append((placement, staff))
    incidents = bulk(Incident, incidents)
    bulk(
        IncidentChild,
        [
            IncidentChild(incident=i, child_id=p.child_id, role="subject")
            for i, (p, _) in zip(incidents, subjects, strict=True)
        ],
    )
    bulk(
        IncidentStaff,
        [
            IncidentStaff(incident=i, staff_member=s, role="involved")
            for i, (_, s) in zip(incidents, subjects, strict=True)
        ],
    )
    episodes, interventions, notifications, actions = [], [], [], []
    for incident, (placement, staff) in zip(incidents, subjects, strict=True):
        at = incident.occurred_at
        if incident.type == "missing":
            returned = at + datetime.timedelta(hours=plan.rng.uniform(2, 20))
            interview = not plan.missed()
            episodes.append(
                MissingEpisode(
                    incident=incident,
                    child_id=placement.child_id,
                    last_seen_at=at,
                    last_seen_where="Leaving the home on foot towards the station",
                    circumstances="Said they were going to the shop and did not come back.",
                    risk_level=plan.rng.choice(["low", "medium", "high"]),
                    police_informed_at=at + datetime.timedelta(hours=1),
                    placing_authority_informed_at=at + datetime.timedelta(hours=2),
                    returned_at=returned,
                    return_condition="Tired and hungry; no injuries seen.",
                    return_interview_offered_at=returned + datetime.timedelta(hours=20) if interview else None,
                    return_interview_held_at=returned + datetime.timedelta(hours=40) if interview else None,
                    return_interview_by="Independent return interviewer" if interview else "",
                )
            )
            notifications.append(_notify(plan, incident, "placing_authority", staff))
        elif incident.type == "physical_intervention":
            signed = not plan.missed()
            interventions.append(
                PhysicalIntervention(
                    incident=incident,
                    child_id=placement.child_id,
                    behaviour_before="Shouting and throwing plates in the kitchen; another child nearby.",
                    steps_tried_first="Asked calmly to stop; offered space in the garden; moved the other child away.",
                    technique="Two-person escort",
                    duration_minutes=plan.rng.randint(1, 6),
                    outcome="Calmed within minutes; no injuries; talked it through later.",
                    staff_spoken_signed_at=at + datetime.timedelta(hours=20) if signed else None,
                    staff_spoken_signed_by=plan.manager_user if signed else None,
                    child_spoken_at=at + datetime.timedelta(hours=22) if signed else None,
                    child_spoken_by=plan.manager_user if signed else None,
                )
            )
        elif incident.type == "police" and not plan.missed():
            notifications.append(_notify(plan, incident, "ofsted", staff))
    episodes = bulk(MissingEpisode, episodes)
    for episode in episodes:
        actions.append(
            MissingAction(
                episode=episode,
                at=episode.last_seen_at + datetime.timedelta(minutes=20),
                kind="called_child",
                description="Called the child's phone; no answer.",
                by_name="Synthetic worker",
            )
        )
    bulk(MissingAction, actions)
    bulk(PhysicalIntervention, interventions)
    bulk(Notification, notifications)
    return {
        "incidents": len(incidents),
        "missing_episodes": len(episodes),
        "physical_interventions": len(interventions),
    }


def _notify(plan: HomePlan, incident: Incident, recipient: str, staff: StaffMember) -> Notification:
    return Notification(
        incident=incident,
        recipient=recipient,
        sent_at=incident.occurred_at + datetime.timedelta(hours=plan.rng.uniform(1, 20)),
        method="Email",
        sent_by_name=staff.full_name,
    )


def _visitors(plan: HomePlan, duty: OnDuty) -> dict[str, int]:
    """Six regular visitors, two visits a week between them; in a poorly run home, a staff member's
    relative without a DBS check has unsupervised contact."""
    kinds = ["professional", "professional", "family", "family", "tutor", "contractor"]
    relative = plan.quality == Quality.POOR
    if relative:
        kinds[-1] = "staff_relative"
    visitors = []
    for kind in kinds:
        checked = kind in ("professional", "tutor")
        visitors.append(
            Visitor(
                public_id=plan.uuid(),
                home=plan.home,
                name=" ".join(plan.name()),
                kind=kind,
                organisation="Anyshire Council" if kind == "professional" else "",
                related_staff_member=plan.staff[0] if kind == "staff_relative" else None,
                relationship="Son of the registered manager" if kind == "staff_relative" else "",
                dbs_certificate_number=f"{plan.rng.randrange(10**11, 10**12)}" if checked else "",
                dbs_issued_on=plan.start if checked else None,
                dbs_barred_list_checked=checked,
            )
        )
    visitors = bulk(Visitor, visitors)
    visits = []
    for day in days(plan.start, plan.end)[::3]:
        visitor = plan.rng.choice(visitors)
        staff = duty.on(day, plan)
        unsupervised = visitor.kind == "staff_relative"
        visits.append(
            Visit(
                visitor=visitor,
                arrived_at=plan.at(day, plan.rng.uniform(9, 18)),
                reason="Visit",
                contact="unsupervised" if unsupervised else plan.rng.choice(["none", "supervised"]),
                supervised_by=None if unsupervised else staff,
                recorded_by_name=staff.full_name,
            )
        )
    for visit in visits:
        visit.left_at = visit.arrived_at + datetime.timedelta(hours=1)
    bulk(Visit, visits)
    return {"visits": len(visits)}
