"""Staff of a home: employment, safer-recruitment vetting, qualifications, training, supervision
and the rota (Regulations 28, 32 and 33; Schedule 2; domain.md section 6)."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from hearth.core.models import HearthModel


class StaffMember(HearthModel):
    """A person employed at a home (Reg 32), with role and dates of employment."""

    class Role(models.TextChoices):
        SUPPORT_WORKER = "support_worker", "Residential support worker"
        SENIOR = "senior", "Senior support worker"
        DEPUTY_MANAGER = "deputy_manager", "Deputy manager"
        REGISTERED_MANAGER = "registered_manager", "Registered manager"
        RELIEF = "relief", "Relief or agency worker"
        ANCILLARY = "ancillary", "Ancillary staff"

    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="staff")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="staff_records"
    )
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    role = models.CharField(max_length=30, choices=Role.choices)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    email = models.EmailField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self) -> str:
        return str(self)


# Roles that work directly with children: they need the Level 3 Diploma (Reg 32(3)-(4)) and the
# care-staff training. The registered manager needs Level 5 instead (Reg 28(2)(c)).
CARE_ROLES = (
    StaffMember.Role.SUPPORT_WORKER,
    StaffMember.Role.SENIOR,
    StaffMember.Role.DEPUTY_MANAGER,
    StaffMember.Role.REGISTERED_MANAGER,
    StaffMember.Role.RELIEF,
)


class VettingCheck(HearthModel):
    """One piece of safer-recruitment evidence, verified by a named person on a date (Reg 32(3)(d),
    Schedule 2). A check recorded in error is withdrawn with a reason, never deleted."""

    class Kind(models.TextChoices):
        IDENTITY = "identity", "Proof of identity with a recent photograph"
        DBS = "dbs", "Enhanced DBS certificate with the children's barred list"
        REFERENCE = "reference", "Written reference"
        RIGHT_TO_WORK = "right_to_work", "Right to work in the UK"
        EMPLOYMENT_HISTORY = "employment_history", "Full employment history, with gaps explained in writing"
        REASONS_FOR_LEAVING = "reasons_for_leaving", "Reasons for leaving work with children or vulnerable adults"
        QUALIFICATIONS = "qualifications", "Evidence of relevant qualifications"

    staff_member = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="vetting_checks")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    verified_on = models.DateField()
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verified_by_name = models.CharField(max_length=200)
    evidence = models.TextField(help_text="What was seen or received, and where the copy is kept.")
    not_applicable = models.BooleanField(
        default=False, help_text="Reasons for leaving only: no earlier work with children or vulnerable adults."
    )
    dbs_certificate_number = models.CharField(max_length=12, blank=True)
    dbs_issued_on = models.DateField(null=True, blank=True)
    dbs_children_barred_list = models.BooleanField(default=False)
    dbs_update_service = models.BooleanField(default=False)
    referee_name = models.CharField(max_length=200, blank=True)
    referee_organisation = models.CharField(max_length=200, blank=True)
    referee_is_latest_employer = models.BooleanField(default=False)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by_name = models.CharField(max_length=200, blank=True)
    withdrawn_reason = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "verified_on", "created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.staff_member}"


class DbsUpdateCheck(HearthModel):
    """A status check of a DBS certificate on the update service (rules.md ``staff.dbs_stale``)."""

    class Outcome(models.TextChoices):
        NO_CHANGE = "no_change", "No new information"
        NEW_INFORMATION = "new_information", "New information: apply for a new certificate"

    staff_member = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="dbs_update_checks")
    checked_on = models.DateField()
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    checked_by_name = models.CharField(max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-checked_on"]


class VettingException(HearthModel):
    """The registered manager's risk-assessed decision to let someone work before every check is
    verified, for a limited time and on stated safeguards (Reg 32; domain.md 6.1)."""

    staff_member = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="vetting_exceptions")
    outstanding = models.JSONField(default=list, help_text="The checks not yet verified when it was agreed.")
    reason = models.TextField()
    safeguards = models.TextField(help_text="How the risk is managed: supervision, no lone working, and so on.")
    starts_on = models.DateField()
    ends_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by_name = models.CharField(max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on"]


class Shift(HearthModel):
    """A staff member on the home's rota. Putting someone on shift is the gate vetting guards."""

    home = models.ForeignKey("homes.Home", on_delete=models.PROTECT, related_name="shifts")
    staff_member = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="shifts")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    vetting_exception = models.ForeignKey(
        VettingException, null=True, blank=True, on_delete=models.PROTECT, related_name="shifts"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by_name = models.CharField(max_length=200, blank=True)
    cancelled_reason = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_at", "staff_member__last_name"]


class Qualification(HearthModel):
    """A qualification held or being worked towards (Reg 32(4) Level 3; Reg 28(2)(c) Level 5)."""

    class Kind(models.TextChoices):
        LEVEL_3 = "level_3", "Level 3 Diploma for Residential Childcare (England) or equivalent"
        LEVEL_5 = "level_5", "Level 5 Diploma in Leadership and Management for Residential Childcare or equivalent"
        OTHER = "other", "Other relevant qualification"

    staff_member = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="qualifications")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    title = models.CharField(max_length=200)
    enrolled_on = models.DateField(null=True, blank=True)
    achieved_on = models.DateField(null=True, blank=True, help_text="Empty while working towards it.")
    awarding_body = models.CharField(max_length=200, blank=True)
    certificate_reference = models.CharField(max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "achieved_on"]


class QualificationDeferral(HearthModel):
    """A recorded extension of a qualification deadline, with its reason (part-time work, a break)."""

    staff_member = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="qualification_deferrals")
    kind = models.CharField(max_length=10, choices=Qualification.Kind.choices[:2])
    deferred_until = models.DateField()
    reason = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by_name = models.CharField(max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-deferred_until"]


class Course(HearthModel):
    """A course in the provider's training catalogue: who must hold it and how often it is renewed.

    Which courses are mandatory is practice, not statute (domain.md 6.4); each provider sets its own.
    """

    provider = models.ForeignKey("homes.Provider", on_delete=models.PROTECT, related_name="courses")
    code = models.SlugField(max_length=50)
    title = models.CharField(max_length=200)
    mandatory_for = models.JSONField(default=list, help_text="Staff roles that must hold it.")
    renew_every_months = models.PositiveSmallIntegerField(null=True, blank=True)
    safeguarding = models.BooleanField(default=False, help_text="A gap is high severity (rules.md).")
    retired = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        constraints = [models.UniqueConstraint(fields=["provider", "code"], name="course_code_unique_per_provider")]

    def __str__(self) -> str:
        return self.title


def certificate_path(instance: "TrainingCompletion", filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"certificates/{instance.staff_member.public_id}/{instance.public_id}.{suffix}"


class TrainingCompletion(HearthModel):
    """A course completed on a date, with its certificate (Reg 33(4)(a) continuing development)."""

    staff_member = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="training")
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="completions")
    completed_on = models.DateField()
    expires_on = models.DateField(
        null=True, blank=True, help_text="As stated on the certificate; otherwise the course's renewal period."
    )
    delivered_by = models.CharField(max_length=200, blank=True)
    certificate_reference = models.CharField(max_length=100, blank=True)
    certificate = models.FileField(upload_to=certificate_path, blank=True)
    recorded_by_name = models.CharField(max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-completed_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["staff_member", "course", "completed_on"], name="one_completion_per_course_per_day"
            )
        ]


class Supervision(HearthModel):
    """A supervision or appraisal meeting and when the next is due (Reg 33(4)(b)-(c))."""

    class Kind(models.TextChoices):
        SUPERVISION = "supervision", "Supervision"
        APPRAISAL = "appraisal", "Appraisal"

    staff_member = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="supervisions")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    held_on = models.DateField()
    supervisor_name = models.CharField(max_length=200)
    next_due = models.DateField()
    summary = models.TextField(blank=True, help_text="Topics only; the full notes stay in the personnel file.")
    recorded_by_name = models.CharField(max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on"]
