"""Writes for oversight: actions, Regulation 44 visit reports and Regulation 45 reviews.

Each service takes the acting user, owns its transaction, validates, saves and writes the audit
event. The modules split by record; import from here.
"""

from hearth.oversight.services.actions import (
    action_complete,
    action_create,
    action_reopen,
    action_update,
)
from hearth.oversight.services.reg44 import (
    reg44_distribution_record,
    reg44_recommendation_add,
    reg44_visit_record,
    reg44_visit_submit,
    reg44_visit_update,
)
from hearth.oversight.services.reg45 import (
    reg45_review_complete,
    reg45_review_mark_sent,
    reg45_review_start,
    reg45_review_update,
)

__all__ = [
    "action_complete",
    "action_create",
    "action_reopen",
    "action_update",
    "reg44_distribution_record",
    "reg44_recommendation_add",
    "reg44_visit_record",
    "reg44_visit_submit",
    "reg44_visit_update",
    "reg45_review_complete",
    "reg45_review_mark_sent",
    "reg45_review_start",
    "reg45_review_update",
]
