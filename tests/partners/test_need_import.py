"""Importing workforce needs: every bad row reported with its column, nothing written; files round-trip."""

import pytest

from kasip.core.imports import run_import
from kasip.core.validators import make_bin
from kasip.partners.models import WorkforceNeed
from tests.conftest import csv_bytes, xlsx_bytes

HEADER_EN = ["Enterprise BIN", "Occupation", "Occupation code", "Qualification code", "Qualification level",
             "Number of people", "Year", "District КАТО", "Comment"]
HEADER_RU = ["БИН предприятия", "Профессия", "Код НК РК", "Код квалификации", "Уровень квалификации", "Количество",
             "Год", "Код КАТО", "Примечание"]
HEADER_KK = ["Кәсіпорын БСН", "Кәсіп атауы", "Кәсіп коды", "Біліктілік коды", "Біліктілік деңгейі", "Адам саны",
             "Жыл", "ӘАОЖ", "Ескерту"]


def rows(enterprise, other_enterprise):
    return [
        [enterprise.bin, "Электрогазосварщик", "7212", "3W07150501", "2", "15", "2026", "352410000", "Прокатный цех"],
        [other_enterprise.bin, "Машинист экскаватора", "8342-1", "", "", "4", "2027", "351010000", ""],
    ]


@pytest.mark.parametrize("header", [HEADER_EN, HEADER_RU, HEADER_KK], ids=["en", "ru", "kk"])
def test_it_imports_needs_with_headers_in_any_language(header, users, enterprise, other_enterprise, qualification):
    result = run_import("needs", csv_bytes([header, *rows(enterprise, other_enterprise)]), "needs.csv",
                        users["region_admin"])
    assert result.ok, (result.file_error, result.errors)
    assert result.created == 2
    welder = WorkforceNeed.objects.get(occupation_code="7212")
    assert (welder.enterprise, welder.qualification, welder.skill_level, welder.count, welder.year) == (
        enterprise, qualification, 2, 15, 2026)
    assert welder.district.kato == "352410000" and welder.comment == "Прокатный цех"
    assert WorkforceNeed.objects.get(occupation_code="8342-1").enterprise == other_enterprise


def test_it_reads_xlsx_with_numbers_in_number_cells(users, enterprise, other_enterprise, qualification):
    data = xlsx_bytes([HEADER_EN, [enterprise.bin, "Электрогазосварщик", 7212, "3W07150501", 2, 15, 2026, 352410000,
                                   None]])
    result = run_import("needs", data, "needs.xlsx", users["region_admin"])
    assert result.ok, (result.file_error, result.errors)
    assert WorkforceNeed.objects.get().count == 15


def test_it_reports_every_bad_row_with_its_column_and_writes_nothing(users, enterprise, other_enterprise,
                                                                      qualification):
    unknown_bin = make_bin(2010, 10, 999)
    bad = [
        [unknown_bin, "Токарь", "7223", "", "", "3", "2026", "351010000", ""],          # row 4
        [enterprise.bin, "", "72", "", "", "0", "1999", "999999999", ""],               # row 5
        [enterprise.bin, "Токарь", "7223", "9Z99999999", "7", "два", "2026", "", ""],   # row 6
    ]
    result = run_import("needs", csv_bytes([HEADER_EN, *rows(enterprise, other_enterprise), *bad]), "needs.csv",
                        users["region_admin"])
    assert not result.ok
    found = {(e.row, e.column) for e in result.errors}
    assert found == {
        (4, "Enterprise BIN"),
        (5, "Occupation"), (5, "Occupation code"), (5, "Number of people"), (5, "Year"), (5, "District КАТО"),
        (6, "Qualification code"), (6, "Qualification level"), (6, "Number of people"), (6, "District КАТО"),
    }
    messages = {(e.row, e.column): e.message for e in result.errors}
    assert unknown_bin in messages[(4, "Enterprise BIN")]
    assert "999999999" in messages[(5, "District КАТО")]
    assert "4110-9" in messages[(5, "Occupation code")]
    assert "9Z99999999" in messages[(6, "Qualification code")]
    assert not WorkforceNeed.objects.exists()


def test_it_refuses_the_same_need_repeated_in_the_file(users, enterprise, other_enterprise, qualification):
    data = rows(enterprise, other_enterprise)
    result = run_import("needs", csv_bytes([HEADER_EN, *data, data[0]]), "needs.csv", users["region_admin"])
    assert not result.ok
    assert [(e.row, e.column) for e in result.errors] == [(4, "Occupation")]
    assert "row 2" in result.errors[0].message
    assert not WorkforceNeed.objects.exists()


def test_it_names_the_missing_required_columns(users):
    result = run_import("needs", csv_bytes([["Enterprise BIN", "Occupation"], ["x", "y"]]), "needs.csv",
                        users["region_admin"])
    assert not result.ok
    for label in ("Number of people", "Year", "District КАТО"):
        assert label in result.file_error


def test_an_enterprise_hr_imports_its_own_needs_only(users, enterprise, other_enterprise, qualification):
    hr = users["enterprise_hr"]
    result = run_import("needs", csv_bytes([HEADER_EN, *rows(enterprise, other_enterprise)]), "needs.csv", hr)
    assert not result.ok
    assert [(e.row, e.column) for e in result.errors] == [(3, "Enterprise BIN")]
    assert enterprise.bin in result.errors[0].message
    own = [[r[0] if i == 0 else "", *r[1:]] for i, r in enumerate(rows(enterprise, other_enterprise))]
    result = run_import("needs", csv_bytes([HEADER_EN, *own]), "needs.csv", hr)
    assert result.ok, result.errors
    assert set(WorkforceNeed.objects.values_list("enterprise_id", flat=True)) == {enterprise.pk}


@pytest.mark.parametrize("role", ["analyst", "college_admin", "mentor", "student", "customer"])
def test_other_roles_may_not_import_needs(client_for, users, role):
    assert client_for(role).get("/imports/needs/").status_code == 403


def test_the_export_imports_back_without_duplicates(client_for, users, enterprise, other_enterprise, qualification):
    assert run_import("needs", csv_bytes([HEADER_RU, *rows(enterprise, other_enterprise)]), "needs.csv",
                      users["region_admin"]).ok
    before = sorted(WorkforceNeed.objects.values_list("enterprise_id", "occupation_title", "occupation_code",
                                                      "qualification_id", "skill_level", "count", "year",
                                                      "district_id", "comment"))
    exported = client_for("analyst").get("/exports/needs.xlsx").content
    result = run_import("needs", exported, "needs.xlsx", users["region_admin"])
    assert result.ok, result.errors
    assert (result.created, result.updated) == (0, 2)
    WorkforceNeed.objects.all().delete()
    assert run_import("needs", exported, "needs.xlsx", users["region_admin"]).created == 2
    after = sorted(WorkforceNeed.objects.values_list("enterprise_id", "occupation_title", "occupation_code",
                                                     "qualification_id", "skill_level", "count", "year",
                                                     "district_id", "comment"))
    assert after == before


def test_an_enterprise_hr_exports_only_its_own_needs(client_for, users, need, other_need):
    text = client_for("enterprise_hr").get("/exports/needs.csv").content.decode("utf-8-sig")
    assert text.splitlines()[0] == ",".join(HEADER_EN)
    assert need.occupation_title in text and other_need.occupation_title not in text
