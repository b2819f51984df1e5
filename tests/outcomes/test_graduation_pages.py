"""Graduations on the site: recording one, the form's field errors, who sees which, the audit of reads."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kasip.core.models import AuditEntry
from kasip.outcomes.models import Graduation
from kasip.registry.models import Qualification, Specialty, StudentStatus

from .conftest import make_student, programme_at


def form_data(student, awarded, **overrides):
    data = {"student_iin": student.iin, "qualification": awarded.pk, "programme": "", "date": "2025-06-27",
            "diploma_number": "ТКБ 7654321", "with_honours": "on"}
    data.update(overrides)
    return data


def test_the_college_admin_records_a_graduation_and_the_student_becomes_a_graduate(client_for, users, student,
                                                                                   technician, programme):
    response = client_for("college_admin").post("/graduations/new/", form_data(student, technician))
    graduation = Graduation.objects.get(diploma_number="ТКБ 7654321")
    assert response["Location"] == f"/graduations/{graduation.pk}/"
    assert graduation.programme == programme  # found from the student's group
    assert graduation.with_honours and graduation.date == dt.date(2025, 6, 27)
    student.refresh_from_db()
    assert student.status == StudentStatus.GRADUATED


def test_a_worker_qualification_of_the_groups_specialty_keeps_the_groups_programme(client_for, users, student, worker,
                                                                                   programme):
    client_for("college_admin").post("/graduations/new/", form_data(student, worker))
    graduation = Graduation.objects.get()
    assert (graduation.programme, graduation.qualification) == (programme, worker)


def test_without_a_group_the_programme_is_the_colleges_programme_of_the_qualification(client_for, users, college,
                                                                                       worker):
    worker_programme = programme_at(college, worker)
    student = make_student(college)
    assert client_for("region_admin").post("/graduations/new/", form_data(student, worker)).status_code == 302
    assert Graduation.objects.get().programme == worker_programme


def test_a_college_without_a_programme_of_the_qualification_is_told_so(client_for, users, college, worker):
    student = make_student(college)
    body = client_for("college_admin").post("/graduations/new/", form_data(student, worker)).content.decode()
    assert 'id="id_programme_error"' in body
    assert "has no programme of qualification 3W07150501" in body
    assert not Graduation.objects.exists()


@pytest.mark.parametrize("field,value,message", [
    ("student_iin", "123456789012", "check digit"),
    ("student_iin", "", "This field is required."),
    ("date", "2999-01-01", "cannot be in the future"),
    ("date", "", "This field is required."),
    ("diploma_number", "", "This field is required."),
    ("qualification", "", "This field is required."),
])
def test_the_form_names_the_bad_field(client_for, users, student, technician, programme, field, value, message):
    response = client_for("college_admin").post("/graduations/new/", form_data(student, technician, **{field: value}))
    body = response.content.decode()
    assert response.status_code == 200
    assert f'id="id_{field}_error"' in body
    assert message in body
    assert not Graduation.objects.exists()


def test_a_college_admin_cannot_graduate_another_colleges_student(client_for, users, other_student, worker):
    body = client_for("college_admin").post("/graduations/new/", form_data(other_student, worker)).content.decode()
    assert 'id="id_student_iin_error"' in body
    assert "No student with IIN" in body
    assert not Graduation.objects.exists()


def test_a_diploma_number_already_recorded_is_refused(client_for, users, graduation, college, technician, programme):
    student = make_student(college)
    body = client_for("college_admin").post("/graduations/new/", form_data(
        student, technician, diploma_number=graduation.diploma_number)).content.decode()
    assert 'id="id_diploma_number_error"' in body
    assert "is already recorded" in body
    assert Graduation.objects.count() == 1


def test_a_student_graduates_once(client_for, users, graduation, technician):
    body = client_for("college_admin").post("/graduations/new/", form_data(graduation.student, technician)).content
    assert "already graduated (diploma ТКБ 0123456)" in body.decode()
    assert Graduation.objects.count() == 1


def test_an_expelled_student_cannot_graduate(client_for, users, student, technician, programme):
    student.status = StudentStatus.EXPELLED
    student.save()
    body = client_for("college_admin").post("/graduations/new/", form_data(student, technician)).content.decode()
    assert "expelled and cannot graduate" in body
    assert not Graduation.objects.exists()


def test_the_college_admin_edits_a_graduation_but_not_the_student(client_for, users, graduation, technician):
    response = client_for("college_admin").post(f"/graduations/{graduation.pk}/edit/", form_data(
        graduation.student, technician, student_iin="000000000000", diploma_number="ТКБ 0123457",
        programme=graduation.programme_id, with_honours=""))
    assert response.status_code == 302
    graduation.refresh_from_db()
    assert graduation.diploma_number == "ТКБ 0123457" and not graduation.with_honours


def test_a_college_admin_sees_only_its_own_colleges_graduations(client_for, users, graduation, other_graduation):
    client = client_for("college_admin")
    body = client.get("/graduations/").content.decode()
    assert graduation.student.last_name in body and other_graduation.student.last_name not in body
    assert client.get(f"/graduations/{other_graduation.pk}/").status_code == 403
    assert client.get(f"/graduations/{other_graduation.pk}/edit/").status_code == 403


def test_a_student_sees_only_his_own_graduation(client_for, users, graduation, other_graduation, college):
    mine = make_student(college, last_name="Оқушыұлы", user=users["student"])
    own = Graduation.objects.create(student=mine, programme=graduation.programme, qualification=graduation.qualification,
                                    date=graduation.date, diploma_number="ТКБ 0000042")
    client = client_for("student")
    body = client.get("/graduations/").content.decode()
    assert "Оқушыұлы" in body
    assert graduation.student.last_name not in body and other_graduation.student.last_name not in body
    assert client.get(f"/graduations/{own.pk}/").status_code == 200
    assert client.get(f"/graduations/{graduation.pk}/").status_code == 403
    assert client.get(f"/graduations/{own.pk}/edit/").status_code == 403


@pytest.mark.parametrize("role", ["analyst", "enterprise_hr", "mentor", "customer"])
def test_analysts_and_enterprises_see_no_graduation(client_for, users, graduation, role):
    client = client_for(role)
    assert client.get("/graduations/").status_code == 403
    assert client.get(f"/graduations/{graduation.pk}/").status_code == 403
    assert client.get("/exports/graduations.csv").status_code == 403


def test_every_staff_read_of_a_graduation_is_audited(client_for, users, graduation):
    client_for("dual_coordinator").get(f"/graduations/{graduation.pk}/")
    entry = AuditEntry.objects.get(action="read", object_type="outcomes.graduation")
    assert entry.actor == users["dual_coordinator"]
    assert entry.object_id == str(graduation.pk)
    client_for("analyst").get(f"/graduations/{graduation.pk}/")  # refused: nothing read, nothing logged
    assert AuditEntry.objects.filter(action="read", object_type="outcomes.graduation").count() == 1


def test_filters_narrow_the_list(client_for, users, graduation, other_graduation):
    client = client_for("region_admin")
    body = client.get("/graduations/", {"year": "2024"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in body
    assert other_graduation.student.last_name in body and graduation.student.last_name not in body
    body = client.get("/graduations/", {"college": str(graduation.student.college_id)}).content.decode()
    assert graduation.student.last_name in body and other_graduation.student.last_name not in body
    body = client.get("/graduations/", {"programme": str(other_graduation.programme_id)}).content.decode()
    assert other_graduation.student.last_name in body and graduation.student.last_name not in body
    body = client.get("/graduations/", {"q": graduation.student.iin}).content.decode()
    assert graduation.student.last_name in body and other_graduation.student.last_name not in body


def test_the_list_runs_the_same_number_of_queries_for_one_and_thirty_graduations(client_for, users, graduation,
                                                                                 other_college, worker):
    client = client_for("region_admin")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/graduations/").status_code == 200
        return len(ctx.captured_queries)

    one = count()
    programme = programme_at(other_college, worker)
    for i in range(29):
        Graduation.objects.create(student=make_student(other_college, last_name=f"Түлек{i}"), programme=programme,
                                  qualification=worker, date=dt.date(2023 + i % 3, 6, 30), diploma_number=f"Д-{i}")
    assert count() == one
    assert one <= 15


def test_a_programme_of_another_college_is_refused(client_for, users, student, technician, other_student):
    other_programme = other_student.college.programmes.get()
    body = client_for("region_admin").post("/graduations/new/", form_data(
        student, technician, programme=other_programme.pk)).content.decode()
    assert 'id="id_programme_error"' in body
    assert "belongs to another college" in body
    assert not Graduation.objects.exists()


def test_a_qualification_of_another_specialty_than_the_programmes_is_refused(client_for, users, student, programme):
    cook = Qualification.objects.create(code="3W10130101", name_kk="Аспаз", specialty=Specialty.objects.create(
        code="10130100", name_kk="Тамақтандыруды ұйымдастыру"))
    body = client_for("college_admin").post("/graduations/new/", form_data(
        student, cook, programme=programme.pk)).content.decode()
    assert 'id="id_qualification_error"' in body
    assert "another specialty than the programme" in body
    assert not Graduation.objects.exists()
