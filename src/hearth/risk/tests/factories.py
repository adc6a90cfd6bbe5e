"""Risk assessments for tests, written through the services."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from hearth.risk.models import RiskAssessment, RiskItem
from hearth.risk.services import risk_assessment_approve, risk_assessment_start, risk_item_save

SPECIFIC = {
    "current_risk": "Alice has gone missing twice this month after phone calls from an older friend in Leeds.",
    "triggers": "A call from the withheld number; asking for her bus fare early; going quiet at tea.",
    "before": "Key worker checks in after each call and plans Tuesday swimming with her so evenings have a shape.",
    "during": "If Alice is not back by 21:00, ring her twice, check the park by the canal, then report her missing to police.",
    "after": "Offer hot chocolate and a quiet talk in the lounge; book the return interview with the local authority.",
    "child_view": "Alice says she wants staff to text her before ringing the police.",
    "protective_factors": "Her nan, swimming club, and a good bond with her key worker.",
}


def item_fields(**overrides: Any) -> dict[str, Any]:
    return {
        "domain": "missing",
        "level": RiskItem.Level.HIGH,
        **SPECIFIC,
        "review_by": timezone.localdate() + datetime.timedelta(days=60),
        **overrides,
    }


@dataclass
class CareRecords:
    approved: RiskAssessment
    draft: RiskAssessment


def approved_assessment(child: Any, home: Any, **item: Any) -> RiskAssessment:
    draft = risk_assessment_start(actor=None, child=child, home=home, strengths="Funny, kind to younger children.")
    risk_item_save(actor=None, assessment=draft, **item_fields(**item))
    return risk_assessment_approve(actor=None, assessment=draft, comment="Checked with the key worker.")


def care_records(child: Any, home: Any) -> CareRecords:
    """An approved version 1 with one item, and a draft version 2 copied from it."""
    approved = approved_assessment(child, home)
    draft = risk_assessment_start(actor=None, child=child, home=home)
    return CareRecords(approved, draft)
