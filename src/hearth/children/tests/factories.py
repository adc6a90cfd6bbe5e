import datetime

import factory

from hearth.children.models import Child, Placement
from hearth.homes.tests.factories import HomeFactory


class ChildFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Child

    first_name = factory.Sequence(lambda n: f"Child{n}")
    last_name = "Example"
    date_of_birth = datetime.date(2012, 5, 1)
    sex = Child.Sex.FEMALE
    legal_status = Child.LegalStatus.S31
    placing_authority = "Example Council"
    needs = ["emotional_behavioural_difficulties"]


class PlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Placement

    child = factory.SubFactory(ChildFactory)
    home = factory.SubFactory(HomeFactory)
    admitted_on = datetime.date(2025, 1, 1)


# The smallest PNG (one transparent pixel): a child's photograph in tests.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5a0000000049454e44ae426082"
)
