"""Staff pages: the staff list and each member's file (vetting, qualifications, training,
supervision), the training matrix, the rota, spreadsheet import, and the provider's catalogue."""

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from hearth.access import policies
from hearth.access.decorators import home_view, provider_view
from hearth.audit.selectors import access_events_for_staff_member, audit_events_for, history_entries
from hearth.core.dates import today
from hearth.core.http import form_page
from hearth.homes.models import Home, Provider
from hearth.staff import forms, selectors, services
from hearth.staff.csv_import import CsvImportRefused, staff_csv_import, training_csv_import
from hearth.staff.models import Course, StaffMember, VettingCheck


def _member_url(home: Home, member: StaffMember) -> str:
    return reverse("staff:detail", kwargs={"home_id": home.public_id, "staff_id": member.public_id})


def _member_form(
    request: HttpRequest, home: Home, member: StaffMember, form: Any, *, then: str | None = None, **kwargs: Any
) -> HttpResponse:
    """A form about one staff member: captioned with their name, back to their file by default."""
    back = then or _member_url(home, member)
    return form_page(request, form, then=back, caption=member.full_name, home=home, back_url=back, **kwargs)


@home_view(policies.can_view_staff_records)
def staff_list(request: HttpRequest, home: Home) -> HttpResponse:
    as_of = today()
    return render(
        request,
        "staff/list.html",
        {
            "home": home,
            "rows": selectors.staff_overview(home=home, as_of=as_of),
            "as_of": as_of,
            "can_manage": policies.can_manage_staff(request.user, home),
        },
    )


@home_view(policies.can_manage_staff)
@require_http_methods(["GET", "POST"])
def staff_new(request: HttpRequest, home: Home) -> HttpResponse:
    back = reverse("staff:list", kwargs={"home_id": home.public_id})
    return form_page(
        request,
        forms.StaffMemberForm(request.POST or None),
        save=lambda data: services.staff_member_upsert(actor=request.user, external_id=None, home=home, **data)[0],
        success=lambda m: f"{m.full_name} added. Verify each check before putting them on shift.",
        then=lambda m: _member_url(home, m),
        creates=True,
        title="Add a staff member",
        intro="A new starter, or someone already working here who is not yet on Hearth.",
        home=home,
        back_url=back,
    )


@home_view(policies.can_view_staff_records)
def staff_detail(request: HttpRequest, home: Home, staff_id: str) -> HttpResponse:
    member = policies.access_staff_member(request.user, home, staff_id)
    as_of = today()
    checks = list(member.vetting_checks.all())
    exceptions = list(member.vetting_exceptions.all())
    vetting = selectors.vetting_items(checks)
    return render(
        request,
        "staff/detail.html",
        {
            "home": home,
            "member": member,
            "as_of": as_of,
            "vetting": vetting,
            "outstanding": [item for item in vetting if not item.done],
            "withdrawn": [c for c in checks if c.withdrawn_at],
            "exceptions": exceptions,
            "exception_now": selectors.vetting_exceptions_in_force([member], as_of).get(member.pk),
            "dbs_updates": list(member.dbs_update_checks.all()),
            "qualification": selectors.qualification_statuses([member], as_of)[member.pk],
            "qualifications": list(member.qualifications.all()),
            "deferrals": list(member.qualification_deferrals.all()),
            "training": selectors.member_training(member, as_of),
            "supervision": selectors.supervision_statuses([member], as_of)[member.pk],
            "supervisions": list(member.supervisions.all()),
            "can_manage": policies.can_manage_staff(request.user, home),
            "can_invite": policies.can_manage_people(request.user, home) and member.user_id is None,
            "can_except": policies.can_record_vetting_exception(request.user, home),
            "can_view_history": policies.can_view_history(request.user, home),
            "kinds": VettingCheck.Kind,
        },
    )


@home_view(policies.can_manage_staff)
@require_http_methods(["GET", "POST"])
def vetting_record(request: HttpRequest, home: Home, staff_id: str, kind: str) -> HttpResponse:
    member = policies.access_staff_member(request.user, home, staff_id)
    if kind not in VettingCheck.Kind.values:
        raise Http404("No such check.")
    label = VettingCheck.Kind(kind).label
    return _member_form(
        request,
        home,
        member,
        forms.VettingCheckForm(request.POST or None, kind=kind, initial={"verified_on": today()}),
        save=lambda data: services.vetting_check_record(
            actor=request.user, member=member, kind=kind, today=today(), **data
        ),
        success=f"{label} verified for {member.full_name}.",
        creates=True,
        title=f"Verify: {label.lower()}",
        intro="You sign this check as the person who verified it, on the date given.",
    )


@home_view(policies.can_manage_staff)
@require_http_methods(["GET", "POST"])
def vetting_withdraw(request: HttpRequest, home: Home, staff_id: str, check_id: str) -> HttpResponse:
    member = policies.access_staff_member(request.user, home, staff_id)
    check = member.vetting_checks.filter(public_id=check_id, withdrawn_at__isnull=True).first()
    if check is None:
        raise Http404("No such check.")
    return _member_form(
        request,
        home,
        member,
        forms.WithdrawForm(request.POST or None),
        save=lambda data: services.vetting_check_withdraw(actor=request.user, check=check, **data),
        success="Check withdrawn. It stays on the file, marked withdrawn.",
        creates=False,
        title=f"Withdraw: {check.get_kind_display().lower()}",
        intro=f"Verified on {check.verified_on:%-d %B %Y} by {check.verified_by_name}. Withdraw it if it was "
        "recorded in error or is no longer valid.",
        submit="Withdraw the check",
    )


@home_view(policies.can_manage_staff)
@require_http_methods(["GET", "POST"])
def dbs_update_check(request: HttpRequest, home: Home, staff_id: str) -> HttpResponse:
    member = policies.access_staff_member(request.user, home, staff_id)
    return _member_form(
        request,
        home,
        member,
        forms.DbsUpdateCheckForm(request.POST or None, initial={"checked_on": today()}),
        save=lambda data: services.dbs_update_check_record(actor=request.user, member=member, today=today(), **data),
        success="Update-service check recorded.",
        creates=True,
        title="Record a DBS update-service check",
    )


@home_view(policies.can_record_vetting_exception)
@require_http_methods(["GET", "POST"])
def vetting_exception(request: HttpRequest, home: Home, staff_id: str) -> HttpResponse:
    member = policies.access_staff_member(request.user, home, staff_id)
    outstanding = selectors.vetting_outstanding_by_member([member])[member.pk]
    return _member_form(
        request,
        home,
        member,
        forms.VettingExceptionForm(request.POST or None, initial={"starts_on": today()}),
        save=lambda data: services.vetting_exception_record(actor=request.user, member=member, **data),
        success=f"Exception recorded: {member.full_name} may be put on shift on the safeguards stated.",
        creates=True,
        title="Record a risk-assessed exception",
        intro="Outstanding: " + "; ".join(outstanding) + "." if outstanding else "Every check is verified.",
    )


@home_view(policies.can_manage_staff)
@require_http_methods(["GET", "POST"])
def qualification_new(request: HttpRequest, home: Home, staff_id: str) -> HttpResponse:
    member = policies.access_staff_member(request.user, home, staff_id)
    return _member_form(
        request,
        home,
        member,
        forms.QualificationForm(request.POST or None),
        save=lambda data: services.qualification_record(actor=request.user, member=member, today=today(), **data),
        success="Qualification recorded.",
        creates=True,
        title="Record a qualification",
    )


@home_view(policies.can_manage_staff)
@require_http_methods(["GET", "POST"])
def qualification_achieved(request: HttpRequest, home: Home, staff_id: str, qualification_id: str) -> HttpResponse:
    member = policies.access_staff_member(request.user, home, staff_id)
    qualification = member.qualifications.filter(public_id=qualification_id, achieved_on__isnull=True).first()
    if qualification is None:
        raise Http404("No such qualification in progress.")
    return _member_form(
        request,
        home,
        member,
        forms.AchievedForm(request.POST or None, initial={"achieved_on": today()}),
        save=lambda data: services.qualification_achieved(
            actor=request.user, qualification=qualification, today=today(), **data
        ),
        success=f"{qualification.title} achieved.",
        creates=False,
        title=f"Record {qualification.title} as achieved",
    )


@home_view(policies.can_manage_staff)
@require_http_methods(["GET", "POST"])
def deferral_new(request: HttpRequest, home: Home, staff_id: str) -> HttpResponse:
    member = policies.access_staff_member(request.user, home, staff_id)
    return _member_form(
        request,
        home,
        member,
        forms.DeferralForm(request.POST or None),
        save=lambda data: services.qualification_deferral_record(actor=request.user, member=member, **data),
        success="Deferral recorded.",
        creates=True,
        title="Defer a qualification deadline",
    )


@home_view(policies.can_manage_staff)
@require_http_methods(["GET", "POST"])
def training_new(request: HttpRequest, home: Home, staff_id: str) -> HttpResponse:
    member = policies.access_staff_member(request.user, home, staff_id)
    from_matrix = request.GET.get("back") == "matrix"
    initial: dict[str, Any] = {"completed_on": today()}
    course = request.GET.get("course")
    if course:
        initial["course"] = selectors.courses_for(home.provider).filter(code=course).first()
    return _member_form(
        request,
        home,
        member,
        forms.TrainingCompletionForm(
            request.POST or None, request.FILES or None, courses=selectors.courses_for(home.provider), initial=initial
        ),
        save=lambda data: services.training_completion_record(actor=request.user, member=member, today=today(), **data)[
            0
        ],
        success=lambda c: f"{c.course.title} recorded for {member.full_name}.",
        then=reverse("staff:matrix", kwargs={"home_id": home.public_id}) if from_matrix else None,
        creates=True,
        title="Record training",
    )


@home_view(policies.can_view_staff_records)
def training_certificate(request: HttpRequest, home: Home, staff_id: str, completion_id: str) -> FileResponse:
    member = policies.access_staff_member(request.user, home, staff_id)
    completion = member.training.filter(public_id=completion_id).exclude(certificate="").first()
    if completion is None:
        raise Http404("No certificate.")
    name = f"{member.last_name}-{completion.course.code}-{completion.completed_on}.{completion.certificate.name.rsplit('.', 1)[-1]}"
    return FileResponse(completion.certificate.open("rb"), as_attachment=True, filename=name)


@home_view(policies.can_manage_staff)
@require_http_methods(["GET", "POST"])
def supervision_new(request: HttpRequest, home: Home, staff_id: str) -> HttpResponse:
    member = policies.access_staff_member(request.user, home, staff_id)
    return _member_form(
        request,
        home,
        member,
        forms.SupervisionForm(request.POST or None, initial={"held_on": today(), "kind": "supervision"}),
        save=lambda data: services.supervision_record(actor=request.user, member=member, today=today(), **data),
        success="Recorded.",
        creates=True,
        title="Record supervision or appraisal",
    )


@home_view(policies.can_view_history)
def staff_history(request: HttpRequest, home: Home, staff_id: str) -> HttpResponse:
    member = policies.access_staff_member(request.user, home, staff_id)
    records = [
        member,
        *member.vetting_checks.all(),
        *member.vetting_exceptions.all(),
        *member.dbs_update_checks.all(),
        *member.qualifications.all(),
        *member.qualification_deferrals.all(),
        *member.training.all(),
        *member.supervisions.all(),
    ]
    return render(
        request,
        "audit/history.html",
        {
            "home": home,
            "title": f"History of {member.full_name}'s staff record",
            "entries": history_entries(records=records),
            "events": audit_events_for(records=records),
            "access_events": access_events_for_staff_member(member=member),
        },
    )


# --- the training matrix ---------------------------------------------------------------------------


@home_view(policies.can_view_training_matrix)
def training_matrix(request: HttpRequest, home: Home) -> HttpResponse:
    as_of = today()
    return render(
        request,
        "staff/matrix.html",
        {
            "home": home,
            "matrix": selectors.training_matrix(home=home, as_of=as_of),
            "as_of": as_of,
            "can_manage": policies.can_manage_staff(request.user, home),
            "can_view_files": policies.can_view_staff_records(request.user, home),
            "expiring_days": selectors.staffing_setting("training_expiring_days"),
        },
    )


# --- the rota ----------------------------------------------------------------------------------------


def _week_start(request: HttpRequest) -> datetime.date:
    """The week asked for (``?from=YYYY-MM-DD``), or this week for a day unreadable or out of
    range (a rota is never decades away; and the week after 31 December 9999 cannot be shown)."""
    day = today()
    this_week = day - datetime.timedelta(days=day.weekday())
    try:
        asked = datetime.date.fromisoformat(request.GET.get("from", ""))
    except ValueError:
        return this_week
    if abs((asked - day).days) > 366 * 10:
        return this_week
    return asked


@home_view(policies.can_view_rota)
def rota(request: HttpRequest, home: Home) -> HttpResponse:
    start = _week_start(request)
    shifts = selectors.shifts_between(home=home, start=start, days=7)
    days = [start + datetime.timedelta(days=i) for i in range(7)]
    by_day = [(d, [s for s in shifts if timezone.localtime(s.starts_at).date() == d]) for d in days]
    return render(
        request,
        "staff/rota.html",
        {
            "home": home,
            "by_day": by_day,
            "start": start,
            "previous": start - datetime.timedelta(days=7),
            "next": start + datetime.timedelta(days=7),
            "can_manage": policies.can_manage_staff(request.user, home),
        },
    )


@home_view(policies.can_manage_staff)
@require_http_methods(["GET", "POST"])
def shift_new(request: HttpRequest, home: Home) -> HttpResponse:
    back = reverse("staff:rota", kwargs={"home_id": home.public_id})
    staff = selectors.staff_on_books(home=home, as_of=today())
    return form_page(
        request,
        forms.ShiftForm(request.POST or None, staff=staff),
        save=lambda data: services.shift_assign(
            actor=request.user,
            home=home,
            member=data["staff_member"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
        ),
        success=lambda s: (
            f"{s.staff_member.full_name} is on shift."
            + (
                " Working under the registered manager's exception: the safeguards apply."
                if s.vetting_exception
                else ""
            )
        ),
        then=lambda s: f"{back}?from={s.starts_at.date() - datetime.timedelta(days=s.starts_at.weekday())}",
        creates=True,
        title="Put someone on shift",
        intro="Only staff whose checks are all verified, or who have the registered manager's exception, can be put on shift.",
        home=home,
        back_url=back,
    )


@home_view(policies.can_manage_staff)
@require_http_methods(["GET", "POST"])
def shift_cancel(request: HttpRequest, home: Home, shift_id: str) -> HttpResponse:
    shift = home.shifts.filter(public_id=shift_id, cancelled_at__isnull=True).select_related("staff_member").first()
    if shift is None:
        raise Http404("No such shift.")
    back = reverse("staff:rota", kwargs={"home_id": home.public_id})
    return form_page(
        request,
        forms.CancelShiftForm(request.POST or None),
        save=lambda data: services.shift_cancel(actor=request.user, shift=shift, **data),
        success="Shift cancelled.",
        then=back,
        creates=False,
        title=f"Cancel {shift.staff_member.full_name}'s shift",
        home=home,
        back_url=back,
        submit="Cancel the shift",
    )


# --- spreadsheet import ---------------------------------------------------------------------------


@home_view(policies.can_manage_staff)
@require_http_methods(["GET", "POST"])
def csv_import(request: HttpRequest, home: Home) -> HttpResponse:
    form = forms.CsvImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read()
        try:
            if form.cleaned_data["kind"] == "staff":
                result = staff_csv_import(actor=request.user, home=home, data=data)
            else:
                result = training_csv_import(actor=request.user, home=home, data=data, today=today())
        except CsvImportRefused as exc:
            problems = exc.errors
            form.add_error("file", f"The file has {len(problems)} problem(s), listed below. Nothing was saved.")
        else:
            messages.success(request, f"Imported: {result.summary}.")
            target = "staff:list" if form.cleaned_data["kind"] == "staff" else "staff:matrix"
            return redirect(reverse(target, kwargs={"home_id": home.public_id}))
    return render(request, "staff/import.html", {"home": home, "form": form, "problems": problems})


# --- the provider's catalogue ---------------------------------------------------------------------


@provider_view(policies.can_manage_training_catalogue)
def catalogue(request: HttpRequest, provider: Provider) -> HttpResponse:
    as_of = today()
    homes, table = selectors.training_by_home(provider=provider, as_of=as_of)
    return render(
        request,
        "staff/catalogue.html",
        {
            "provider": provider,
            "courses": list(selectors.courses_for(provider, include_retired=True)),
            "homes": homes,
            "table": table,
            "as_of": as_of,
            "roles": dict(StaffMember.Role.choices),
        },
    )


@provider_view(policies.can_manage_training_catalogue)
@require_POST
def catalogue_start(request: HttpRequest, provider: Provider) -> HttpResponse:
    added = services.course_catalogue_start(actor=request.user, provider=provider)
    if added:
        messages.success(request, f"{added} default courses added. Change any of them to suit your homes.")
    else:
        messages.error(request, "The catalogue already has courses.")
    return redirect(reverse("staff:catalogue", kwargs={"provider_id": provider.public_id}))


def _course_page(request: HttpRequest, provider: Provider, course: Course | None) -> HttpResponse:
    back = reverse("staff:catalogue", kwargs={"provider_id": provider.public_id})
    if course is None:
        form: forms.CourseForm = forms.NewCourseForm(request.POST or None)
    else:
        form = forms.CourseForm(
            request.POST or None,
            initial={
                f: getattr(course, f)
                for f in ("title", "mandatory_for", "renew_every_months", "safeguarding", "retired")
            },
        )

    def save(data: dict[str, Any]) -> Course:
        code = data.pop("code", None) or (course.code if course else "")
        if course is None and provider.courses.filter(code=code).exists():
            raise ValidationError({"code": f"The catalogue already has a course with the code {code}."})
        return services.course_upsert(
            actor=request.user,
            provider=provider,
            code=code,
            **data,  # with expected_version, the version an edit form was opened at
        )[0]

    return form_page(
        request,
        form,
        save=save,
        success=lambda c: f"{c.title} saved.",
        then=back,
        creates=course is None,
        title=f"Change {course.title}" if course else "Add a course",
        caption=provider.name,
        home=None,
        back_url=back,
        version_of=course,
    )


@provider_view(policies.can_manage_training_catalogue)
@require_http_methods(["GET", "POST"])
def course_new(request: HttpRequest, provider: Provider) -> HttpResponse:
    return _course_page(request, provider, None)


@provider_view(policies.can_manage_training_catalogue)
@require_http_methods(["GET", "POST"])
def course_edit(request: HttpRequest, provider: Provider, code: str) -> HttpResponse:
    course = provider.courses.filter(code=code).first()
    if course is None:
        raise Http404("No such course.")
    return _course_page(request, provider, course)
