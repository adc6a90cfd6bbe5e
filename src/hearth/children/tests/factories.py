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
