import datetime

import factory

from hearth.homes.models import Home, LocationRiskAssessment, Provider, StatementOfPurpose


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider

    name = factory.Sequence(lambda n: f"Provider {n} Ltd")


class HomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Home

    provider = factory.SubFactory(ProviderFactory)
    name = factory.Sequence(lambda n: f"Home {n}")
    urn = factory.Sequence(lambda n: f"SC{800000 + n}")
    address_line_1 = "1 Test Street"
    town = "Testbury"
    postcode = "ZZ9 9ZZ"
    capacity = 3
    age_min = 10
    age_max = 17
    sexes = "mixed"


class StatementOfPurposeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatementOfPurpose

    home = factory.SubFactory(HomeFactory)
    number = 1
    effective_from = datetime.date(2024, 1, 1)
    summary = "Care for children with emotional and behavioural difficulties."
    accepted_needs = ["emotional_behavioural_difficulties"]
    excluded_needs = ["harmful_sexual_behaviour"]
    age_min = 10
    age_max = 17
    capacity = 3
    sexes = "mixed"


class LocationRiskAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocationRiskAssessment

    home = factory.SubFactory(HomeFactory)
    reviewed_on = datetime.date(2026, 6, 1)
    next_review_due = datetime.date(2027, 6, 1)
    summary = "Residential street."
    local_risks = [{"category": "hazard", "description": "Busy road."}]
    area_offers = ["Library"]
