"""Writes for medicines: prescriptions, doses on the MAR, controlled-drug stock and remedy consent
(models.py says which regulations ask for them). Every write is signed and audited.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from hearth.audit.services import audit_event_record
from hearth.children.models import Child
from hearth.core.services import Actor, actor_or_none, signature_name
from hearth.homes.models import Home
from hearth.medicines.models import DoseRecord, Prescription, RemedyConsent, StockEntry
from hearth.medicines.schedule import TIME_FORMAT, local_moment, parse_times
from hearth.medicines.selectors import consent_in_force, given_doses_near

EARLIEST_BEFORE_DUE = datetime.timedelta(hours=1)  # a scheduled dose is given no more than an hour early


def _when(moment: datetime.datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local:%H:%M} on {local:%-d %B}"


@transaction.atomic
def prescription_record(
    *,
    actor: Actor,
    home: Home,
    child: Child,
    medicine: str,
    dose: str,
    kind: str,
    starts_on: datetime.date,
    route: str = Prescription.Route.ORAL,
    times: list[str] | None = None,
    max_doses_per_day: int | None = None,
    min_hours_between: Decimal | None = None,
    when_needed: str = "",
    controlled: bool = False,
    ends_on: datetime.date | None = None,
    prescriber: str = "",
    instructions: str = "",
    recorded_by_name: str | None = None,
    external_id: str | None = None,
) -> Prescription:
    """A medicine entered on the child's MAR from its label (Guide 7.15: the home keeps an accurate
    record of medicines). Regular medicines need their times; as-needed ones the most in 24 hours and
    the least time between doses, so that both can be enforced when a dose is recorded."""
    errors: dict[str, str] = {}
    if not medicine.strip():
        errors["medicine"] = "Enter the medicine's name and strength, as on the label."
    if not dose.strip():
        errors["dose"] = "Enter how much is given each time, as on the label."
    parsed: list[datetime.time] = []
    try:
        parsed = parse_times(times or [])
    except ValueError as exc:
        errors["times"] = str(exc)
    if kind == Prescription.Kind.REGULAR and not parsed and "times" not in errors:
        errors["times"] = "Enter the times of day each dose is due, such as 08:00, 20:00."
    if kind != Prescription.Kind.REGULAR:
        if not max_doses_per_day:
            errors["max_doses_per_day"] = "Enter the most doses that may be given in 24 hours, from the label."
        if min_hours_between is None or min_hours_between <= 0:
            errors["min_hours_between"] = "Enter the least time between doses, in hours, from the label."
        if not when_needed.strip() and kind == Prescription.Kind.AS_NEEDED:
            errors["when_needed"] = "Say what the medicine is for, so staff know when to offer it."
    if ends_on is not None and ends_on < starts_on:
        errors["ends_on"] = "The end date is before the start date."
    if errors:
        raise ValidationError(errors)
    prescription = Prescription.objects.create(
        external_id=external_id,
        home=home,
        child=child,
        medicine=medicine.strip(),
        dose=dose.strip(),
        route=route,
        kind=kind,
        times=[t.strftime(TIME_FORMAT) for t in parsed] if kind == Prescription.Kind.REGULAR else [],
        max_doses_per_day=max_doses_per_day if kind != Prescription.Kind.REGULAR else None,
        min_hours_between=min_hours_between if kind != Prescription.Kind.REGULAR else None,
        when_needed=when_needed.strip(),
        controlled=controlled,
        starts_on=starts_on,
        ends_on=ends_on,
        prescriber=prescriber.strip(),
        instructions=instructions.strip(),
        recorded_by_name=recorded_by_name or signature_name(actor),
        created_by=actor_or_none(actor),
    )
    audit_event_record(actor=actor, action="prescription.created", obj=prescription, home=home)
    return prescription


@transaction.atomic
def prescription_stop(*, actor: Actor, prescription: Prescription, on: datetime.date, reason: str) -> Prescription:
    """The medicine is stopped from ``on`` (the last day it is given); earlier doses stay as recorded."""
    prescription = Prescription.objects.select_for_update().get(pk=prescription.pk)
    if on < prescription.starts_on:
        raise ValidationError({"on": "The last day is before the medicine started."})
    if not reason.strip():
        raise ValidationError({"reason": "Say why the medicine is stopped (for example, the GP stopped it)."})
    prescription.ends_on = on
    prescription.updated_by = actor_or_none(actor)
    prescription.version += 1
    prescription.save(update_fields=["ends_on", "updated_by", "version", "updated_at"])
    audit_event_record(actor=actor, action="prescription.ended", obj=prescription, reason=reason.strip())
    return prescription


def _check_scheduled(prescription: Prescription, scheduled_for: datetime.datetime | None) -> None:
    if prescription.kind != Prescription.Kind.REGULAR:
        if scheduled_for is not None:
            raise ValidationError("An as-needed medicine has no scheduled times.")
        return
    if scheduled_for is None:
        raise ValidationError("Say which scheduled dose this is.")
    local = timezone.localtime(scheduled_for)
    due = local_moment(local.date(), local.time().replace(second=0, microsecond=0))
    listed = prescription.times and local.strftime(TIME_FORMAT) in prescription.times
    if not listed or due != scheduled_for or not prescription.is_current(local.date()):
        raise ValidationError(f"{prescription.medicine} is not due at {_when(scheduled_for)}.")


def _check_limits(prescription: Prescription, at: datetime.datetime) -> None:
    """The as-needed limits, enforced at the moment of recording (the label's maximum in 24 hours
    and least interval between doses): a dose beyond them is refused, naming the limit."""
    near = given_doses_near(prescription=prescription, at=at)
    interval = prescription.min_interval
    if interval is not None:
        too_close = [d for d in near if abs(d.at - at) < interval]
        if too_close:
            last = max(too_close, key=lambda d: d.at)
            hours = prescription.min_hours_text
            raise ValidationError(
                {
                    "at": f"Not given: {prescription.medicine} needs at least {hours} hours between doses. "
                    f"A dose was given at {_when(last.at)}, so the next may be given from "
                    f"{_when(last.at + interval)}."
                }
            )
    limit = prescription.max_doses_per_day
    if limit:
        window = [d for d in near if at - datetime.timedelta(hours=24) < d.at <= at]
        if len(window) >= limit:
            raise ValidationError(
                {
                    "at": f"Not given: {prescription.medicine} may be given at most {limit} times in 24 hours, "
                    f"and {len(window)} doses were given since {_when(window[0].at)}."
                }
            )


@transaction.atomic
def dose_record(
    *,
    actor: Actor,
    prescription: Prescription,
    outcome: str,
    at: datetime.datetime | None = None,
    scheduled_for: datetime.datetime | None = None,
    reason: str = "",
    quantity: Decimal = Decimal(1),
    witness_name: str = "",
    given_by_name: str | None = None,
    recorded_at: datetime.datetime | None = None,
    enforce_checks: bool = True,
    external_id: str | None = None,
) -> DoseRecord:
    """One entry on the MAR, signed by the person who gave (or offered) the dose.

    A scheduled dose is recorded once: a second press, or a colleague recording the same dose,
    is refused with who recorded it. As-needed limits, consent for homely remedies and a
    controlled drug's witness are checked here, at the moment of recording; records written
    elsewhere (a bundle: ``enforce_checks=False``) are loaded as they were, and the rules judge them.
    """
    Prescription.objects.select_for_update().filter(pk=prescription.pk).first()  # one dose at a time
    now = recorded_at or timezone.now()
    at = at or now  # when it was given (or refused): the moment of recording unless said otherwise
    reason, witness_name = reason.strip(), witness_name.strip()
    if outcome not in DoseRecord.Outcome.values:
        raise ValidationError({"outcome": "Choose whether the dose was given, refused or not given."})
    _check_scheduled(prescription, scheduled_for)
    if scheduled_for is not None:
        done = DoseRecord.objects.filter(prescription=prescription, scheduled_for=scheduled_for).first()
        if done is not None:
            raise ValidationError(
                f"The {timezone.localtime(scheduled_for):%H:%M} dose of {prescription.medicine} was already "
                f"recorded as {done.get_outcome_display().lower()} by {done.given_by_name}."
            )
    errors: dict[str, str] = {}
    if outcome == DoseRecord.Outcome.NOT_GIVEN and not reason:
        errors["reason"] = "Say why the dose was not given (for example, the child was at school with none sent)."
    if at > now + datetime.timedelta(minutes=5):
        errors["at"] = "The time given is in the future."
    elif scheduled_for is not None and at < scheduled_for - EARLIEST_BEFORE_DUE:
        errors["at"] = (
            f"This dose is not due until {timezone.localtime(scheduled_for):%H:%M}: it can be given from "
            f"{timezone.localtime(scheduled_for - EARLIEST_BEFORE_DUE):%H:%M}."
        )
    if not prescription.is_current(timezone.localtime(at).date()):
        errors["at"] = f"{prescription.medicine} was not prescribed on {timezone.localtime(at):%-d %B %Y}."
    given = outcome == DoseRecord.Outcome.GIVEN
    if given and prescription.controlled and not witness_name and enforce_checks:
        errors["witness"] = "A controlled drug is given with a second member of staff as witness: choose who."
    if given and witness_name and witness_name == (given_by_name or signature_name(actor)):
        errors["witness"] = "The witness must be someone other than the person giving the dose."
    if quantity <= 0:
        errors["quantity"] = "Enter how many (tablets, ml, puffs) were given."
    if errors:
        raise ValidationError(errors)
    if given and enforce_checks:
        if prescription.kind != Prescription.Kind.REGULAR:
            _check_limits(prescription, at)
        if prescription.kind == Prescription.Kind.HOMELY_REMEDY and not consent_in_force(
            child=prescription.child, day=timezone.localtime(at).date()
        ):
            raise ValidationError(
                f"Not given: no one with parental responsibility has consented to homely remedies for "
                f"{prescription.child.display_name}. Record their consent first (Guide, paragraph 7.17)."
            )
    try:
        with transaction.atomic():
            dose = DoseRecord.objects.create(
                external_id=external_id,
                prescription=prescription,
                home_id=prescription.home_id,
                child_id=prescription.child_id,
                scheduled_for=scheduled_for,
                at=at,
                outcome=outcome,
                reason=reason,
                quantity=quantity,
                recorded_at=now,
                given_by=actor_or_none(actor),
                given_by_name=given_by_name or signature_name(actor),
                witness_name=witness_name if given else "",
                created_by=actor_or_none(actor),
            )
    except IntegrityError:  # a colleague recorded the same dose at the same moment
        raise ValidationError(f"This dose of {prescription.medicine} was recorded by someone else just now.") from None
    audit_event_record(actor=actor, action=f"dose.{outcome}", obj=dose, home=prescription.home)
    return dose


@transaction.atomic
def stock_entry_record(
    *,
    actor: Actor,
    prescription: Prescription,
    kind: str,
    quantity: Decimal,
    witness_name: str,
    at: datetime.datetime | None = None,
    recorded_by_name: str | None = None,
    external_id: str | None = None,
) -> StockEntry:
    """A controlled drug's stock received, returned or counted, with a witness (Misuse of Drugs
    Regulations 2001: a controlled drugs register, every entry witnessed)."""
    errors: dict[str, str] = {}
    if not prescription.controlled:
        errors["__all__"] = f"{prescription.medicine} is not a controlled drug; it has no stock book here."
    if kind not in StockEntry.Kind.values:
        errors["kind"] = "Choose whether stock was received, returned or counted."
    if quantity is None or quantity < 0 or (quantity == 0 and kind != StockEntry.Kind.COUNT):
        errors["quantity"] = "Enter how many (tablets, ml) there are."
    name = recorded_by_name or signature_name(actor)
    if not witness_name.strip():
        errors["witness"] = "Every entry in the controlled drugs book is witnessed: choose who."
    elif witness_name.strip() == name:
        errors["witness"] = "The witness must be someone other than the person recording."
    if errors:
        raise ValidationError(errors)
    entry = StockEntry.objects.create(
        external_id=external_id,
        prescription=prescription,
        kind=kind,
        at=at or timezone.now(),
        quantity=quantity,
        recorded_by_name=name,
        witness_name=witness_name.strip(),
        created_by=actor_or_none(actor),
    )
    audit_event_record(actor=actor, action=f"stock.{kind}", obj=entry, home=prescription.home)
    return entry


@transaction.atomic
def remedy_consent_record(
    *,
    actor: Actor,
    home: Home,
    child: Child,
    given_by: str,
    remedies: str,
    given_on: datetime.date,
    withdrawn_on: datetime.date | None = None,
    recorded_by_name: str | None = None,
    external_id: str | None = None,
) -> RemedyConsent:
    """Consent to homely remedies from someone with parental responsibility (Guide, 7.17)."""
    errors = {}
    if not given_by.strip():
        errors["given_by"] = "Say who consented and how they hold parental responsibility."
    if not remedies.strip():
        errors["remedies"] = "Say which remedies they consented to."
    if withdrawn_on is not None and withdrawn_on < given_on:
        errors["withdrawn_on"] = "Consent cannot be withdrawn before it was given."
    if errors:
        raise ValidationError(errors)
    consent = RemedyConsent.objects.create(
        external_id=external_id,
        home=home,
        child=child,
        given_by=given_by.strip(),
        remedies=remedies.strip(),
        given_on=given_on,
        withdrawn_on=withdrawn_on,
        recorded_by_name=recorded_by_name or signature_name(actor),
        created_by=actor_or_none(actor),
    )
    audit_event_record(actor=actor, action="remedy_consent.created", obj=consent, home=home)
    return consent
