"""The registry's pages: scoping of personal data, audited reads, orders, forms, query counts."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kasip.core.models import AuditEntry
from kasip.core.validators import make_bin, make_iin
from kasip.registry.models import (
    Enterprise,
    EnterpriseSite,
    Group,
    Programme,
    Qualification,
    Specialty,
    Student,
    StudentEvent,
)


@pytest.fixture
def programme(college):
    specialty = Specialty.objects.create(code="07150500", name_kk="Дәнекерлеу ісі", name_ru="Сварочное дело")
    qualification = Qualification.objects.create(code="3W07150501", specialty=specialty, name_kk="Дәнекерлеуші",
                                                  name_ru="Сварщик")
    return Programme.objects.create(college=college, qualification=qualification, language="kk", base="9",
                                    hours_theory=1500, hours_practice=1400, hours_total=2900, is_dual=True)


@pytest.fixture
def group(programme):
    return Group.objects.create(college=programme.college, programme=programme, code="СВ-24-1", admission_year=2024)


def make_student(college, group=None, n=1, **extra):
    born = dt.date(2007, 1 + n % 12, 1 + n % 27)
    return Student.objects.create(iin=make_iin(born, "M", n), last_name=f"Оқушы{n}", first_name="Арман",
                                  birth_date=born, sex="M", college=college, group=group, base="9",
                                  funding="state", **extra)


def test_a_staff_read_of_a_student_is_audited(client_for, users, group):
    student = make_student(group.college, group)
    body = client_for("dual_coordinator").get(f"/students/{student.pk}/").content.decode()
    assert student.iin in body
    entry = AuditEntry.objects.get(action="read", object_type="registry.student")
    assert entry.actor == users["dual_coordinator"] and entry.object_id == str(student.pk)


def test_staff_see_only_their_own_colleges_students(client_for, group, other_college):
    mine = make_student(group.college, group, n=1)
    theirs = make_student(other_college, n=2)
    body = client_for("college_admin").get("/students/").content.decode()
    assert mine.iin in body and theirs.iin not in body
    assert client_for("college_admin").get(f"/students/{theirs.pk}/").status_code == 403
    assert client_for("region_admin").get(f"/students/{theirs.pk}/").status_code == 200


def test_students_are_found_by_iin(client_for, group):
    wanted = make_student(group.college, group, n=1)
    make_student(group.college, group, n=2)
    body = client_for("college_admin").get("/students/", {"q": wanted.iin}, HTTP_HX_REQUEST="true").content.decode()
    assert "1 record" in body and wanted.last_name in body


def test_a_transfer_and_an_expulsion_are_recorded_with_their_orders(client_for, group, programme):
    student = make_student(group.college, group)
    other = Group.objects.create(college=group.college, programme=programme, code="СВ-24-2", admission_year=2024)
    client = client_for("college_admin")
    response = client.post(f"/students/{student.pk}/orders/new/", {
        "kind": "transfer", "date": "2025-02-01", "order_number": "12-к", "order_date": "2025-01-30",
        "to_group": other.pk})
    assert response.status_code == 302
    student.refresh_from_db()
    assert student.group == other
    response = client.post(f"/students/{student.pk}/orders/new/", {
        "kind": "expulsion", "date": "2025-03-01", "order_number": "", "order_date": "2025-03-01"})
    assert "This field is required." in response.content.decode()
    client.post(f"/students/{student.pk}/orders/new/", {
        "kind": "expulsion", "date": "2025-03-01", "order_number": "20-к", "order_date": "2025-03-01",
        "reason": "по собственному желанию"})
    student.refresh_from_db()
    assert student.status == "expelled"
    assert list(StudentEvent.objects.filter(student=student).values_list("order_number", flat=True)) == ["12-к", "20-к"]
    page = client.get(f"/students/{student.pk}/").content.decode()
    assert "20-к" in page and "12-к" in page


def test_a_student_whose_date_of_birth_disagrees_with_the_iin_is_refused(client_for, group):
    iin = make_iin(dt.date(2008, 5, 17), "F", 5)
    response = client_for("college_admin").post("/students/new/", {
        "iin": iin, "last_name": "А", "first_name": "Б", "birth_date": "2008-05-18", "group": group.pk,
        "base": "9", "funding": "state", "status": "studying"})
    assert "disagrees with the IIN" in response.content.decode()
    assert not Student.objects.exists()
    response = client_for("college_admin").post("/students/new/", {
        "iin": iin, "last_name": "А", "first_name": "Б", "group": group.pk, "base": "9", "funding": "state",
        "status": "studying"})
    assert response.status_code == 302
    assert Student.objects.get().birth_date == dt.date(2008, 5, 17)


def test_a_programme_whose_hours_do_not_add_up_is_refused(client_for, programme):
    response = client_for("college_admin").post("/programmes/new/", {
        "qualification": programme.qualification.pk, "language": "ru", "base": "11", "form": "full_time",
        "hours_theory": "1000", "hours_practice": "900", "hours_total": "2000"})
    assert 'id="id_hours_total_error"' in response.content.decode()
    assert "do not add up" in response.content.decode()


def test_a_qualification_code_in_a_wrong_format_is_refused(client_for, programme):
    response = client_for("region_admin").post("/qualifications/new/", {
        "code": "W307150501", "specialty": programme.qualification.specialty.pk, "name_kk": "Қате"})
    assert "a level digit, 1-2 letters and 8 digits" in response.content.decode()


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", ["/students/", "/groups/", "/programmes/", "/enterprises/", "/sites/",
                                 "/qualifications/"])
def test_list_pages_run_the_same_queries_for_few_and_many_rows(client_for, group, enterprise, url):
    client = client_for("region_admin")
    make_student(group.college, group, n=0)
    EnterpriseSite.objects.create(enterprise=enterprise, name="Цех 0", district=enterprise.district)
    few = queries(client, url)
    for n in range(1, 30):
        make_student(group.college, group, n=n)
        g = Group.objects.create(college=group.college, programme=group.programme, code=f"Г-{n}", admission_year=2024)
        make_student(group.college, g, n=100 + n)
        e = Enterprise.objects.create(bin=make_bin(2014, 1 + n % 12, 700 + n), name_kk=f"К{n}", name_ru=f"К{n}",
                                      district=enterprise.district, oked="24100")
        EnterpriseSite.objects.create(enterprise=e, name=f"Цех {n}", district=enterprise.district)
    assert queries(client, url) == few
    assert few <= 15


def test_the_landing_page_shows_the_registry_figures(client_for, group):
    for n in range(3):
        make_student(group.college, group, n=n)
    body = client_for(None).get("/").content.decode()
    assert "<strong>3</strong> students" in body
    assert "<strong>100.0 %</strong> of students in dual training" in body
    assert body.count("<svg") >= 3


def test_orders_are_recorded_through_the_api(users, group):
    from django.test import Client

    from kasip.core.services import create_api_token

    student = make_student(group.college, group)
    key = create_api_token(users["college_admin"], "t")[1]
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    url = f"/api/v1/students/{student.pk}/events"
    response = client.post(url, {"kind": "transfer", "date": "2025-02-01", "order_number": "9-к",
                                 "order_date": "2025-02-01"}, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "to_group_id"]
    response = client.post(url, {"kind": "expulsion", "date": "2025-02-01", "order_number": "9-к",
                                 "order_date": "2025-02-01", "reason": "academic failure"},
                           content_type="application/json")
    assert response.status_code == 201
    student.refresh_from_db()
    assert student.status == "expelled"
    assert [e["order_number"] for e in client.get(url).json()] == ["9-к"]
