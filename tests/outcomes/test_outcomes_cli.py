"""The command line: `kasip import employment FILE` (the generic import) and `kasip outcomes-report`."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kasip.outcomes.models import EmploymentRecord
from tests.conftest import csv_bytes

from .test_employment_import import HEADER_EN


def report(*args) -> str:
    out = io.StringIO()
    call_command("outcomes-report", *args, stdout=out)
    return out.getvalue()


def test_the_report_prints_the_rate_with_n_and_its_interval(outcomes_region):
    text = report("--year", "2024", "--months", "12")
    assert "leaving out of the denominator" in text
    total = [line for line in text.splitlines() if line.startswith("All graduates")][0].split()
    assert total[2:] == ["14", "11", "9", "81.8", "52.3–94.9", "87.5"]


def test_the_report_breaks_down_by_college_and_suppresses_small_cells(outcomes_region, college, other_college,
                                                                     users):
    text = report("--year", "2024", "--by", "college")
    line = [row for row in text.splitlines() if row.startswith(other_college.name)][0]
    assert "—" in line and "suppressed" in text
    assert [row for row in text.splitlines() if row.startswith(college.name)][0].split()[-6:-3] == ["12", "10", "8"]
    admin = report("--year", "2024", "--by", "college", "--as", users["region_admin"].username)
    assert [row for row in admin.splitlines() if row.startswith(other_college.name)][0].split()[-6:-3] == [
        "2", "1", "1"]


@pytest.mark.parametrize("by,label", [("dual", "Dual training"), ("programme", "4S07150503"), ("year", "2024")])
def test_the_report_breaks_down_by_dual_programme_and_year(outcomes_region, by, label):
    assert any(line.startswith(label) for line in report("--by", by).splitlines())


@pytest.mark.parametrize("args,message", [(["--months", "9"], "invalid choice"), (["--by", "district"], "invalid choice"),
                                          (["--year", "1700"], "--year"), (["--college", "999999"], "--college"),
                                          (["--as", "nobody"], "--as")])
def test_bad_arguments_are_refused_with_a_message(db, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("outcomes-report", *args, stdout=io.StringIO())


def test_kasip_import_employment_reads_a_file_and_reports_bad_rows(tmp_path, users, graduated):
    good = tmp_path / "outcomes.csv"
    good.write_bytes(csv_bytes([HEADER_EN, [graduated.student.iin, "", "12", "unemployed", "", "", "", "", "", "",
                                            "survey", "01.07.2025"]]))
    out = io.StringIO()
    call_command("import", "employment", str(good), stdout=out, stderr=io.StringIO())
    assert "1 created" in out.getvalue() and EmploymentRecord.objects.count() == 1
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes([HEADER_EN, [graduated.student.iin, "", "7", "unemployed", "", "", "", "", "", "",
                                           "", ""]]))
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import", "employment", str(bad), stdout=io.StringIO(), stderr=err)
    assert "row 2" in err.getvalue() and "Months after graduation" in err.getvalue()
