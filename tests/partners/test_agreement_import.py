"""Importing agreements: headers and values in any language; every bad row reported with its column and nothing
written; an exported file imports back; a college's staff import their own college's agreements only."""

import datetime as dt

import pytest

from kasip.core.exports import export
from kasip.core.imports import run_import
from kasip.core.validators import make_bin
from kasip.partners.models import Agreement
from tests.conftest import csv_bytes, xlsx_bytes

from .conftest import make_agreement

HEADER_EN = ["College BIN", "Enterprise BIN", "Kind of agreement", "Agreement number", "Date signed", "Valid from",
             "Valid until", "Status", "Students covered", "Subject and notes"]
HEADER_RU = ["БИН колледжа", "БИН предприятия", "Вид договора", "Номер договора", "Дата подписания", "Действует с",
             "Действует до", "Статус", "Количество студентов", "Предмет договора"]
HEADER_KK = ["Колледждің БСН", "Кәсіпорын БСН", "Шарт түрі", "Шарт нөмірі", "Қол қойылған күні", "Басталу күні",
             "Аяқталу күні", "Мәртебесі", "Студенттер саны", "Ескерту"]


def rows(college, enterprise, other_enterprise):
    return [
        [college.bin, enterprise.bin, "Договор о дуальном обучении", "ДО-5/2025", "20.05.2025", "01.09.2025",
         "30.06.2029", "действует", "25", "Группа СВ-25-1"],
        [college.bin, other_enterprise.bin, "меморандум", "М-2", "2024-03-01", "2024-03-01", "", "", "", ""],
        [college.bin, other_enterprise.bin, "кәсіпорын тапсырысы бойынша даярлау", "ЦП-1", "15/01/2025",
         "01/02/2025", "", "active", "12", ""],
    ]


@pytest.mark.parametrize("header", [HEADER_EN, HEADER_RU, HEADER_KK], ids=["en", "ru", "kk"])
def test_it_imports_agreements_with_headers_in_any_language(header, users, college, enterprise, other_enterprise):
    result = run_import("agreements", csv_bytes([header, *rows(college, enterprise, other_enterprise)]),
                        "agreements.csv", users["region_admin"])
    assert result.ok, (result.file_error, result.errors)
    assert result.created == 3
    dual = Agreement.objects.get(number="ДО-5/2025")
    assert (dual.college, dual.enterprise, dual.kind, dual.status, dual.students_covered) == (
        college, enterprise, "dual_training", "active", 25)
    assert (dual.signed_on, dual.valid_from, dual.valid_until) == (
        dt.date(2025, 5, 20), dt.date(2025, 9, 1), dt.date(2029, 6, 30))
    memo = Agreement.objects.get(number="М-2")
    assert (memo.kind, memo.status, memo.valid_until, memo.students_covered) == ("memorandum", "draft", None, None)
    assert Agreement.objects.get(number="ЦП-1").kind == "ordered_training"


def test_it_reads_xlsx_with_dates_and_numbers_in_their_cells(users, college, enterprise):
    data = xlsx_bytes([HEADER_EN, [int(college.bin), int(enterprise.bin), "practice", 17, dt.date(2025, 4, 1),
                                   dt.datetime(2025, 4, 15), None, "active", 30, None]])
    result = run_import("agreements", data, "agreements.xlsx", users["region_admin"])
    assert result.ok, (result.file_error, result.errors)
    agreement = Agreement.objects.get()
    assert (agreement.number, agreement.valid_from, agreement.students_covered) == ("17", dt.date(2025, 4, 15), 30)


def test_it_reports_every_bad_row_with_its_column_and_writes_nothing(users, college, enterprise, other_enterprise):
    unknown_bin = make_bin(2010, 10, 999)
    bad = [
        [unknown_bin, unknown_bin, "friendship", "", "2025-13-01", "вчера", "2025", "unknown", "много", ""],  # row 5
        [college.bin, enterprise.bin, "practice", "П-1", "01.02.2025", "01.03.2025", "28.02.2025", "", "", ""],  # 6
        [college.bin, enterprise.bin, "practice", "П-2", "01.02.2019", "01.03.2019", "28.02.2020", "active", "",
         ""],  # row 7: ended but active
        [college.bin, enterprise.bin, "practice", "П-3", "01.02.2099", "01.03.2099", "", "active", "-5", ""],  # 8
    ]
    result = run_import("agreements", csv_bytes([HEADER_EN, *rows(college, enterprise, other_enterprise), *bad]),
                        "agreements.csv", users["region_admin"])
    assert not result.ok
    found = {(e.row, e.column) for e in result.errors}
    assert found == {
        (5, "College BIN"), (5, "Enterprise BIN"), (5, "Kind of agreement"), (5, "Agreement number"),
        (5, "Date signed"), (5, "Valid from"), (5, "Valid until"), (5, "Status"), (5, "Students covered"),
        (6, "Valid until"),
        (7, "Status"),
        (8, "Students covered"),
    }
    messages = {(e.row, e.column): e.message for e in result.errors}
    assert unknown_bin in messages[(5, "College BIN")] and unknown_bin in messages[(5, "Enterprise BIN")]
    assert "friendship" in messages[(5, "Kind of agreement")] and "memorandum" in messages[(5, "Kind of agreement")]
    assert "2025-13-01" in messages[(5, "Date signed")] and "вчера" in messages[(5, "Valid from")]
    assert "cannot precede its start" in messages[(6, "Valid until")]
    assert "mark the agreement expired" in messages[(7, "Status")]
    assert not Agreement.objects.exists()


def test_a_date_signed_in_the_future_is_reported_once_the_row_is_otherwise_good(users, college, enterprise):
    row = [college.bin, enterprise.bin, "practice", "П-3", "01.02.2099", "01.03.2099", "", "active", "", ""]
    result = run_import("agreements", csv_bytes([HEADER_EN, row]), "agreements.csv", users["region_admin"])
    assert [(e.row, e.column) for e in result.errors] == [(2, "Date signed")]
    assert not Agreement.objects.exists()


def test_it_refuses_the_same_agreement_repeated_in_the_file(users, college, enterprise, other_enterprise):
    data = rows(college, enterprise, other_enterprise)
    result = run_import("agreements", csv_bytes([HEADER_EN, *data, data[0]]), "agreements.csv",
                        users["region_admin"])
    assert [(e.row, e.column) for e in result.errors] == [(5, "Agreement number")]
    assert "row 2" in result.errors[0].message
    assert not Agreement.objects.exists()


def test_it_names_the_missing_required_columns(users):
    result = run_import("agreements", csv_bytes([["College BIN", "Enterprise BIN"], ["x", "y"]]), "a.csv",
                        users["region_admin"])
    assert not result.ok
    for label in ("Kind of agreement", "Agreement number", "Date signed", "Valid from"):
        assert label in result.file_error


def test_an_exported_file_imports_back_as_updates(users, agreement, other_agreement):
    for language in ("ru", "kk", "en"):
        from django.utils import translation

        with translation.override(language):
            content, _ctype, _name = export("agreements", "csv", users["region_admin"])
        result = run_import("agreements", content, "agreements.csv", users["region_admin"])
        assert result.ok, (language, result.file_error, result.errors)
        assert (result.created, result.updated) == (0, 2)
    assert Agreement.objects.count() == 2


def test_an_import_changes_an_agreement_found_by_college_enterprise_and_number(users, agreement):
    row = [agreement.college.bin, agreement.enterprise.bin, "dual-training agreement", agreement.number,
           "2025-05-20", "2025-09-01", "2029-06-30", "suspended", "40", "Две группы"]
    result = run_import("agreements", csv_bytes([HEADER_EN, row]), "agreements.csv", users["college_admin"])
    assert result.ok, result.errors
    agreement.refresh_from_db()
    assert (agreement.status, agreement.students_covered, agreement.subject) == ("suspended", 40, "Две группы")


def test_a_college_imports_its_own_agreements_only(users, college, other_college, enterprise, other_enterprise):
    coordinator = users["dual_coordinator"]
    data = rows(college, enterprise, other_enterprise)
    data[1][0] = other_college.bin
    result = run_import("agreements", csv_bytes([HEADER_EN, *data]), "agreements.csv", coordinator)
    assert not result.ok
    found = {(e.row, e.column): e.message for e in result.errors}
    assert college.bin in found[(3, "College BIN")]
    # a coordinator keeps drafts: rows 2 and 4 set a status
    assert set(found) == {(2, "Status"), (3, "College BIN"), (4, "Status")}
    drafts = [[""] + r[1:7] + [""] + r[8:] for r in rows(college, enterprise, other_enterprise)]
    result = run_import("agreements", csv_bytes([HEADER_EN, *drafts]), "agreements.csv", coordinator)
    assert result.ok, result.errors
    assert set(Agreement.objects.values_list("college_id", "status")) == {(college.pk, "draft")}


def test_an_enterprise_hr_may_not_import_agreements(users, college, enterprise, other_enterprise):
    result = run_import("agreements", csv_bytes([HEADER_EN, *rows(college, enterprise, other_enterprise)]),
                        "agreements.csv", users["enterprise_hr"])
    assert not result.ok and result.file_error
    assert not Agreement.objects.exists()


def test_the_export_is_scoped_like_the_list(users, agreement, other_agreement, other_college):
    theirs = make_agreement(other_college, agreement.enterprise, "Ч-9")
    for role, expected in (("analyst", {agreement.number, other_agreement.number, theirs.number}),
                           ("college_admin", {agreement.number}),
                           ("enterprise_hr", {agreement.number, theirs.number})):
        content = export("agreements", "csv", users[role])[0].decode("utf-8-sig")
        found = {a.number for a in (agreement, other_agreement, theirs) if a.number in content}
        assert found == expected, role
