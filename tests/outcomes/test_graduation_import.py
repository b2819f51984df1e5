"""Importing graduations: every bad row reported with its column, nothing written; files round-trip."""

import datetime as dt

import pytest

from kasip.core.imports import run_import
from kasip.outcomes.models import Graduation
from kasip.registry.models import StudentStatus
from tests.conftest import csv_bytes, xlsx_bytes

from .conftest import make_student, programme_at

HEADER_EN = ["Student's IIN", "Qualification code", "Date of graduation", "Diploma number", "With honours"]
HEADER_RU = ["ИИН", "Код квалификации", "Дата выдачи диплома", "Номер диплома", "С отличием"]
HEADER_KK = ["ЖСН", "Біліктілік коды", "Бітірген күні", "Диплом нөмірі", "Үздік"]


@pytest.fixture
def graduates(college, student, worker):
    """The group's student (mid-level programme) and a student without a group (a worker's programme)."""
    programme_at(college, worker)
    return student, make_student(college, last_name="Сейітов")


def good_rows(graduates):
    first, second = graduates
    return [[first.iin, "4S07150503", "30.06.2025", "ТКБ 1000001", "да"],
            [second.iin, "3w07150501", "2025-06-30", "ТКБ 1000002", ""]]


@pytest.mark.parametrize("header", [HEADER_EN, HEADER_RU, HEADER_KK], ids=["en", "ru", "kk"])
def test_it_imports_graduations_with_headers_in_any_language(header, users, graduates, programme):
    result = run_import("graduations", csv_bytes([header, *good_rows(graduates)]), "graduations.csv",
                        users["college_admin"])
    assert result.ok, (result.file_error, result.errors)
    assert result.created == 2
    first = Graduation.objects.get(student=graduates[0])
    assert (first.programme, first.qualification.code, first.date, first.with_honours) == (
        programme, "4S07150503", dt.date(2025, 6, 30), True)
    second = Graduation.objects.get(student=graduates[1])
    assert second.programme.qualification.code == "3W07150501" and not second.with_honours
    graduates[1].refresh_from_db()
    assert graduates[1].status == StudentStatus.GRADUATED


def test_it_reads_xlsx_with_dates_in_date_cells(users, graduates, programme):
    data = xlsx_bytes([HEADER_EN, [graduates[0].iin, "4S07150503", dt.date(2025, 6, 30), "ТКБ 1000001", "no"]])
    result = run_import("graduations", data, "graduations.xlsx", users["region_admin"])
    assert result.ok, (result.file_error, result.errors)
    assert Graduation.objects.get().date == dt.date(2025, 6, 30)


def test_it_reports_every_bad_row_with_its_column_and_writes_nothing(users, graduates, programme, technician,
                                                                      other_student, college):
    graduation = Graduation.objects.create(student=make_student(college, last_name="Бітірген"), programme=programme,
                                           qualification=technician, date=dt.date(2024, 6, 30),
                                           diploma_number="ТКБ 0123456")
    expelled = make_student(college, last_name="Шығарылған", status=StudentStatus.EXPELLED)
    no_programme = make_student(college, last_name="Бағдарламасыз")
    rows = [
        *good_rows(graduates),
        ["123456789012", "4S07150503", "30.06.2025", "ТКБ 2000001", ""],                 # 4: check digit
        [other_student.iin, "9Z99999999", "31.02.2025", "", "maybe"],                   # 5: another college ...
        [graduation.student.iin, "4S07150503", "2999-06-30", graduation.diploma_number, ""],  # 6: graduated
        [expelled.iin, "4S07150503", "30.06.2025", "ТКБ 2000002", ""],                  # 7: expelled
        [no_programme.iin, "5AB07150502", "30.06.2025", "ТКБ 2000003", ""],              # 8: no such qualification
    ]
    result = run_import("graduations", csv_bytes([HEADER_EN, *rows]), "graduations.csv", users["college_admin"])
    assert not result.ok
    found = {(e.row, e.column) for e in result.errors}
    assert found == {
        (4, "Student's IIN"),
        (5, "Student's IIN"), (5, "Qualification code"), (5, "Date of graduation"), (5, "Diploma number"),
        (5, "With honours"),
        (6, "Student's IIN"), (6, "Date of graduation"), (6, "Diploma number"),
        (7, "Student's IIN"),
        (8, "Qualification code"),
    }
    messages = {(e.row, e.column): e.message for e in result.errors}
    assert "check digit" in messages[(4, "Student's IIN")]
    assert other_student.iin in messages[(5, "Student's IIN")]
    assert "9Z99999999" in messages[(5, "Qualification code")]
    assert "already graduated" in messages[(6, "Student's IIN")]
    assert "already recorded" in messages[(6, "Diploma number")]
    assert "future" in messages[(6, "Date of graduation")]
    assert "expelled" in messages[(7, "Student's IIN")]
    assert "5AB07150502" in messages[(8, "Qualification code")]
    assert Graduation.objects.count() == 1  # the graduation stored before; nothing new


def test_it_refuses_a_diploma_number_or_a_student_repeated_in_the_file(users, graduates, programme):
    first, second = good_rows(graduates)
    rows = [first, second, [second[0], "3W07150501", "30.06.2025", "ТКБ 1000003", ""],
            [make_student(graduates[0].college).iin, "4S07150503", "30.06.2025", first[3], ""]]
    result = run_import("graduations", csv_bytes([HEADER_EN, *rows]), "graduations.csv", users["region_admin"])
    assert not result.ok
    assert [(e.row, e.column) for e in result.errors] == [(4, "Student's IIN"), (5, "Diploma number")]
    assert "row 3" in result.errors[0].message and "row 2" in result.errors[1].message
    assert not Graduation.objects.exists()


def test_the_region_admin_imports_any_colleges_graduates(users, graduates, other_student, programme):
    rows = [*good_rows(graduates), [other_student.iin, "3W07150501", "28.06.2024", "ТКБ 3000001", "иә"]]
    result = run_import("graduations", csv_bytes([HEADER_KK, *rows]), "graduations.csv", users["region_admin"])
    assert result.ok, result.errors
    assert Graduation.objects.get(student=other_student).programme.college == other_student.college


@pytest.mark.parametrize("role", ["analyst", "dual_coordinator", "enterprise_hr", "student"])
def test_other_roles_may_not_import_graduations(client_for, users, role):
    assert client_for(role).get("/imports/graduations/").status_code == 403


def test_the_export_imports_back_the_same_graduations(client_for, users, graduates, programme):
    assert run_import("graduations", csv_bytes([HEADER_RU, *good_rows(graduates)]), "graduations.csv",
                      users["college_admin"]).ok
    columns = ("student_id", "programme_id", "qualification_id", "date", "diploma_number", "with_honours")
    before = sorted(Graduation.objects.values_list(*columns))
    response = client_for("college_admin").get("/exports/graduations.csv")
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0] == ",".join(HEADER_EN)
    again = run_import("graduations", response.content, "graduations.csv", users["college_admin"])
    assert not again.ok and {e.column for e in again.errors} == {"Student's IIN", "Diploma number"}  # stored already
    Graduation.objects.all().delete()
    assert run_import("graduations", response.content, "graduations.csv", users["college_admin"]).created == 2
    assert sorted(Graduation.objects.values_list(*columns)) == before


def test_a_college_exports_only_its_own_graduates(client_for, users, graduation, other_graduation):
    text = client_for("dual_coordinator").get("/exports/graduations.csv").content.decode("utf-8-sig")
    assert graduation.diploma_number in text and other_graduation.diploma_number not in text
