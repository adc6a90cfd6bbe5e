"""A child's health record (Regulation 10: the health and well-being standard; the Guide, chapter
7): registrations with a GP, dentist and optician; allergies and conditions; who holds parental
responsibility and may consent; statutory health assessments; appointments and the child's
attendance; services such as CAMHS; and accidents with a body map (Schedule 4: accident records)."""

from django.db import models

from hearth.core.models import HearthModel


class Registration(HearthModel):
    class Kind(models.TextChoices):
        GP = "gp", "GP"
        DENTIST = "dentist", "Dentist"
        OPTICIAN = "optician", "Optician"

    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="health_registrations")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    practice = models.CharField(max_length=200)
    registered_on = models.DateField()
    recorded_by_name = models.CharField(max_length=200)

    class Meta:
        ordering = ["kind", "-registered_on"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.practice}"


class Condition(HearthModel):
    class Kind(models.TextChoices):
        ALLERGY = "allergy", "Allergy"
        CONDITION = "condition", "Health condition"
        DISABILITY = "disability", "Disability or additional need"

    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="health_conditions")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    name = models.CharField(max_length=200)
    what_to_do = models.TextField(blank=True)
    recorded_by_name = models.CharField(max_length=200)

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class ConsentHolder(HearthModel):
    """Someone with parental responsibility, and whether they consent to medical treatment."""

    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="consent_holders")
    name = models.CharField(max_length=200)
    relationship = models.CharField(max_length=200, help_text="For example mother, or the local authority (care order)")
    consents_to_treatment = models.BooleanField(default=True)
    contact = models.CharField(max_length=200, blank=True)
    recorded_by_name = models.CharField(max_length=200)

    def __str__(self) -> str:
        return f"{self.name} ({self.relationship})"


class HealthAssessment(HearthModel):
    """A statutory health assessment: held (with its outcome) or booked."""

    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="health_assessments")
    held_on = models.DateField(null=True, blank=True)
    booked_for = models.DateField(null=True, blank=True)
    by = models.CharField(max_length=200)
    outcome = models.TextField(blank=True)
    recorded_by_name = models.CharField(max_length=200)

    class Meta:
        ordering = ["-held_on", "-booked_for"]

    def __str__(self) -> str:
        day = self.held_on or self.booked_for
        return f"Health assessment, {day:%-d %B %Y}" if day else "Health assessment"


class Appointment(HearthModel):
    class Kind(models.TextChoices):
        GP = "gp", "GP"
        DENTIST = "dentist", "Dentist"
        OPTICIAN = "optician", "Optician"
        CAMHS = "camhs", "CAMHS or mental health"
        HOSPITAL = "hospital", "Hospital or clinic"
        OTHER = "other", "Other"

    class Attendance(models.TextChoices):
        BOOKED = "booked", "Booked"
        ATTENDED = "attended", "Attended"
        DID_NOT_ATTEND = "did_not_attend", "Did not attend"
        CANCELLED = "cancelled", "Cancelled"

    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="appointments")
    at = models.DateTimeField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    with_whom = models.CharField(max_length=200)
    attendance = models.CharField(max_length=20, choices=Attendance.choices, default=Attendance.BOOKED)
    outcome = models.TextField(blank=True)
    recorded_by_name = models.CharField(max_length=200)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["home", "at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} appointment with {self.with_whom}"


class HealthService(HearthModel):
    """A service working with the child: CAMHS, a school nurse, speech and language therapy."""

    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="health_services")
    name = models.CharField(max_length=200)
    contact = models.CharField(max_length=200, blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    recorded_by_name = models.CharField(max_length=200)

    class Meta:
        ordering = ["-starts_on"]

    def __str__(self) -> str:
        return self.name


class Accident(HearthModel):
    """An accident or injury, where it was on the body (the body map's area codes), and first aid."""

    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey("children.Child", on_delete=models.PROTECT, related_name="accidents")
    occurred_at = models.DateTimeField()
    where = models.CharField(max_length=200)
    what_happened = models.TextField()
    body_areas = models.JSONField(default=list)
    first_aid = models.TextField(blank=True)
    recorded_by_name = models.CharField(max_length=200)
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-occurred_at"]

    def __str__(self) -> str:
        return f"Accident, {self.occurred_at:%-d %B %Y}"
