"""A referral with its impact risk assessment, for tests."""

import datetime
from typing import Any

from django.utils import timezone

from hearth.admissions.models import Referral
from hearth.admissions.services import impact_assessment_start, referral_create
from hearth.children.tests.factories import ChildFactory


def referral_with_assessment(home: Any, **child: Any) -> Referral:
    """A referral of a new child to ``home``, its impact assessment started (sections for residents)."""
    today = timezone.localdate()
    referred = ChildFactory(**child)
    referral = referral_create(
        actor=None,
        home=home,
        child=referred,
        received_on=today,
        referrer="Sam Patel, social worker, Northshire",
        needs_summary="Needs a calm home near her school; has gone missing from foster care.",
        proposed_admission_on=today + datetime.timedelta(days=7),
        risk_domains=["missing"],
    )
    impact_assessment_start(actor=None, referral=referral, on=today)
    return referral
