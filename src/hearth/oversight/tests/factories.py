import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from hearth.oversight import services
from hearth.oversight.models import Action, Reg44Visit, Reg45Review

OPINIONS = {
    "records_sampled": "The daily log for the week; incident and missing records since the last visit.",
    "safeguarding_opinion": Reg44Visit.SafeguardingOpinion.EFFECTIVE,
    "safeguarding_reasons": "Children said they feel safe; records were complete.",
    "wellbeing_opinion": Reg44Visit.WellbeingOpinion.PROMOTES,
    "wellbeing_reasons": "Children attend school and their clubs.",
}


@dataclass
class OversightRecords:
    """One of each oversight record for a home, as the access matrix and view tests need."""

    action: Action
    draft_visit: Reg44Visit
    visit: Reg44Visit
    review: Reg45Review


def submitted_visit(home: Any, visited_on: datetime.date, **fields: Any) -> Reg44Visit:
    visit = services.reg44_visit_record(
        actor=None, home=home, visited_on=visited_on, visitor_name="Pat Kendal", **{**OPINIONS, **fields}
    )
    return services.reg44_visit_submit(
        actor=None,
        visit=visit,
        submitted_at=timezone.make_aware(datetime.datetime.combine(visited_on, datetime.time(17, 0))),
    )


def oversight_records(home: Any, owner: Any) -> OversightRecords:
    """A draft and a submitted Regulation 44 report from yesterday, an Ofsted requirement due in a
    week owned by ``owner``, and a draft Regulation 45 review of the last six months."""
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    draft = services.reg44_visit_record(actor=None, home=home, visited_on=yesterday, visitor_name="Pat Kendal")
    action = services.action_create(
        actor=None,
        home=home,
        source=Action.Source.OFSTED_REQUIREMENT,
        title="Ensure every missing episode is reported to the police",
        regulation="12(2)(a)(v)",
        due_on=today + datetime.timedelta(days=7),
        owner=owner,
    )
    review = services.reg45_review_start(
        actor=None, home=home, period_start=today - datetime.timedelta(days=180), period_end=yesterday
    )
    return OversightRecords(action, draft, submitted_visit(home, yesterday), review)
