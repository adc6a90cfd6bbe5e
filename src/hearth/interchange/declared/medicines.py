"""Medicines: prescriptions, the MAR, controlled-drug stock and remedy consent. (declared once: interchange/kinds.py)."""

from typing import Any

from hearth.interchange.kinds import (
    BOOL,
    CHILD_AT_HOME,
    DATE,
    DATETIME,
    INTEGER,
    NUMBER,
    SHORT,
    TEXT,
    TIMES,
    Field,
    Link,
    RecordKind,
)
from hearth.medicines import services as medicines
from hearth.medicines.models import DoseRecord, Prescription, RemedyConsent, StockEntry


def _dose(**kw: Any) -> DoseRecord:
    """Doses written elsewhere load as they were: the rules judge limits, witnesses and consent."""
    return medicines.dose_record(enforce_checks=False, **kw)


KINDS: tuple[RecordKind, ...] = (
    RecordKind(
        key="prescriptions",
        label="prescription",
        model=Prescription,
        links=CHILD_AT_HOME,
        fields=(
            Field("medicine", SHORT),
            Field("dose", SHORT),
            Field("route", choices=tuple(Prescription.Route.values)),
            Field("kind", choices=tuple(Prescription.Kind.values)),
            Field("times", TIMES, required=False, description="Regular medicines: the times of day, HH:MM"),
            Field("max_doses_per_day", INTEGER, required=False),
            Field("min_hours_between", NUMBER, required=False),
            Field("when_needed", SHORT, required=False),
            Field("controlled", BOOL),
            Field("starts_on", DATE),
            Field("ends_on", DATE, required=False),
            Field("prescriber", SHORT, required=False),
            Field("instructions", TEXT, required=False),
            Field("recorded_by_name", SHORT),
        ),
        load=medicines.prescription_record,
        home_lookup="home_id",
        description="Medicines on a child's medication administration record (MAR).",
    ),
    RecordKind(
        key="doses",
        label="dose",
        model=DoseRecord,
        links=(Link("prescription", "prescriptions"),),
        fields=(
            Field("outcome", choices=tuple(DoseRecord.Outcome.values)),
            Field("at", DATETIME),
            Field("scheduled_for", DATETIME, required=False, description="Regular medicines: the time it was due"),
            Field("reason", SHORT, required=False),
            Field("quantity", NUMBER),
            Field("given_by_name", SHORT),
            Field("witness_name", SHORT, required=False),
            Field("recorded_at", DATETIME),
        ),
        load=_dose,
        home_lookup="home_id",
        description="Entries on the MAR: each dose given, refused or not given.",
    ),
    RecordKind(
        key="stock_entries",
        label="stock entry",
        model=StockEntry,
        links=(Link("prescription", "prescriptions"),),
        fields=(
            Field("kind", choices=tuple(StockEntry.Kind.values)),
            Field("at", DATETIME),
            Field("quantity", NUMBER),
            Field("recorded_by_name", SHORT),
            Field("witness_name", SHORT),
        ),
        load=medicines.stock_entry_record,
        home_lookup="prescription__home_id",
        description="A controlled drug's stock received, returned or counted.",
    ),
    RecordKind(
        key="remedy_consents",
        label="consent for homely remedies",
        model=RemedyConsent,
        links=CHILD_AT_HOME,
        fields=(
            Field("given_by", SHORT),
            Field("remedies", SHORT),
            Field("given_on", DATE),
            Field("withdrawn_on", DATE, required=False),
            Field("recorded_by_name", SHORT),
        ),
        load=medicines.remedy_consent_record,
        home_lookup="home_id",
        description="Consent for homely remedies from someone with parental responsibility.",
    ),
)
