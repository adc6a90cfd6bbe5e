"""Providers, homes, statements of purpose and location risk assessments."""

from django.db import models
from simple_history.models import HistoricalRecords

from hearth.core.models import HearthModel
from hearth.homes.needs import SEXES


class Provider(HearthModel):
    """The registered provider: the company (or council) that runs one or more homes."""

    name = models.CharField(max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Home(HearthModel):
    """A registered children's home (Reg 2): Ofsted URN, address, capacity, ages and sexes."""

    SEX_CHOICES = list(SEXES.items())

    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="homes")
    name = models.CharField(max_length=200)
    urn = models.CharField("Unique reference number", max_length=12, unique=True)
    address_line_1 = models.CharField(max_length=200)
    address_line_2 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100)
    postcode = models.CharField(max_length=10)
    capacity = models.PositiveSmallIntegerField()
    age_min = models.PositiveSmallIntegerField()
    age_max = models.PositiveSmallIntegerField()
    sexes = models.CharField(max_length=10, choices=SEX_CHOICES)
    registered_manager = models.ForeignKey(
        "staff.StaffMember", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    complaint_response_days = models.PositiveSmallIntegerField(
        default=28, help_text="Days the home's complaints procedure allows for a response (Reg 39)"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def address(self) -> str:
        parts = [self.address_line_1, self.address_line_2, self.town, self.postcode]
        return ", ".join(p for p in parts if p)


class StatementOfPurpose(HearthModel):
    """One version of a home's statement of purpose (Reg 16, Schedule 1).

    The range of needs is structured (accepted and excluded need codes, ages, capacity, sexes,
    emergency admissions) so that admissions can be checked against it (Reg 14(1)).
    A new version is a new row; earlier versions stay as they were.
    """

    SEX_CHOICES = list(SEXES.items())

    home = models.ForeignKey(Home, on_delete=models.PROTECT, related_name="statements_of_purpose")
    number = models.PositiveIntegerField()
    effective_from = models.DateField()
    summary = models.TextField()
    accepted_needs = models.JSONField(default=list)
    excluded_needs = models.JSONField(default=list)
    age_min = models.PositiveSmallIntegerField()
    age_max = models.PositiveSmallIntegerField()
    capacity = models.PositiveSmallIntegerField()
    sexes = models.CharField(max_length=10, choices=SEX_CHOICES)
    emergency_admissions = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["home", "-number"]
        constraints = [models.UniqueConstraint(fields=["home", "number"], name="sop_number_unique_per_home")]

    def __str__(self) -> str:
        return f"Statement of purpose v{self.number} ({self.home})"


class LocationRiskAssessment(HearthModel):
    """A review of the home's location (Reg 46; Reg 12(2)(c)), due at least every 12 months.

    ``local_risks`` is a list of ``{"category", "description"}`` where category is one of
    exploitation, gangs, anti_social_behaviour, hazard, other; ``area_offers`` is a list of the
    positives the area gives children (leisure, faith, culture, education).
    """

    RISK_CATEGORIES = {
        "exploitation": "Exploitation hot spot",
        "gangs": "Gangs and county lines",
        "anti_social_behaviour": "Anti-social behaviour",
        "hazard": "Physical hazard",
        "other": "Other",
    }

    home = models.ForeignKey(Home, on_delete=models.PROTECT, related_name="location_assessments")
    reviewed_on = models.DateField()
    next_review_due = models.DateField()
    summary = models.TextField()
    local_risks = models.JSONField(default=list)
    area_offers = models.JSONField(default=list)
    consulted = models.CharField(max_length=300, blank=True, help_text="Who was consulted, e.g. police")
    history = HistoricalRecords()

    class Meta:
        ordering = ["home", "-reviewed_on"]

    def __str__(self) -> str:
        return f"Location risk assessment of {self.home}, {self.reviewed_on:%d %B %Y}"
