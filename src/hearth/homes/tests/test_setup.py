"""Setting up in the browser: an administrator's new provider and its people, the RI's homes, and
new versions of the statement of purpose and the location review."""

from typing import Any
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from hearth.access.models import Invitation, Membership
from hearth.conftest import World, signed_in_client
from hearth.core.dates import today
from hearth.homes.models import Home, LocationRiskAssessment, Provider, StatementOfPurpose

HOME = {
    "name": "Cedar Lodge",
    "urn": "SC999001",
    "address_line_1": "1 Cedar Way",
    "address_line_2": "",
    "town": "Leeds",
    "postcode": "LS1 1AA",
    "capacity": "4",
    "age_min": "11",
    "age_max": "17",
    "sexes": "mixed",
}
PASSWORD = "correct horse battery staple"


def test_an_administrator_sets_up_a_provider_whose_people_accept_their_invitations(db: Any) -> None:
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", PASSWORD)
    client = signed_in_client(admin)
    page = client.get(reverse("homes:set_up")).content.decode()
    assert "Set up a provider and its first home" in page
    data = {
        **HOME,
        "provider_name": "Oakfield Care Ltd",
        "manager_first_name": "Mo",
        "manager_last_name": "Manager",
        "manager_email": "mo@example.org",
        "ri_first_name": "Rae",
        "ri_last_name": "Responsible",
        "ri_email": "rae@example.org",
    }
    messages = client.post(reverse("homes:set_up"), data, follow=True).content.decode()
    assert "Cedar Lodge is set up for Oakfield Care Ltd." in messages
    home = Home.objects.get(urn="SC999001")
    assert home.provider == Provider.objects.get(name="Oakfield Care Ltd")
    assert Invitation.objects.filter(home=home).count() == 2
    # The links are shown to the administrator once (and mailed): accept each from the page.
    paths = _paths(messages)
    assert len(paths) == 2
    for path, username in zip(paths, ("mo", "rae"), strict=True):
        Client().post(path, {"username": username, "password": PASSWORD, "password_again": PASSWORD})
    ri = get_user_model().objects.get(username="rae")
    assert Membership.objects.get(user=ri).provider == home.provider  # across the provider
    assert Membership.objects.get(user__username="mo").home == home
    assert Client().get(paths[0]).status_code == 410  # used


def _paths(page: str) -> list[str]:
    import re

    return sorted(
        {urlsplit(m).path for m in re.findall(r"https?://[^\s<\"]+/accounts/invitation/[^\s<\"]+/", page)},
        key=page.index,
    )


def test_a_non_administrator_cannot_set_up_and_a_duplicate_urn_is_refused(world: World, client_for: Any) -> None:
    ri = client_for("responsible_individual")
    assert ri.get(reverse("homes:set_up")).status_code == 404
    url = reverse("homes:new", kwargs={"provider_id": world.home_a.provider.public_id})
    page = ri.post(url, {**HOME, "urn": world.home_a.urn}).content.decode()
    assert f"Another home already has the URN {world.home_a.urn}." in page
    added = ri.post(url, HOME)
    home = Home.objects.get(urn="SC999001")
    assert added.url == reverse("homes:sop_new", kwargs={"home_id": home.public_id})
    assert home.provider == world.home_a.provider


def test_a_new_statement_of_purpose_version_keeps_the_last_and_is_checked(world: World, client_for: Any) -> None:
    manager = client_for("registered_manager")
    url = reverse("homes:sop_new", kwargs={"home_id": world.home_a.public_id})
    before = StatementOfPurpose.objects.filter(home=world.home_a).count()
    data = {
        "effective_from": today().isoformat(),
        "summary": "A home for four young people with trauma and attachment needs.",
        "accepted_needs": ["trauma_attachment", "going_missing"],
        "excluded_needs": ["going_missing"],
        "age_min": "12",
        "age_max": "17",
        "capacity": "4",
        "sexes": "mixed",
        "emergency_admissions": "no",
    }
    page = manager.post(url, data).content.decode()
    assert "A need cannot be both accepted and not accepted: Going missing." in page
    data["excluded_needs"] = ["harmful_sexual_behaviour"]
    assert manager.post(url, data).status_code == 302
    versions = list(StatementOfPurpose.objects.filter(home=world.home_a).order_by("number"))
    assert len(versions) == before + 1 and versions[-1].number == versions[-2].number + 1
    assert versions[-1].excluded_needs == ["harmful_sexual_behaviour"]


def test_a_location_review_keeps_each_kind_of_risk_described(world: World, client_for: Any) -> None:
    manager = client_for("registered_manager")
    url = reverse("homes:location_new", kwargs={"home_id": world.home_a.public_id})
    assert "Gangs and county lines" in manager.get(url).content.decode()
    response = manager.post(
        url,
        {
            "reviewed_on": today().isoformat(),
            "summary": "Reviewed with the local police team.",
            "consulted": "Police",
            "risk_gangs": "Dealing reported near the station; staff escort after dark.",
            "risk_hazard": "",
            "area_offers": "Leisure centre\nLibrary\n",
        },
    )
    assert response.status_code == 302
    review = LocationRiskAssessment.objects.filter(home=world.home_a).order_by("-id").first()
    assert review is not None
    assert review.local_risks == [
        {"category": "gangs", "description": "Dealing reported near the station; staff escort after dark."}
    ]
    assert review.area_offers == ["Leisure centre", "Library"]
    page = manager.get(reverse("homes:detail", kwargs={"home_id": world.home_a.public_id})).content.decode()
    assert "Gangs and county lines: Dealing reported" in page
