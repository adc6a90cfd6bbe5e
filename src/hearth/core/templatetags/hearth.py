"""Template tags shared by Hearth's pages."""

from typing import Any

from django import template
from django.utils.html import format_html

from hearth.access import policies
from hearth.core.submissions import SUBMISSION_FIELD, key_for

register = template.Library()


@register.inclusion_tag("homes/_home_nav.html", takes_context=True)
def home_nav(context: dict[str, Any], home: Any) -> dict[str, Any]:
    """The links across a home's records, each shown only where the user's role may open it."""
    user = context["request"].user
    return {
        "home": home,
        "nav": {
            "shift": policies.can_view_shift(user, home),
            "daily_log": policies.can_view_daily_log(user, home),
            "review": policies.can_review_records(user, home),
            "referrals": policies.can_view_referrals(user, home),
            "staff": policies.can_view_staff_records(user, home),
            "rota": policies.can_view_rota(user, home),
            "findings": policies.can_view_findings(user, home),
            "actions": policies.can_view_actions(user, home),
            "reg44": policies.can_view_reg44_reports(user, home),
            "reg45": policies.can_view_reg45_reviews(user, home),
            "inspections": policies.can_view_inspections(user, home),
            "people": policies.can_manage_people(user, home),
        },
    }


@register.simple_tag(takes_context=True)
def submission_key(context: dict[str, Any]) -> str:
    """The form's one-time key (core/submissions.py): put it beside ``{% csrf_token %}`` in every
    form that posts, so that pressing it twice saves once."""
    return format_html('<input type="hidden" name="{}" value="{}">', SUBMISSION_FIELD, key_for(context["request"]))


@register.filter
def concern_label(category: str) -> str:
    """A possible-concern category in plain words: ``cse`` → "Possible sexual exploitation"."""
    from hearth.risk.indicators import concern_label as label

    return label(category)


@register.filter
def action_label(action: str) -> str:
    """An audit event's action in words: ``reg45_review.started`` → "Regulation 45 review started"."""
    from hearth.audit.labels import action_label as words

    return words(action)


@register.filter
def risk_category(code: str) -> str:
    """A location risk's kind in words: ``anti_social_behaviour`` → "Anti-social behaviour"."""
    from hearth.homes.models import LocationRiskAssessment

    return LocationRiskAssessment.RISK_CATEGORIES.get(code, code.replace("_", " ").capitalize())
