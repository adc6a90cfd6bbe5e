"""Import staff lists and training completions from spreadsheets saved as CSV.

Providers keep these in spreadsheets; moving to Hearth starts by bringing them in. An import is
all or nothing: every row is checked first and every problem is reported with its row number (as
the spreadsheet shows it, the header being row 1) and column. Nothing is saved unless every row
is good, and importing the same file twice changes nothing the second time.
"""

import csv
import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from hearth.core.services import Actor
from hearth.homes.models import Home
from hearth.staff import services
from hearth.staff.models import Course, StaffMember

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
ROLE_NAMES = {
    **{value: value for value in StaffMember.Role.values},
    **{label.lower(): value for value, label in StaffMember.Role.choices},
    "rsw": StaffMember.Role.SUPPORT_WORKER,
    "support worker": StaffMember.Role.SUPPORT_WORKER,
    "senior": StaffMember.Role.SENIOR,
    "deputy": StaffMember.Role.DEPUTY_MANAGER,
    "manager": StaffMember.Role.REGISTERED_MANAGER,
    "relief": StaffMember.Role.RELIEF,
    "agency": StaffMember.Role.RELIEF,
}


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.message}"


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def summary(self) -> str:
        return f"{self.created} added, {self.updated} updated, {self.unchanged} already recorded"


class CsvImportRefused(Exception):
    """The file had problems; nothing was saved."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{len(errors)} problem(s); nothing was saved")
        self.errors = errors


def _header(name: str) -> str:
    return "_".join(name.strip().lower().replace("-", " ").split())


def read_rows(data: bytes, required: tuple[str, ...], optional: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """The file's rows as (spreadsheet row number, {column: value}), or CsvImportRefused."""
    if len(data) > MAX_BYTES:
        raise CsvImportRefused([RowError(0, "", f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB.")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        raise CsvImportRefused([RowError(1, "", "The file is empty: the first row must name the columns.")]) from None
    names = [_header(h) for h in header]
    missing = [c for c in required if c not in names]
    if missing:
        raise CsvImportRefused(
            [
                RowError(
                    1,
                    "",
                    f"Missing column(s): {', '.join(missing)}. Expected {', '.join(required)}"
                    + (f", and optionally {', '.join(optional)}." if optional else "."),
                )
            ]
        )
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        for number, values in enumerate(reader, start=2):
            if not any(v.strip() for v in values):
                continue
            if len(rows) >= MAX_ROWS:
                raise CsvImportRefused([RowError(number, "", f"More than {MAX_ROWS} rows; split the file.")])
            rows.append((number, {n: (values[i].strip() if i < len(values) else "") for i, n in enumerate(names)}))
    except csv.Error as exc:
        raise CsvImportRefused([RowError(reader.line_num, "", f"Not readable as CSV: {exc}.")]) from None
    if not rows:
        raise CsvImportRefused([RowError(2, "", "The file has a header but no rows.")])
    return rows


def parse_date(value: str) -> datetime.date:
    """ISO (2026-03-01) or the UK spreadsheet form (01/03/2026)."""
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y"):
        try:
            return datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"{value!r} is not a date; write it as YYYY-MM-DD or DD/MM/YYYY")


class _Rows:
    """Collects per-row problems while each column is read."""

    def __init__(self) -> None:
        self.errors: list[RowError] = []

    def date(self, number: int, row: dict[str, str], column: str, *, required: bool) -> datetime.date | None:
        value = row.get(column, "")
        if not value:
            if required:
                self.errors.append(RowError(number, column, "is empty"))
            return None
        try:
            return parse_date(value)
        except ValueError as exc:
            self.errors.append(RowError(number, column, str(exc)))
            return None

    def text(self, number: int, row: dict[str, str], column: str, limit: int) -> str:
        value = row.get(column, "")
        if not value:
            self.errors.append(RowError(number, column, "is empty"))
        elif len(value) > limit:
            self.errors.append(RowError(number, column, f"is longer than {limit} characters"))
        return value


def _save_all(rows: list[tuple[int, Any]], save: Callable[[Any], str]) -> ImportResult:
    """Save every row in one transaction; any service refusal rolls back the lot."""
    result = ImportResult()
    with transaction.atomic():
        for number, item in rows:
            try:
                outcome = save(item)
            except ValidationError as exc:
                for column, messages in exc.message_dict.items():
                    result.errors.extend(RowError(number, "" if column == "__all__" else column, m) for m in messages)
                continue
            setattr(result, outcome, getattr(result, outcome) + 1)
        if result.errors:
            transaction.set_rollback(True)
    if result.errors:
        raise CsvImportRefused(result.errors)
    return result


STAFF_COLUMNS = ("first_name", "last_name", "role", "start_date")
STAFF_OPTIONAL = ("end_date", "email")


def staff_csv_import(*, actor: Actor, home: Home, data: bytes) -> ImportResult:
    """Add or update the home's staff from a staff list. A row is the same person as a stored one
    with the same email, or failing that the same first and last name; otherwise it is a new starter."""
    check = _Rows()
    rows = read_rows(data, STAFF_COLUMNS, STAFF_OPTIONAL)
    parsed = []
    seen: dict[str, int] = {}
    for number, row in rows:
        first = check.text(number, row, "first_name", 100)
        last = check.text(number, row, "last_name", 100)
        role = ROLE_NAMES.get(row.get("role", "").strip().lower())
        if role is None:
            check.errors.append(
                RowError(
                    number,
                    "role",
                    f"{row.get('role', '')!r} is not a role; use one of {', '.join(StaffMember.Role.labels)}",
                )
            )
        start = check.date(number, row, "start_date", required=True)
        end = check.date(number, row, "end_date", required=False)
        email = row.get("email", "")
        if email and ("@" not in email or len(email) > 254):
            check.errors.append(RowError(number, "email", f"{email!r} is not an email address"))
        key = email.lower() or f"{first.lower()} {last.lower()}"
        if key in seen:
            check.errors.append(RowError(number, "", f"the same person as row {seen[key]}"))
        seen[key] = number
        parsed.append(
            (
                number,
                {
                    "first_name": first,
                    "last_name": last,
                    "role": role,
                    "start_date": start,
                    "end_date": end,
                    "email": email,
                },
            )
        )
    if check.errors:
        raise CsvImportRefused(check.errors)
    stored = list(home.staff.all())

    def save(fields: dict[str, Any]) -> str:
        match = next(
            (m for m in stored if fields["email"] and m.email.lower() == fields["email"].lower()), None
        ) or next(
            (
                m
                for m in stored
                if m.first_name.lower() == fields["first_name"].lower()
                and m.last_name.lower() == fields["last_name"].lower()
            ),
            None,
        )
        if match is None:
            services.staff_member_upsert(actor=actor, external_id=None, home=home, **fields)
            return "created"
        if not fields["email"]:
            fields["email"] = match.email
        _, changed = services.staff_member_upsert(actor=actor, external_id=None, home=home, member=match, **fields)
        return "updated" if changed else "unchanged"

    return _save_all(parsed, save)


TRAINING_COLUMNS = ("staff", "course", "completed_on")
TRAINING_OPTIONAL = ("expires_on", "delivered_by", "certificate_reference")


def training_csv_import(*, actor: Actor, home: Home, data: bytes, today: datetime.date) -> ImportResult:
    """Record training completions from a spreadsheet. ``staff`` is a staff member's email or full
    name at this home; ``course`` is the course's code or title in the provider's catalogue."""
    check = _Rows()
    rows = read_rows(data, TRAINING_COLUMNS, TRAINING_OPTIONAL)
    staff = list(home.staff.all())
    by_email = {m.email.lower(): m for m in staff if m.email}
    by_name: dict[str, list[StaffMember]] = {}
    for m in staff:
        by_name.setdefault(m.full_name.lower(), []).append(m)
    courses: dict[str, Course] = {}
    for c in home.provider.courses.filter(retired=False):
        courses[c.code.lower()] = c
        courses[c.title.lower()] = c
    parsed = []
    for number, row in rows:
        who = row.get("staff", "")
        member = by_email.get(who.lower())
        if member is None:
            named = by_name.get(" ".join(who.lower().split()), [])
            if len(named) > 1:
                check.errors.append(RowError(number, "staff", f"{who!r} matches {len(named)} staff; use their email"))
            elif not named:
                check.errors.append(
                    RowError(number, "staff", f"no staff member {who!r} at {home.name}" if who else "is empty")
                )
            member = named[0] if len(named) == 1 else None
        course = courses.get(row.get("course", "").strip().lower())
        if course is None:
            check.errors.append(
                RowError(
                    number, "course", f"no course {row.get('course', '')!r} in the catalogue; use its code or title"
                )
            )
        completed = check.date(number, row, "completed_on", required=True)
        expires = check.date(number, row, "expires_on", required=False)
        if completed and completed > today:
            check.errors.append(RowError(number, "completed_on", "is in the future"))
        if len(row.get("delivered_by", "")) > 200 or len(row.get("certificate_reference", "")) > 100:
            check.errors.append(RowError(number, "", "delivered_by or certificate_reference is too long"))
        parsed.append(
            (
                number,
                {
                    "member": member,
                    "course": course,
                    "completed_on": completed,
                    "expires_on": expires,
                    "delivered_by": row.get("delivered_by", ""),
                    "certificate_reference": row.get("certificate_reference", ""),
                },
            )
        )
    if check.errors:
        raise CsvImportRefused(check.errors)

    def save(fields: dict[str, Any]) -> str:
        _, created = services.training_completion_record(actor=actor, today=today, **fields)
        return "created" if created else "unchanged"

    return _save_all(parsed, save)
