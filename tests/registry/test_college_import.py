"""Importing colleges: every bad row reported, nothing written; good files in every encoding."""

import pytest

from kasip.core.imports import run_import
from kasip.core.validators import make_bin
from kasip.registry.models import College
from tests.conftest import csv_bytes, xlsx_bytes

HEADER_EN = ["BIN", "Name (Kazakh)", "Name (Russian)", "District КАТО", "Ownership", "Languages of instruction"]
HEADER_RU = ["БИН", "Наименование на казахском", "Наименование", "Код КАТО", "Форма собственности", "Языки обучения"]
HEADER_KK = ["БСН", "Атауы", "Атауы орыс тілінде", "Аудан КАТО", "Меншік нысаны", "Оқыту тілі"]

GOOD_BIN_1 = make_bin(2003, 4, 101)
GOOD_BIN_2 = make_bin(2004, 5, 202)


def bad_check_digit(bin_: str) -> str:
    return bin_[:11] + str((int(bin_[11]) + 1) % 10)


def good_rows():
    return [
        [GOOD_BIN_1, "Қарағанды құрылыс колледжі", "Карагандинский строительный колледж", "351010000", "state", "kk, ru"],
        [GOOD_BIN_2, "Теміртау металлургия колледжі", "Темиртауский колледж металлургии", "352410000", "частный", "русский"],
    ]


@pytest.mark.parametrize("header", [HEADER_EN, HEADER_RU, HEADER_KK], ids=["en", "ru", "kk"])
def test_it_imports_colleges_with_headers_in_any_language(header, users):
    result = run_import("colleges", csv_bytes([header, *good_rows()]), "colleges.csv", users["region_admin"])
    assert result.ok, result.errors
    assert result.created == 2
    college = College.objects.get(bin=GOOD_BIN_2)
    assert college.ownership == "private"
    assert college.languages == "ru"
    assert College.objects.get(bin=GOOD_BIN_1).languages == "kk,ru"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251", "kz1048"])
def test_it_reads_every_encoding_officials_use(encoding, users):
    rows = [HEADER_RU, *good_rows()]
    if encoding == "cp1251":  # Windows-1251 has no Kazakh letters: such files carry Russian names only
        rows = [HEADER_RU, [GOOD_BIN_1, "Карагандинский колледж", "Карагандинский колледж", "351010000", "гос", "рус"]]
    result = run_import("colleges", csv_bytes(rows, encoding, delimiter=";"), "colleges.csv", users["region_admin"])
    assert result.ok, (result.file_error, result.errors)
    college = College.objects.get(bin=GOOD_BIN_1)
    if encoding != "cp1251":
        assert college.name_kk == "Қарағанды құрылыс колледжі"


def test_it_reads_xlsx(users):
    result = run_import("colleges", xlsx_bytes([HEADER_EN, *good_rows()]), "colleges.xlsx", users["region_admin"])
    assert result.ok
    assert College.objects.filter(bin__in=[GOOD_BIN_1, GOOD_BIN_2]).count() == 2


def test_it_reports_every_bad_row_and_writes_nothing(users):
    rows = [HEADER_EN, *good_rows(),
            [bad_check_digit(make_bin(2005, 6, 303)), "Колледж", "", "351010000", "state", "kk"],
            [make_bin(2006, 7, 404), "", "Без казахского названия", "999999999", "state", "kk"],
            [make_bin(2007, 8, 505), "Колледж", "", "351010000", "municipal", "klingon"]]
    result = run_import("colleges", csv_bytes(rows), "colleges.csv", users["region_admin"])
    assert not result.ok
    found = {(e.row, e.column) for e in result.errors}
    assert (4, "BIN") in found
    assert (5, "Name (Kazakh)") in found
    assert (5, "District КАТО") in found
    assert (6, "Ownership") in found
    assert (6, "Languages of instruction") in found
    assert any("check digit" in e.message for e in result.errors if e.row == 4)
    assert any("999999999" in e.message for e in result.errors if e.row == 5)
    assert College.objects.exclude(pk=users['college_admin'].organisation_id).count() == 0


def test_it_refuses_a_bin_repeated_in_the_file(users):
    rows = [HEADER_EN, *good_rows(), [GOOD_BIN_1, "Қайталау", "", "351010000", "state", "kk"]]
    result = run_import("colleges", csv_bytes(rows), "colleges.csv", users["region_admin"])
    assert not result.ok
    assert [(e.row, e.column) for e in result.errors] == [(4, "BIN")]
    assert "row 2" in result.errors[0].message
    assert College.objects.exclude(pk=users['college_admin'].organisation_id).count() == 0


def test_it_updates_a_college_already_registered(users, college):
    rows = [HEADER_EN, [college.bin, "Жаңа атау", "Новое название", "352410000", "state", "kk"]]
    result = run_import("colleges", csv_bytes(rows), "colleges.csv", users["region_admin"])
    assert result.ok and result.created == 0 and result.updated == 1
    college.refresh_from_db()
    assert college.name_ru == "Новое название"
    assert college.district.kato == "352410000"


def test_it_names_the_missing_required_columns(users):
    result = run_import("colleges", csv_bytes([["BIN", "Name (Russian)"], [GOOD_BIN_1, "Колледж"]]),
                        "colleges.csv", users["region_admin"])
    assert not result.ok
    assert "Name (Kazakh)" in result.file_error and "District КАТО" in result.file_error


@pytest.mark.parametrize("filename,data,message", [
    ("colleges.pdf", b"%PDF-1.4 ...", "Only CSV and XLSX"),
    ("colleges.csv", b"\x00\x01\x02binary\x00", "not a CSV or XLSX"),
    ("colleges.xlsx", b"not really a zip file", "damaged"),
    ("colleges.csv", b"", "empty"),
    ("colleges.csv", "БИН\n".encode(), "no data rows"),
])
def test_it_refuses_files_that_are_not_spreadsheets(users, filename, data, message):
    result = run_import("colleges", data, filename, users["region_admin"])
    assert not result.ok
    assert message in result.file_error


def test_it_refuses_oversized_files(users, settings):
    settings.KASIP_IMPORT_MAX_BYTES = 1000
    data = csv_bytes([HEADER_EN] + [[GOOD_BIN_1, "x" * 50, "", "351010000", "state", "kk"]] * 40)
    result = run_import("colleges", data, "colleges.csv", users["region_admin"])
    assert "too large" in result.file_error
    assert College.objects.exclude(pk=users['college_admin'].organisation_id).count() == 0


def test_it_refuses_huge_cells(users, settings):
    settings.KASIP_IMPORT_MAX_CELL = 100
    rows = [HEADER_EN, [GOOD_BIN_1, "Я" * 500, "", "351010000", "state", "kk"]]
    result = run_import("colleges", csv_bytes(rows), "colleges.csv", users["region_admin"])
    assert not result.ok
    assert result.errors[0].column == "Name (Kazakh)"
    assert "longer than 100" in result.errors[0].message
