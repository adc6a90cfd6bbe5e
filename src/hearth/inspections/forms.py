"""The report upload form: one file, text or PDF."""

from django import forms
from django.conf import settings

from hearth.core.forms import GovukForm


class ReportUploadForm(GovukForm):
    report = forms.FileField(
        label="Inspection report",
        help_text="The report as published by Ofsted (PDF), or its text. At most 20 MB.",
        error_messages={"required": "Choose the report's file (PDF or text)."},
    )

    def clean_report(self) -> object:
        report = self.cleaned_data["report"]
        limit = settings.HEARTH_INSPECTIONS["report_max_bytes"]
        if report.size > limit:
            raise forms.ValidationError(f"The file is {report.size // (1024 * 1024)} MB; a report is at most 20 MB.")
        return report
