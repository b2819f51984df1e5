"""Imports of the classifier, programmes, intakes, groups, enterprises and sites."""

import pytest

from kasip.core.imports import run_import
from kasip.core.validators import make_bin
from kasip.registry.models import (
    Enterprise,
    EnterpriseSite,
    Group,
    Programme,
    ProgrammeIntake,
    Qualification,
    Specialty,
)
from tests.helpers import csv_bytes


@pytest.fixture
def classifier(db):
    rows = [["Код специальности", "Наименование на казахском", "Наименование"],
            ["07150500", "Дәнекерлеу ісі", "Сварочное дело"], ["07130100", "Электр жабдықтары", "Электрооборудование"]]
    return run_import("specialties", csv_bytes(rows), "s.csv", None)


def test_the_classifier_imports_and_checks_code_formats(users, classifier):
    assert classifier.ok and Specialty.objects.count() == 2
    rows = [["Qualification code", "Name (Kazakh)"], ["3W07150501", "Электргазымен пісіруші"],
            ["5AB07150502", "Қолданбалы бакалавр"], ["3W0715050", "Қате"], ["4S09990001", "Мамандығы жоқ"],
            ["3W07150503", ""]]
    result = run_import("qualifications", csv_bytes(rows), "q.csv", users["region_admin"])
    errors = {(e.row, e.column): e.message for e in result.errors}
    assert "a level digit, 1-2 letters and 8 digits" in errors[(4, "Qualification code")]
    assert "No specialty 09990000" in errors[(5, "Qualification code")]
    assert (6, "Name (Kazakh)") in errors
    assert Qualification.objects.count() == 0
    result = run_import("qualifications", csv_bytes(rows[:3]), "q.csv", users["region_admin"])
    assert result.ok
    assert Qualification.objects.get(code="5AB07150502").level == 5


def test_only_the_region_admin_imports_the_classifier(users):
    rows = [["Specialty code", "Name (Kazakh)"], ["07150500", "Дәнекерлеу ісі"]]
    refused = run_import("specialties", csv_bytes(rows), "s.csv", users["college_admin"])
    assert "may not import" in refused.file_error
    assert not Specialty.objects.exists()
    assert run_import("specialties", csv_bytes(rows), "s.csv", users["region_admin"]).ok


@pytest.fixture
def qualification(users, classifier):
    run_import("qualifications", csv_bytes([["Qualification code", "Name (Kazakh)"], ["3W07150501", "Дәнекерлеуші"]]),
               "q.csv", users["region_admin"])
    return Qualification.objects.get()


PROGRAMME_HEADER = ["Код квалификации", "Язык обучения", "На базе", "Форма обучения", "Часы теории", "Часы практики",
                    "Всего часов", "Дуальное обучение"]


def test_a_college_imports_its_programmes_and_intakes(users, qualification, college):
    rows = [PROGRAMME_HEADER, ["3W07150501", "казахский", "9 классов", "очная", "1500", "1400", "2900", "да"],
            ["3W07150501", "рус", "11", "", "1000", "900", "1900", "нет"]]
    result = run_import("programmes", csv_bytes(rows), "p.csv", users["college_admin"])
    assert result.ok, result.errors
    assert Programme.objects.filter(college=college).count() == 2
    assert Programme.objects.get(language="kk").is_dual
    intake = [["Qualification code", "Language of study", "Base of education", "Year", "State order",
               "Enterprise order", "Paid"], ["3W07150501", "kk", "9", "2025", "25", "5", "3"]]
    result = run_import("intakes", csv_bytes(intake), "i.csv", users["college_admin"])
    assert result.ok, result.errors
    assert ProgrammeIntake.objects.get().total == 33


def test_planned_hours_that_do_not_add_up_are_refused(users, qualification, college):
    rows = [PROGRAMME_HEADER, ["3W07150501", "kk", "9", "", "1500", "1400", "3000", "нет"],
            ["3W99999999", "kk", "9", "", "1", "1", "2", "нет"], ["3W07150501", "de", "10", "", "x", "1", "2", "может"]]
    result = run_import("programmes", csv_bytes(rows), "p.csv", users["college_admin"])
    errors = {(e.row, e.column): e.message for e in result.errors}
    assert "do not add up" in errors[(2, "Total planned hours")]
    assert "Unknown qualification code" in errors[(3, "Qualification code")]
    assert {(4, "Language of study"), (4, "Base of education"), (4, "Hours of theory"), (4, "Dual training")} <= set(errors)
    assert Programme.objects.count() == 0


def test_groups_import_against_the_colleges_programmes(users, qualification, college):
    run_import("programmes", csv_bytes([PROGRAMME_HEADER, ["3W07150501", "kk", "9", "", "1", "1", "2", "нет"]]),
               "p.csv", users["college_admin"])
    rows = [["Группа", "Код квалификации", "Язык обучения", "На базе", "Год поступления"],
            ["СВ-25-1", "3W07150501", "kk", "9", "2025"], ["СВ-25-2", "3W07150501", "ru", "9", "2025"]]
    result = run_import("groups", csv_bytes(rows), "g.csv", users["dual_coordinator"])
    assert [(e.row, e.column) for e in result.errors] == [(3, "Qualification code")]
    result = run_import("groups", csv_bytes(rows[:2]), "g.csv", users["dual_coordinator"])
    assert result.ok and Group.objects.get().college == college


def test_enterprises_and_sites_import_with_their_codes_checked(users, region):
    bin_ = make_bin(2009, 9, 99)
    rows = [["БИН", "Атауы", "Код КАТО", "Код ОКЭД", "Численность"],
            [bin_, "Болат зауыты", "352410000", "24100", "1200"],
            [make_bin(2009, 9, 98), "Көмір", "999999999", "2410", "много"]]
    result = run_import("enterprises", csv_bytes(rows), "e.csv", users["region_admin"])
    errors = {(e.row, e.column) for e in result.errors}
    assert errors == {(3, "District КАТО"), (3, "ОКЭД code"), (3, "Headcount")}
    assert not Enterprise.objects.filter(bin=bin_).exists()
    assert run_import("enterprises", csv_bytes(rows[:2]), "e.csv", users["region_admin"]).ok
    sites = [["Enterprise BIN", "Site", "District КАТО", "Hazardous work"], [bin_, "Домна №2", "352410000", "да"]]
    assert run_import("sites", csv_bytes(sites), "s.csv", users["region_admin"]).ok
    assert EnterpriseSite.objects.get(name="Домна №2").hazardous


def test_a_duplicate_bin_in_an_enterprise_file_is_refused(users, region):
    bin_ = make_bin(2009, 9, 99)
    rows = [["BIN", "Name (Kazakh)", "District КАТО", "ОКЭД code"], [bin_, "A", "352410000", "24100"],
            [bin_, "B", "352410000", "24100"]]
    result = run_import("enterprises", csv_bytes(rows), "e.csv", users["region_admin"])
    assert [(e.row, e.column) for e in result.errors] == [(3, "BIN")]


def test_an_oked_code_outside_the_classifiers_divisions_is_refused(users, region):
    rows = [["BIN", "Name (Kazakh)", "District КАТО", "ОКЭД code"], [make_bin(2009, 9, 97), "A", "352410000", "04100"]]
    result = run_import("enterprises", csv_bytes(rows), "e.csv", users["region_admin"])
    assert [(e.column, "division 04" in e.message) for e in result.errors] == [("ОКЭД code", True)]


def test_districts_import_with_their_region(users, region):
    rows = [["КАТО коды", "Атауы", "Наименование", "Вид"], ["353200000", "Абай ауданы", "Абайский район", "район"],
            ["123", "Қате", "", ""]]
    result = run_import("districts", csv_bytes(rows), "d.csv", users["region_admin"])
    assert {(e.row, e.column) for e in result.errors} == {(3, "КАТО code"), (3, "Region КАТО")}
    assert run_import("districts", csv_bytes(rows[:2]), "d.csv", users["region_admin"]).ok
    from kasip.registry.models import District

    assert District.objects.get(kato="353200000").region == region
