"""Learning outcomes per qualification (an editable list, imported all-or-nothing from CSV/XLSX, exported) and
the logbooks' exports (a trainee's page, the trainees page, `kasip dual export-logbook(s)`)."""

import csv
import datetime as dt
import io
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from kasip.core.imports import run_import
from kasip.dual import services
from kasip.dual.models import LearningOutcome
from tests.conftest import csv_bytes, xlsx_bytes
from tests.dual.logbook_fixtures import *  # noqa: F403
from tests.dual.logbook_fixtures import last_monday


def test_college_staff_add_an_outcome_to_a_qualification(client_for, qualification):
    response = client_for("dual_coordinator").post("/learning-outcomes/new/", {
        "qualification": qualification.pk, "code": "ро5", "name_kk": "Құрастыру", "name_ru": "Сборка",
        "position": "5", "is_active": "on"}, follow=True)
    assert "Saved." in response.content.decode()
    assert LearningOutcome.objects.get().code == "РО5"


def test_a_code_repeated_within_a_qualification_is_refused(client_for, outcomes, qualification):
    response = client_for("dual_coordinator").post("/learning-outcomes/new/", {
        "qualification": qualification.pk, "code": "РО1", "name_kk": "Қайта", "position": "1"})
    assert "already" in response.content.decode()
    assert LearningOutcome.objects.count() == 3


def test_outcomes_import_from_a_file_with_russian_headers(users, qualification):
    data = csv_bytes([["Код квалификации", "Код результата", "Наименование на казахском", "Наименование", "№"],
                      ["3W07150501", "РО1", "Дәнекерлеу", "Сварка", "1"],
                      ["3W07150501", "РО2", "Кесу", "Резка", "2"]])
    result = run_import("learning-outcomes", data, "outcomes.csv", users["dual_coordinator"])
    assert result.ok and result.created == 2
    assert list(LearningOutcome.objects.values_list("code", "name_ru")) == [("РО1", "Сварка"), ("РО2", "Резка")]


def test_a_bad_outcomes_file_writes_nothing_and_names_every_bad_row(users, qualification):
    data = xlsx_bytes([["Qualification code", "Outcome code", "Name (Kazakh)", "Position"],
                       ["3W07150501", "РО1", "Дәнекерлеу", "1"],
                       ["9X99999999", "РО2", "Кесу", "2"],
                       ["3W07150501", "РО3", "", "x"],
                       ["3W07150501", "РО1", "Қайталау", "4"]])
    result = run_import("learning-outcomes", data, "outcomes.xlsx", users["region_admin"])
    assert not result.ok and not LearningOutcome.objects.exists()
    errors = {(e.row, e.column, e.message) for e in result.errors}
    assert (3, "Qualification code", "No qualification 9X99999999.") in errors
    assert (4, "Name (Kazakh)", "The Kazakh name is required.") in errors
    assert any(e.row == 4 and e.column == "Position" for e in result.errors)
    assert any(e.row == 5 and "repeats row 2" in e.message for e in result.errors)


def test_an_exported_outcomes_file_imports_back_without_duplicates(client_for, users, outcomes):
    response = client_for("dual_coordinator").get("/exports/learning-outcomes.csv")
    assert response.status_code == 200
    result = run_import("learning-outcomes", response.content, "back.csv", users["dual_coordinator"])
    assert result.ok and result.created == 0 and result.updated == 3


def test_only_college_staff_and_the_region_admin_import_outcomes(users, qualification):
    data = csv_bytes([["Qualification code", "Outcome code", "Name (Kazakh)"], ["3W07150501", "РО1", "Нәтиже"]])
    result = run_import("learning-outcomes", data, "o.csv", users["enterprise_hr"])
    assert not result.ok and "You may not import" in result.file_error


def test_the_outcomes_import_runs_from_the_command_line(users, qualification, tmp_path):
    path = tmp_path / "o.csv"
    path.write_bytes(csv_bytes([["Qualification code", "Outcome code", "Name (Kazakh)"],
                                ["3W07150501", "РО1", "Нәтиже"]]))
    call_command("import", "learning-outcomes", str(path), stdout=StringIO(), stderr=StringIO())
    assert LearningOutcome.objects.filter(code="РО1").exists()


@pytest.fixture
def logged(contract):
    entry = services.create_entry(None, contract, date=last_monday(), starts_at=dt.time(9), ends_at=dt.time(12),
                                  location="enterprise", tasks="Сварка стыков")
    services.sign_entry(None, entry)
    return contract


def test_the_trainees_logbook_downloads_as_csv(client_for, logged):
    response = client_for("student").get(f"/trainees/{logged.pk}/logbook.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["Contract", "Student", "Group", "Enterprise", "Date"]
    assert rows[1][0] == logged.number and rows[1][9] == "Сварка стыков" and rows[1][11] == "signed off"


def test_the_college_downloads_its_trainees_logbooks(client_for, logged, make_contract):
    make_contract()
    response = client_for("dual_coordinator").get("/trainees/logbooks.xlsx")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")


def test_export_logbook_from_the_command_line(logged, tmp_path):
    out = tmp_path / "logbook.csv"
    stdout = StringIO()
    call_command("dual", "export-logbook", logged.number, "--out", str(out), stdout=stdout)
    assert "1 logbook(s) written" in stdout.getvalue()
    assert "Сварка стыков" in out.read_text(encoding="utf-8-sig")


def test_export_logbooks_of_a_college_from_the_command_line(logged, college, tmp_path):
    out = tmp_path / "all.xlsx"
    call_command("dual", "export-logbooks", "--college", college.bin, "--out", str(out), stdout=StringIO())
    assert out.read_bytes()[:2] == b"PK"


def test_the_command_line_names_bad_arguments(logged, tmp_path):
    with pytest.raises(CommandError, match="--out: give a file name ending in .xlsx or .csv"):
        call_command("dual", "export-logbook", logged.number, "--out", str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError, match="CONTRACT: no contract “NOPE”"):
        call_command("dual", "export-logbook", "NOPE", "--out", str(tmp_path / "x.csv"))
    with pytest.raises(CommandError, match="--college: no college with BIN"):
        call_command("dual", "export-logbooks", "--college", "000000000000", "--out", str(tmp_path / "x.csv"))
    with pytest.raises(CommandError, match="--date: “yesterday” is not a date"):
        call_command("dual", "check-progress", "--date", "yesterday")
