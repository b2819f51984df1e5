"""Bulk accounts: a file of people becomes accounts with invitation links, or a report."""

from django.core import mail

from kasip.core.imports import run_import
from kasip.core.models import User
from tests.conftest import csv_bytes

HEADER_RU = ["Фамилия", "Имя", "Отчество", "Эл. почта", "Роль", "БИН организации", "ИИН"]


def test_it_creates_accounts_and_sends_each_an_invitation(users, college, django_capture_on_commit_callbacks):
    rows = [HEADER_RU,
            ["Ахметова", "Дана", "", "dana@example.kz", "Студент", college.bin, "080517601230"],
            ["Ким", "Олег", "Петрович", "oleg@example.kz", "dual_coordinator", college.bin, ""]]
    with django_capture_on_commit_callbacks(execute=True):
        result = run_import("users", csv_bytes(rows), "people.csv", users["region_admin"])
    assert result.ok, result.errors
    assert User.objects.get(email="dana@example.kz").role == "student"
    assert sorted(m.to[0] for m in mail.outbox) == ["dana@example.kz", "oleg@example.kz"]
    assert all("/invite/" in m.body for m in mail.outbox)


def test_a_college_admin_imports_into_its_own_college_only(users, college, other_college):
    rows = [HEADER_RU, ["Ахметова", "Дана", "", "dana@example.kz", "student", other_college.bin, ""]]
    result = run_import("users", csv_bytes(rows), "people.csv", users["college_admin"])
    assert not result.ok
    assert result.errors[0].column == "Role"
    assert "may not create" in result.errors[0].message
    # without the BIN column the college admin's own college is used
    rows = [HEADER_RU[:5], ["Ахметова", "Дана", "", "dana@example.kz", "student"]]
    result = run_import("users", csv_bytes(rows), "people.csv", users["college_admin"])
    assert result.ok
    assert User.objects.get(email="dana@example.kz").organisation_id == college.pk


def test_it_reports_each_bad_row_and_creates_no_account(users, college):
    rows = [HEADER_RU,
            ["Ахметова", "Дана", "", "not-an-email", "student", college.bin, ""],
            ["", "Олег", "", "oleg@example.kz", "wizard", college.bin, "123"],
            ["Ким", "Ли", "", "student@example.kz", "student", "000000000000", ""],
            ["Ким", "Ли", "", "li@example.kz", "student", college.bin, ""],
            ["Ким", "Ли", "", "li@example.kz", "student", college.bin, ""]]
    before = User.objects.count()
    result = run_import("users", csv_bytes(rows), "people.csv", users["region_admin"])
    assert not result.ok
    errors = {(e.row, e.column) for e in result.errors}
    assert {(2, "E-mail"), (3, "Last name"), (3, "Role"), (3, "IIN"), (4, "E-mail"), (4, "Organisation BIN"),
            (6, "E-mail")} <= errors
    assert User.objects.count() == before
