"""A finding's links: the remembered routes give exactly the URLs ``django.urls.reverse`` gives."""

import uuid

import pytest
from django.urls import reverse as django_reverse
from django.urls import set_script_prefix

from hearth.oversight.links import reverse


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("records:entry", {"home_id": uuid.uuid4(), "entry_id": uuid.uuid4()}),
        ("risk:version", {"home_id": uuid.uuid4(), "child_id": uuid.uuid4(), "number": 12}),
        ("records:outings", {"home_id": uuid.uuid4()}),
        # a real id that happens to hold what a placeholder looks like is still put in whole
        ("records:entry", {"home_id": uuid.UUID(int=0xFEED0002), "entry_id": uuid.UUID(int=0xFEED0001)}),
    ],
)
def test_a_remembered_route_gives_the_url_reverse_gives(name: str, kwargs: dict) -> None:  # type: ignore[type-arg]
    assert reverse(name, kwargs=kwargs) == django_reverse(name, kwargs=kwargs)
    assert reverse(name, kwargs=kwargs) == django_reverse(name, kwargs=kwargs)  # and again, from memory


def test_a_site_served_under_a_prefix_links_under_it() -> None:
    kwargs = {"home_id": uuid.uuid4(), "entry_id": uuid.uuid4()}
    try:
        set_script_prefix("/hearth/")
        assert reverse("records:entry", kwargs=kwargs).startswith("/hearth/homes/")
        assert reverse("records:entry", kwargs=kwargs) == django_reverse("records:entry", kwargs=kwargs)
    finally:
        set_script_prefix("/")


def test_an_argument_that_is_neither_an_id_nor_a_number_is_resolved_as_usual() -> None:
    home = str(uuid.uuid4())
    assert reverse("records:outings", kwargs={"home_id": home}) == django_reverse(
        "records:outings", kwargs={"home_id": home}
    )
