"""Other outlooks beside Kasip's figures: the Ministry of Labour's forecast and the Atlas of new professions,
imported from a file (all or nothing, each bad row named), shown on an occupation's demand page and in the
regional report."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from kasip.core.imports import run_import
from kasip.labour import selectors
from kasip.labour.models import DemandCell, ExternalOutlook, NationalOccupation, Occupation
from kasip.registry.models import District
from tests.helpers import csv_bytes
from tests.labour.coding_fixtures import unit_groups  # noqa: F401

pytestmark = pytest.mark.django_db
HEADER = ["Источник", "Код профессии", "Профессия", "Год", "Потребность", "Статус", "КАТО"]


@pytest.fixture
def taxonomy(unit_groups, region):  # noqa: F811
    NationalOccupation.objects.create(code="7212-1", title_ru="Электросварщик", isco=Occupation.objects.get(code="7212"))


def test_a_file_of_both_sources_is_stored_and_imports_again_without_duplicates(taxonomy, users):
    data = csv_bytes([HEADER, ["МТСЗН", "7212-1", "Электросварщик", "2026", "1 200", "", ""],
                      ["ministry", "7212", "Сварщик", "2026", "80", "", "351010000"],
                      ["atlas", "2512", "Разработчик ИИ-решений", "", "", "новая", ""]])
    result = run_import("outlook", data, "outlook.csv", users["analyst"])
    assert result.ok, [e.as_dict() for e in result.errors]
    assert sorted(ExternalOutlook.objects.values_list("source", "isco08", "year", "value", "status",
                                                      "district__kato")) == [
        ("atlas", "2512", None, None, "new", None), ("ministry", "7212", 2026, 80, "", "351010000"),
        ("ministry", "7212", 2026, 1200, "", None)]
    again = run_import("outlook", data, "outlook.csv", users["analyst"])
    assert again.ok and ExternalOutlook.objects.count() == 3
    assert selectors.ministry_forecasts(2026) == {"7212": 1200}


def test_bad_rows_are_named_and_nothing_is_stored(taxonomy, users):
    data = csv_bytes([HEADER, ["gosplan", "7212", "", "2026", "5", "", ""],
                      ["ministry", "9999", "", "2026", "5", "", ""],
                      ["ministry", "7212", "", "", "", "", ""],
                      ["atlas", "2512", "", "", "", "", ""],
                      ["atlas", "2512", "", "", "", "исчезающая", ""],
                      ["ministry", "7212", "", "2026", "5", "", "999999999"]])
    result = run_import("outlook", data, "outlook.csv", users["region_admin"])
    assert not result.ok
    assert {(e.row, e.column) for e in result.errors} == {
        (2, "Source"), (3, "Occupation code"), (4, "Year"), (4, "Workers needed"), (5, "Mark"), (6, "Mark"),
        (7, "District КАТО")}
    assert not ExternalOutlook.objects.exists()
    refused = run_import("outlook", data, "outlook.csv", users["college_admin"])
    assert "may not import" in refused.file_error


def test_the_demand_page_and_the_report_show_them(taxonomy, users, client_for):
    karaganda = District.objects.get(kato="351010000")
    DemandCell.objects.create(isco08="7212", district=karaganda, month=dt.date(2025, 3, 1), postings=40, positions=40)
    run_import("outlook", csv_bytes([HEADER, ["ministry", "7212", "", "2026", "300", "", ""],
                                     ["atlas", "7212", "", "", "", "changing", ""]]), "o.csv", users["analyst"])
    page = client_for("college_admin").get("/demand/7212/").content.decode()
    assert "Ministry of Labour&#x27;s forecast" in page and "300" in page and "changing occupation" in page
    report = selectors.regional_report(year=2025)
    welders = next(r for r in report["in_demand"] if r["code"] == "7212")
    assert (welders["ministry"], welders["atlas"]) == (300, "changing")


def test_the_import_command_reads_the_file(taxonomy, users, tmp_path):
    path = tmp_path / "outlook.csv"
    path.write_bytes(csv_bytes([HEADER, ["atlas", "2512", "", "", "", "new", ""]]))
    out = io.StringIO()
    call_command("import", "outlook", str(path), stdout=out, stderr=io.StringIO())
    assert ExternalOutlook.objects.filter(isco08="2512", status="new").exists()


def test_a_national_code_and_its_unit_group_are_one_figure(taxonomy, users):
    data = csv_bytes([HEADER, ["ministry", "7212", "", "2026", "80", "", ""],
                      ["ministry", "7212-1", "", "2026", "90", "", ""]])
    result = run_import("outlook", data, "o.csv", users["analyst"])
    assert not result.ok and [(e.row, "repeats row 2" in e.message) for e in result.errors] == [(3, True)]
