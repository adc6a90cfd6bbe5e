import datetime
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from hearth.conftest import World
from hearth.staff import services
from hearth.staff.models import Shift, StaffMember, TrainingCompletion, VettingCheck
from hearth.staff.tests.factories import StaffMemberFactory
from hearth.staff.tests.test_services import verify_all

TODAY = timezone.localdate()


def home_url(world: World, name: str, **kw: Any) -> str:
    return reverse(name, kwargs={"home_id": world.home_a.public_id, **kw})


def member_url(world: World, member: StaffMember, name: str, **kw: Any) -> str:
    return home_url(world, name, staff_id=member.public_id, **kw)


def test_a_manager_adds_a_new_starter_and_lands_on_their_file(world: World, client_for: Any) -> None:
    response = client_for("deputy_manager").post(
        home_url(world, "staff:new"),
        {"first_name": "Rae", "last_name": "Quinn", "role": "support_worker", "start_date": TODAY.isoformat()},
        follow=True,
    )
    member = StaffMember.objects.get(first_name="Rae")
    assert response.redirect_chain[-1][0] == member_url(world, member, "staff:detail")
    assert b"Not yet" in response.content and b"Outstanding" in response.content


def test_a_dbs_check_without_the_barred_list_is_refused_on_the_form(world: World, client_for: Any) -> None:
    member = StaffMemberFactory(home=world.home_a)
    response = client_for("registered_manager").post(
        member_url(world, member, "staff:vetting_record", kind="dbs"),
        {
            "verified_on": TODAY.isoformat(),
            "dbs_certificate_number": "001234567890",
            "dbs_issued_on": TODAY.isoformat(),
            "evidence": "Certificate seen.",
        },
    )
    assert response.status_code == 200
    assert b"children&#x27;s barred list: this certificate does not meet it" in response.content
    assert b"001234567890" in response.content  # what was typed is kept
    assert not VettingCheck.objects.exists()


def test_the_rota_refuses_someone_not_cleared_and_says_what_is_outstanding(world: World, client_for: Any) -> None:
    member = StaffMemberFactory(home=world.home_a, start_date=TODAY)
    client = client_for("registered_manager")
    start = datetime.datetime.combine(TODAY + datetime.timedelta(days=1), datetime.time(7))
    post = {
        "staff_member": member.pk,
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + datetime.timedelta(hours=8)).strftime("%Y-%m-%dT%H:%M"),
    }
    refused = client.post(home_url(world, "staff:shift_new"), post)
    assert b"cannot be put on shift" in refused.content and b"Two written references" in refused.content
    assert not Shift.objects.exists()
    verify_all(member, on=TODAY)
    placed = client.post(home_url(world, "staff:shift_new"), post, follow=True)
    assert Shift.objects.filter(staff_member=member).count() == 1
    assert member.full_name.encode() in placed.content


def test_training_with_a_certificate_is_recorded_and_the_certificate_downloads(world: World, client_for: Any) -> None:
    member = StaffMemberFactory(home=world.home_a)
    services.course_catalogue_start(actor=None, provider=world.home_a.provider)
    course = world.home_a.provider.courses.get(code="first_aid")
    client = client_for("registered_manager")
    client.post(
        member_url(world, member, "staff:training_new"),
        {
            "course": course.pk,
            "completed_on": TODAY.isoformat(),
            "certificate": SimpleUploadedFile("first-aid.pdf", b"%PDF-1.4 certificate", content_type="application/pdf"),
        },
    )
    completion = TrainingCompletion.objects.get(staff_member=member)
    assert completion.recorded_by_name and completion.certificate
    download = client_for("reg44_visitor").get(
        member_url(world, member, "staff:certificate", completion_id=completion.public_id)
    )
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 certificate"


def test_the_matrix_reads_as_text_and_counts_per_course(
    world: World, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    services.course_catalogue_start(actor=None, provider=world.home_a.provider)
    trained = StaffMemberFactory(home=world.home_a, first_name="Trained")
    StaffMemberFactory(home=world.home_a, first_name="Untrained")
    course = world.home_a.provider.courses.get(code="hsb")
    services.training_completion_record(actor=None, member=trained, course=course, completed_on=TODAY, today=TODAY)
    client = client_for("support_worker")
    with django_assert_max_num_queries(14):
        page = client.get(home_url(world, "staff:matrix"))
    text = page.content.decode()
    # world.staff_a, Trained and Untrained are all support workers: 1 of 3 hold the course.
    assert "Harmful sexual behaviour" in text and "1 of 3" in text and "33%" in text
    assert "In date" in text and "Missing" in text
    for _ in range(10):
        StaffMemberFactory(home=world.home_a)
    with django_assert_max_num_queries(14):
        client.get(home_url(world, "staff:matrix"))


def test_staff_list_query_count_does_not_grow(
    world: World, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    services.course_catalogue_start(actor=None, provider=world.home_a.provider)
    for _ in range(12):
        verify_all(StaffMemberFactory(home=world.home_a))
    client = client_for("registered_manager")
    with django_assert_max_num_queries(16):
        page = client.get(home_url(world, "staff:list"))
    assert page.content.decode().count("Cleared to start") == 12


def csv_upload(client: Any, world: World, kind: str, text: str) -> Any:
    return client.post(
        home_url(world, "staff:import"),
        {"kind": kind, "file": SimpleUploadedFile("sheet.csv", text.encode(), content_type="text/csv")},
        follow=True,
    )


def test_a_staff_list_imports_and_a_second_import_changes_nothing(world: World, client_for: Any) -> None:
    client = client_for("registered_manager")
    sheet = (
        "First name,Last name,Role,Start date,Email\n"
        "Ana,Bell,Residential support worker,01/03/2026,ana@example.org\n"
        "Cal,Dee,senior,2025-09-01,\n"
    )
    first = csv_upload(client, world, "staff", sheet)
    assert b"Imported: 2 added, 0 updated, 0 already recorded" in first.content
    again = csv_upload(client, world, "staff", sheet.replace("senior", "deputy"))
    assert b"Imported: 0 added, 1 updated, 1 already recorded" in again.content
    assert StaffMember.objects.get(first_name="Cal").role == "deputy_manager"


def test_a_bad_staff_list_lists_every_problem_by_row_and_saves_nothing(world: World, client_for: Any) -> None:
    before = StaffMember.objects.count()
    response = csv_upload(
        client_for("registered_manager"),
        world,
        "staff",
        "first_name,last_name,role,start_date\nAna,Bell,cook,01/03/2026\n,Dee,senior,31/02/2026\nEve,Fox,senior,2026-01-01\n",
    )
    text = response.content.decode()
    assert "Nothing was saved" in text
    assert "&#x27;cook&#x27; is not a role" in text and "is empty" in text and "is not a date" in text
    assert StaffMember.objects.count() == before  # Eve's good row was not saved either


def test_training_completions_import_matches_staff_and_courses(world: World, client_for: Any) -> None:
    services.course_catalogue_start(actor=None, provider=world.home_a.provider)
    member = StaffMemberFactory(home=world.home_a, first_name="Ana", last_name="Bell", email="ana@example.org")
    client = client_for("registered_manager")
    good = "staff,course,completed_on\nana@example.org,County lines,x\n"
    refused = csv_upload(client, world, "training", good.replace("County lines", "Knitting"))
    assert b"no course" in refused.content and b"is not a date" in refused.content
    sheet = "staff,course,completed_on\nAna Bell,cce_county_lines,01/10/2026\nana@example.org,Safeguarding children,2026-09-01\n"
    done = csv_upload(client, world, "training", sheet)
    assert b"Imported: 2 added" in done.content
    assert set(member.training.values_list("course__code", flat=True)) == {"cce_county_lines", "safeguarding"}
    assert b"2 already recorded" in csv_upload(client, world, "training", sheet).content


def test_csv_import_names_missing_columns(world: World, client_for: Any) -> None:
    response = csv_upload(client_for("registered_manager"), world, "training", "name,date\nA,2026-01-01\n")
    assert b"Missing column(s): staff, course, completed_on" in response.content


def test_the_responsible_individual_sets_up_and_changes_the_catalogue(world: World, client_for: Any) -> None:
    client = client_for("responsible_individual")
    provider = world.home_a.provider
    page = client.get(reverse("staff:catalogue", kwargs={"provider_id": provider.public_id}))
    assert b"no training catalogue yet" in page.content
    client.post(reverse("staff:catalogue_start", kwargs={"provider_id": provider.public_id}))
    assert provider.courses.count() == 15
    client.post(
        reverse("staff:course_edit", kwargs={"provider_id": provider.public_id, "code": "first_aid"}),
        {
            "title": "First aid at work",
            "mandatory_for": ["support_worker"],
            "renew_every_months": "24",
            "expected_version": provider.courses.get(code="first_aid").version,  # as the form was opened
        },
    )
    course = provider.courses.get(code="first_aid")
    assert (course.title, course.mandatory_for, course.renew_every_months) == (
        "First aid at work",
        ["support_worker"],
        24,
    )
    page = client.get(reverse("staff:catalogue", kwargs={"provider_id": provider.public_id}))
    assert b"Completion by course and home" in page.content and world.home_a.name.encode() in page.content


def test_an_upload_larger_than_any_form_accepts_is_refused_before_it_is_read(
    world: World, client_for: Any, settings: Any
) -> None:
    settings.HEARTH_MAX_UPLOAD_BYTES = 64 * 1024
    member = StaffMemberFactory(home=world.home_a)
    services.course_catalogue_start(actor=None, provider=world.home_a.provider)
    course = world.home_a.provider.courses.get(code="first_aid")
    response = client_for("registered_manager").post(
        member_url(world, member, "staff:training_new"),
        {
            "course": course.pk,
            "completed_on": TODAY.isoformat(),
            "certificate": SimpleUploadedFile("big.pdf", b"%PDF-1.4 " + b"x" * 200_000, content_type="application/pdf"),
        },
    )
    assert response.status_code == 200 and b"larger than 64 KB, so none of it was saved" in response.content
    assert not TrainingCompletion.objects.filter(staff_member=member).exists()


def test_a_rota_week_out_of_range_shows_this_week(world: World, client_for: Any) -> None:
    url = reverse("staff:rota", kwargs={"home_id": world.home_a.public_id})
    for far in ("9999-12-31", "0001-01-01", "not-a-date"):
        assert client_for("registered_manager").get(f"{url}?from={far}").status_code == 200
