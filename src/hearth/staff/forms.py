"""Forms for staff records. Each maps onto one service in ``staff/services.py``."""

from __future__ import annotations

from typing import Any

from django import forms

from hearth.core.forms import Checkboxes, DateInput, DateTimeInput, GovukForm, Radios
from hearth.staff.models import (
    Course,
    DbsUpdateCheck,
    Qualification,
    StaffMember,
    Supervision,
    VettingCheck,
)
from hearth.staff.services import KIND_FIELDS

Kind = VettingCheck.Kind


class StaffMemberForm(GovukForm):
    first_name = forms.CharField(max_length=100)
    last_name = forms.CharField(max_length=100)
    role = forms.ChoiceField(choices=StaffMember.Role.choices, widget=Radios)
    start_date = forms.DateField(
        label="Start date", widget=DateInput(), help_text="The first day they are employed here."
    )
    email = forms.EmailField(label="Email address (optional)", required=False)


class VettingCheckForm(GovukForm):
    """The fields of one Schedule 2 check; fields of other kinds are removed for the kind asked for."""

    verified_on = forms.DateField(label="Date verified", widget=DateInput())
    dbs_certificate_number = forms.CharField(
        label="Certificate number", max_length=12, help_text="The 12 digits at the top of the certificate."
    )
    dbs_issued_on = forms.DateField(label="Date of issue", widget=DateInput())
    dbs_children_barred_list = forms.BooleanField(
        label="The certificate includes a check of the children's barred list",
        error_messages={
            "required": "Schedule 2 requires the children's barred list: this certificate does not meet it."
        },
    )
    dbs_update_service = forms.BooleanField(label="Subscribed to the DBS update service", required=False)
    referee_name = forms.CharField(label="Who wrote the reference", max_length=200)
    referee_organisation = forms.CharField(label="Their organisation", max_length=200, required=False)
    referee_is_latest_employer = forms.BooleanField(label="From the latest employer", required=False)
    not_applicable = forms.BooleanField(
        label="Not applicable: no earlier work with children or vulnerable adults", required=False
    )
    evidence = forms.CharField(
        label="Evidence",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What was seen or received, and where the copy is kept.",
    )

    OPTIONAL = ("verified_on", "evidence")

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        keep = {*self.OPTIONAL, *KIND_FIELDS.get(kind, ())}
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        if kind == Kind.EMPLOYMENT_HISTORY:
            self.fields[
                "evidence"
            ].help_text = "The history received, and the written explanation of every gap (or that there are none)."


class WithdrawForm(GovukForm):
    reason = forms.CharField(label="Why is this check withdrawn?", max_length=300)


class DbsUpdateCheckForm(GovukForm):
    checked_on = forms.DateField(label="Date of the status check", widget=DateInput())
    outcome = forms.ChoiceField(choices=DbsUpdateCheck.Outcome.choices, widget=Radios, label="Result")


class VettingExceptionForm(GovukForm):
    reason = forms.CharField(
        label="Why must they start before every check is verified?", widget=forms.Textarea(attrs={"rows": 3})
    )
    safeguards = forms.CharField(
        label="How the risk is managed meanwhile",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example: always working alongside a vetted colleague, never alone with a child, no lone "
        "transport, reviewed weekly.",
    )
    starts_on = forms.DateField(label="From", widget=DateInput())
    ends_on = forms.DateField(label="Until", widget=DateInput(), help_text="At most 90 days; review and record again.")


class StaffChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} ({obj.get_role_display()})"


class ShiftForm(GovukForm):
    staff_member: forms.ModelChoiceField[Any] = StaffChoiceField(
        queryset=StaffMember.objects.none(), label="Staff member"
    )
    starts_at = forms.DateTimeField(label="Starts", widget=DateTimeInput())
    ends_at = forms.DateTimeField(label="Ends", widget=DateTimeInput())

    def __init__(self, *args: Any, staff: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["staff_member"].queryset = staff  # type: ignore[attr-defined]
        self.fields["staff_member"].widget.attrs["class"] = "govuk-select"


class CancelShiftForm(GovukForm):
    reason = forms.CharField(label="Why is the shift cancelled?", max_length=300)


class QualificationForm(GovukForm):
    kind = forms.ChoiceField(choices=Qualification.Kind.choices, widget=Radios, label="Qualification")
    title = forms.CharField(max_length=200, help_text="As on the certificate or enrolment.")
    enrolled_on = forms.DateField(label="Enrolled on (optional)", widget=DateInput(), required=False)
    achieved_on = forms.DateField(
        label="Achieved on",
        widget=DateInput(),
        required=False,
        help_text="Leave empty while they are working towards it.",
    )
    awarding_body = forms.CharField(label="Awarding body (optional)", max_length=200, required=False)
    certificate_reference = forms.CharField(label="Certificate number (optional)", max_length=100, required=False)


class DeferralForm(GovukForm):
    kind = forms.ChoiceField(choices=Qualification.Kind.choices[:2], widget=Radios, label="Qualification deferred")
    deferred_until = forms.DateField(label="New deadline", widget=DateInput())
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example part-time hours or a career break.",
    )


class CourseChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.title)


class TrainingCompletionForm(GovukForm):
    course: forms.ModelChoiceField[Any] = CourseChoiceField(queryset=Course.objects.none())
    completed_on = forms.DateField(label="Completed on", widget=DateInput())
    expires_on = forms.DateField(
        label="Expires on (optional)",
        widget=DateInput(),
        required=False,
        help_text="Only if the certificate states one; otherwise the course's renewal period applies.",
    )
    delivered_by = forms.CharField(label="Delivered by (optional)", max_length=200, required=False)
    certificate_reference = forms.CharField(label="Certificate number (optional)", max_length=100, required=False)
    certificate = forms.FileField(
        label="Certificate (optional)", required=False, help_text="A PDF, JPEG or PNG file, smaller than 5 MB."
    )

    def __init__(self, *args: Any, courses: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses  # type: ignore[attr-defined]
        self.fields["course"].widget.attrs["class"] = "govuk-select"


class SupervisionForm(GovukForm):
    kind = forms.ChoiceField(choices=Supervision.Kind.choices, widget=Radios, label="Meeting")
    held_on = forms.DateField(label="Date held", widget=DateInput())
    supervisor_name = forms.CharField(label="Supervisor", max_length=200)
    next_due = forms.DateField(
        label="Next one due (optional)",
        widget=DateInput(),
        required=False,
        help_text="Left empty: 4 weeks on for supervision, a year on for appraisal.",
    )
    summary = forms.CharField(
        label="Topics (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Topics only; the full notes stay in the personnel file.",
    )


class CourseForm(GovukForm):
    title = forms.CharField(max_length=200)
    mandatory_for = forms.MultipleChoiceField(
        choices=StaffMember.Role.choices, widget=Checkboxes, required=False, label="Mandatory for"
    )
    renew_every_months = forms.IntegerField(
        label="Renew every (months)", required=False, min_value=1, max_value=120, help_text="Empty: never expires."
    )
    safeguarding = forms.BooleanField(label="A safeguarding course (a gap is high severity)", required=False)
    retired = forms.BooleanField(label="Retired: no longer offered or required", required=False)


class NewCourseForm(CourseForm):
    code = forms.SlugField(
        label="Short code",
        max_length=50,
        help_text="Lower-case letters, digits and underscores; used in spreadsheets and bundles, for example "
        "county_lines.",
    )
    field_order = ["code", "title"]


class CsvImportForm(GovukForm):
    kind = forms.ChoiceField(
        choices=[("staff", "A staff list"), ("training", "Training completions")],
        widget=Radios,
        label="What the file holds",
    )
    file = forms.FileField(label="CSV file", help_text="Saved from a spreadsheet as CSV (UTF-8 or Windows).")


class AchievedForm(GovukForm):
    achieved_on = forms.DateField(label="Achieved on", widget=DateInput())
    certificate_reference = forms.CharField(label="Certificate number (optional)", max_length=100, required=False)
