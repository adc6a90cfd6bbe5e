"""Accounts, their roles, Regulation 44 consents and how placements ended travel in bundles."""

import copy
import datetime
import json
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from hearth.access.models import Membership
from hearth.children.models import CaseRecordConsent, Placement
from hearth.interchange.demo import demo_bundle_paths
from hearth.interchange.errors import BundleInvalid
from hearth.interchange.schema import structural_errors
from hearth.interchange.selectors import bundle_export
from hearth.interchange.services import bundle_load

LOAD_DAY = timezone.localdate() - datetime.timedelta(days=3)


@pytest.fixture
def bundle() -> dict[str, Any]:
    document = json.loads(demo_bundle_paths()[0].read_text())
    home = document["homes"][0]
    child = next(c for c in document["children"] if any(p["home"] == home["id"] for p in c.get("placements", [])))
    child["case_record_consents"] = [
        {
            "id": "consent-1",
            "home": home["id"],
            "child_consented_on": {"days_before_load": 20},
            "placing_authority_consented_on": {"days_before_load": 18},
            "placing_authority_contact": "Sam Patel, social worker",
            "withdrawn_on": None,
        }
    ]
    document["accounts"] = [
        {
            "id": "kim.keyworker",
            "first_name": "Kim",
            "last_name": "Keyworker",
            "email": "kim@example.org",
            "memberships": [{"id": "kim-at-home", "role": "senior", "home": home["id"], "starts_on": "2025-01-06"}],
        },
        {
            "id": "rae.ri",
            "first_name": "Rae",
            "last_name": "Ri",
            "memberships": [
                {
                    "id": "rae-ri",
                    "role": "responsible_individual",
                    "provider": home["provider"],
                    "starts_on": "2025-01-06",
                }
            ],
        },
    ]
    return document


def load(document: Any) -> Any:
    return bundle_load(actor=None, document=document, load_day=LOAD_DAY)


def test_accounts_roles_and_consents_load_once_with_no_password(db: Any, bundle: dict[str, Any]) -> None:
    assert structural_errors(bundle) == []
    report = load(bundle)
    assert report.created["accounts"] == 2 and report.created["memberships"] == 2
    assert report.created["case_record_consents"] == 1
    kim = get_user_model().objects.get(username="kim.keyworker")
    assert not kim.has_usable_password()  # no password travels: invited, or set by an administrator
    assert Membership.objects.get(user=kim).role == "senior"
    assert Membership.objects.get(user__username="rae.ri").provider.external_id == bundle["homes"][0]["provider"]
    consent = CaseRecordConsent.objects.get(external_id="consent-1")
    assert consent.placing_authority_consented_on == LOAD_DAY - datetime.timedelta(days=18)
    again = load(bundle)
    assert not again.changed_anything


def test_a_role_ending_and_a_consent_withdrawn_load_as_changes(db: Any, bundle: dict[str, Any]) -> None:
    load(bundle)
    changed = copy.deepcopy(bundle)
    changed["accounts"][0]["memberships"][0]["ends_on"] = {"days_before_load": 1}
    consent = next(c for c in changed["children"] if c.get("case_record_consents"))["case_record_consents"][0]
    consent["withdrawn_on"] = {"days_before_load": 2}
    report = load(changed)
    assert report.updated["memberships"] == 1 and report.updated["case_record_consents"] == 1
    assert Membership.objects.get(external_id="kim-at-home").ends_on == LOAD_DAY - datetime.timedelta(days=1)
    consent["placing_authority_contact"] = "Someone else"
    with pytest.raises(BundleInvalid) as exc:
        load(changed)
    assert any("case_record_consents[0]" in e.path for e in exc.value.errors)


def test_a_role_naming_no_home_or_provider_is_located(db: Any, bundle: dict[str, Any]) -> None:
    del bundle["accounts"][0]["memberships"][0]["home"]
    with pytest.raises(BundleInvalid) as exc:
        load(bundle)
    assert [e.path for e in exc.value.errors] == ["$.accounts[0].memberships[0]"]


def test_how_a_placement_ended_round_trips(db: Any, bundle: dict[str, Any]) -> None:
    load(bundle)
    placement = Placement.objects.filter(left_on__isnull=True).first()
    assert placement is not None
    Placement.objects.filter(pk=placement.pk).update(
        left_on=timezone.localdate(),
        leaving_reason="returned_home",
        ending_planned=False,
        destination="Her mother's home, Leeds",
        child_view_of_ending="I want to go home.",
        ending_summary="Settled; went home.",
    )
    exported = bundle_export(homes=[placement.home])
    ended = next(p for c in exported["children"] for p in c["placements"] if p["id"] == placement.bundle_id)
    assert ended["destination"] == "Her mother's home, Leeds" and ended["ending_planned"] is False
    assert structural_errors(exported) == []
    assert any(a["id"] == "kim.keyworker" for a in exported["accounts"])
