"""Students from a НОБД export: every bad row reported with its column, nothing written."""

import datetime as dt

import pytest

from kasip.core.imports import run_import
from kasip.core.models import AuditEntry
from kasip.core.validators import make_iin
from kasip.registry.models import Group, Programme, Qualification, Specialty, Student, StudentEvent
from tests.helpers import csv_bytes, xlsx_bytes

# The columns of a НОБД (national education database) contingent export, as colleges receive it.
NOBD_HEADER = ["№", "Идентификатор НОБД", "ИИН", "Фамилия", "Имя", "Отчество", "Дата рождения", "Группа",
               "На базе", "Источник финансирования", "Согласие на обработку персональных данных", "Дата согласия",
               "Номер приказа о зачислении", "Дата приказа о зачислении"]

IIN_1 = make_iin(dt.date(2008, 5, 17), "F", 1)
IIN_2 = make_iin(dt.date(2007, 11, 2), "M", 2)


@pytest.fixture
def group(college):
    specialty = Specialty.objects.create(code="07150500", name_kk="Дәнекерлеу ісі", name_ru="Сварочное дело")
    qualification = Qualification.objects.create(code="3W07150501", specialty=specialty, name_kk="Дәнекерлеуші")
    programme = Programme.objects.create(college=college, qualification=qualification, language="kk", base="9",
                                         hours_theory=1500, hours_practice=1400, hours_total=2900)
    return Group.objects.create(college=college, programme=programme, code="СВ-24-1", admission_year=2024)


def nobd_rows(first_iin=IIN_1, first_birth="17.05.2008", group="СВ-24-1"):
    return [NOBD_HEADER,
            ["1", "NOBD-1001", first_iin, "Серікова", "Айым", "Бекқызы", first_birth, group, "9 классов",
             "Государственный образовательный заказ", "да", "01.09.2024", "45-к", "28.08.2024"],
            ["2", "NOBD-1002", IIN_2, "Иванов", "Пётр", "", "02.11.2007", "СВ-24-1", "на базе 9 классов", "платное",
             "нет", "", "45-к", "28.08.2024"]]


def test_a_college_admin_imports_a_nobd_export(users, group):
    result = run_import("students", csv_bytes(nobd_rows(), "utf-8-sig", ";"), "nobd.csv", users["college_admin"])
    assert result.ok, result.errors
    aiym = Student.objects.get(iin=IIN_1)
    assert (aiym.college_id, aiym.group, aiym.base, aiym.funding) == (group.college_id, group, "9", "state")
    assert aiym.birth_date == dt.date(2008, 5, 17) and aiym.sex == "F"
    assert aiym.consent and aiym.consent_date == dt.date(2024, 9, 1)
    assert aiym.nobd_id == "NOBD-1001"
    event = StudentEvent.objects.get(student=aiym)
    assert (event.kind, event.order_number, event.order_date) == ("admission", "45-к", dt.date(2024, 8, 28))
    assert Student.objects.get(iin=IIN_2).funding == "paid"


def test_the_same_export_imported_again_updates_instead_of_duplicating(users, group):
    run_import("students", xlsx_bytes(nobd_rows()), "nobd.xlsx", users["college_admin"])
    rows = nobd_rows()
    rows[1][3] = "Серікова-Ахметова"
    result = run_import("students", xlsx_bytes(rows), "nobd.xlsx", users["college_admin"])
    assert (result.ok, result.created, result.updated) == (True, 0, 2)
    assert Student.objects.get(iin=IIN_1).last_name == "Серікова-Ахметова"


@pytest.mark.parametrize("rows_change,column,message", [
    (lambda r: r[1].__setitem__(2, IIN_1[:11] + str((int(IIN_1[11]) + 1) % 10)), "IIN", "check digit"),
    (lambda r: r[1].__setitem__(6, "18.05.2008"), "Date of birth", "disagrees with the IIN"),
    (lambda r: r[1].__setitem__(7, "XX-99"), "Group code", "no group “XX-99”"),
    (lambda r: (r[2].__setitem__(2, IIN_1), r[2].__setitem__(6, "17.05.2008")), "IIN", "repeats row 2"),
    (lambda r: r[1].__setitem__(8, "колледж"), "Base of education", "use 9 or 11"),
    (lambda r: r[1].__setitem__(9, "спонсор"), "Funding", "Unknown funding"),
    (lambda r: r[1].__setitem__(11, ""), "Date of consent", "date of the consent"),
    (lambda r: r[1].__setitem__(13, "31.02.2024"), "Admission order date", "is not a date"),
])
def test_each_bad_row_is_reported_and_nothing_is_written(users, group, rows_change, column, message):
    rows = nobd_rows()
    rows_change(rows)
    result = run_import("students", csv_bytes(rows), "nobd.csv", users["college_admin"])
    assert not result.ok
    assert any(e.column == column and message in e.message for e in result.errors), result.errors
    assert Student.objects.count() == 0


def test_a_student_of_another_college_is_refused(users, group, other_college):
    Student.objects.create(iin=IIN_1, last_name="А", first_name="Б", birth_date=dt.date(2008, 5, 17), sex="F",
                           college=other_college, base="9", funding="state")
    result = run_import("students", csv_bytes(nobd_rows()), "nobd.csv", users["college_admin"])
    assert [(e.row, e.column) for e in result.errors] == [(2, "IIN")]
    assert "another college" in result.errors[0].message


def test_a_college_admin_cannot_import_into_another_college(users, group, other_college):
    rows = nobd_rows()
    rows[0].append("БИН колледжа")
    for row in rows[1:]:
        row.append(other_college.bin)
    result = run_import("students", csv_bytes(rows), "nobd.csv", users["college_admin"])
    assert any(e.column == "College BIN" and "own college" in e.message for e in result.errors)


def test_imported_students_are_in_the_audit_log(users, group):
    run_import("students", csv_bytes(nobd_rows()), "nobd.csv", users["college_admin"])
    assert AuditEntry.objects.filter(action="create", object_type="registry.student").count() == 2
