"""The kasip command line: demo, import, export, createuser, jobs."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kasip.core.models import Job, User
from kasip.core.validators import make_bin
from kasip.registry.models import College
from tests.conftest import csv_bytes

HEADER = ["БИН", "Атауы", "Код КАТО", "Языки обучения"]


def test_demo_loads_the_region_and_is_idempotent(db, capsys):
    call_command("demo")
    first = (College.objects.count(), User.objects.count())
    call_command("demo")
    assert (College.objects.count(), User.objects.count()) == first
    out = capsys.readouterr().out
    assert "region_admin" in out and "customer" in out
    assert first[0] >= 30
    assert {u.role for u in User.objects.all()} >= {"region_admin", "analyst", "college_admin", "dual_coordinator",
                                                     "enterprise_hr", "mentor", "student", "customer"}


def test_import_writes_the_rows_and_says_how_many(users, tmp_path, capsys):
    path = tmp_path / "colleges.csv"
    path.write_bytes(csv_bytes([HEADER, [make_bin(2012, 3, 9), "Жаңа колледж", "351010000", "қазақ, орыс"]], "kz1048"))
    call_command("import", "colleges", str(path))
    assert "1 created" in capsys.readouterr().out
    assert College.objects.get(name_kk="Жаңа колледж").languages == "kk,ru"
    assert Job.objects.get().status == "succeeded"


def test_import_prints_every_bad_row_and_writes_nothing(users, tmp_path, capsys):
    path = tmp_path / "colleges.csv"
    bad_bin = make_bin(2012, 3, 9)[:11] + str((int(make_bin(2012, 3, 9)[11]) + 1) % 10)
    path.write_bytes(csv_bytes([HEADER, [bad_bin, "Колледж", "351010000", "kk"], [make_bin(2012, 4, 1), "К", "1", "kk"]]))
    before = College.objects.count()
    with pytest.raises(CommandError, match="2 bad row"):
        call_command("import", "colleges", str(path))
    err = capsys.readouterr().err
    assert "row 2, column “BIN”" in err and "row 3, column “District КАТО”" in err
    assert College.objects.count() == before


@pytest.mark.parametrize("args,message", [
    (["planets", "x.csv"], "unknown kind"),
    (["colleges", "/no/such/file.csv"], "file not found"),
])
def test_import_names_the_bad_argument(users, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("import", *args)


def test_import_as_a_user_applies_the_users_policy(users, tmp_path):
    path = tmp_path / "c.csv"
    path.write_bytes(csv_bytes([HEADER, [make_bin(2012, 3, 9), "Колледж", "351010000", "kk"]]))
    with pytest.raises(CommandError, match="may not import"):
        call_command("import", "colleges", str(path), "--as", "student")


def test_export_writes_a_spreadsheet_that_imports_back(users, college, tmp_path):
    out = tmp_path / "colleges.xlsx"
    call_command("export", "colleges", str(out))
    from openpyxl import load_workbook

    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][0] == "BIN"
    assert rows[1][0] == college.bin
    College.objects.filter(pk=college.pk).update(name_ru="changed")
    call_command("import", "colleges", str(out))
    college.refresh_from_db()
    assert college.name_ru == "Карагандинский политехнический колледж"


def test_export_refuses_an_unknown_format(users, tmp_path):
    with pytest.raises(CommandError, match=".xlsx or .csv"):
        call_command("export", "colleges", str(tmp_path / "x.pdf"))


def test_createuser_prints_an_invitation_link(college, capsys):
    call_command("createuser", "head@example.kz", "--role", "college_admin", "--org", college.bin)
    assert "/invite/" in capsys.readouterr().out
    assert User.objects.get(username="head@example.kz").organisation_id == college.pk


@pytest.mark.parametrize("args,message", [
    (["x@example.kz", "--role", "college_admin", "--org", "000000000000"], "no organisation"),
    (["x@example.kz", "--role", "college_admin"], "organisation"),
])
def test_createuser_names_the_bad_argument(college, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("createuser", *args)


def test_jobs_lists_and_shows_a_job(users, capsys):
    job = Job.objects.create(kind="import:colleges", status="failed", created_by=users["region_admin"],
                             original_name="c.csv", report=[{"row": 4, "column": "BIN", "message": "bad"}])
    call_command("jobs")
    assert "import:colleges" in capsys.readouterr().out
    call_command("jobs", "--show", str(job.pk))
    assert "row 4, column “BIN”: bad" in capsys.readouterr().out
    with pytest.raises(CommandError, match="no job"):
        call_command("jobs", "--show", "999999")
