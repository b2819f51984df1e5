"""A college admin imports a student file exported from НОБД with one bad row, fixes it,
imports it, and finds a student by IIN."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect
from tests.helpers import PASSWORD, make_user, xlsx_bytes

from kasip.core.models import Role
from kasip.core.validators import make_iin
from kasip.registry.models import (
    College,
    District,
    Group,
    Programme,
    Qualification,
    Specialty,
    Student,
)

pytestmark = pytest.mark.browser

HEADER = ["Идентификатор НОБД", "ИИН", "Фамилия", "Имя", "Отчество", "Дата рождения", "Группа", "На базе",
          "Источник финансирования", "Номер приказа о зачислении", "Дата приказа о зачислении"]
IIN_A = make_iin(dt.date(2008, 2, 14), "F", 11)
IIN_B = make_iin(dt.date(2007, 9, 30), "M", 12)


def nobd_file(path, group_of_b: str):
    rows = [HEADER, ["NOBD-77001", IIN_A, "Әлімова", "Дана", "Серікқызы", "14.02.2008", "ЭМ-24-1", "9 классов",
                     "госзаказ", "101-к", "25.08.2024"],
            ["NOBD-77002", IIN_B, "Петров", "Илья", "", "30.09.2007", group_of_b, "9 классов", "платное", "101-к",
             "25.08.2024"]]
    path.write_bytes(xlsx_bytes(rows))
    return path


@pytest.fixture
def college_admin(transactional_db, region):
    college = College.objects.create(bin="980340000111", name_kk="Теміртау политехникалық колледжі",
                                     name_ru="Темиртауский политехнический колледж", languages="kk,ru",
                                     district=District.objects.get(kato="352410000"))
    specialty = Specialty.objects.create(code="07130100", name_kk="Электр жабдықтары", name_ru="Электрооборудование")
    qualification = Qualification.objects.create(code="3W07130101", specialty=specialty, name_kk="Электр монтері")
    programme = Programme.objects.create(college=college, qualification=qualification, language="kk", base="9",
                                         hours_theory=1500, hours_practice=1400, hours_total=2900, is_dual=True)
    Group.objects.create(college=college, programme=programme, code="ЭМ-24-1", admission_year=2024)
    user = make_user("college_admin", Role.COLLEGE_ADMIN, college)
    user.plain_password = PASSWORD
    return user


def test_college_admin_imports_a_nobd_export_and_finds_a_student(page, college_admin, tmp_path):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", college_admin.username)
    page.fill("input[name=password]", college_admin.plain_password)
    page.locator("main").get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/home/$"))

    # The export has a group code the college does not have: a report, nothing saved.
    page.goto("/students/")
    page.get_by_role("link", name="Import").click()
    page.set_input_files("input[name=file]", str(nobd_file(tmp_path / "nobd.xlsx", "ЭМ-24-9")))
    page.locator("main form").get_by_role("button", name="Import").click()
    page.wait_for_url(re.compile(r"/jobs/\d+/$"))
    expect(page.get_by_role("alert")).to_contain_text("Nothing was saved")
    rows = page.locator("table.report tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first.locator("td").nth(0)).to_have_text("3")
    expect(rows.first.locator("td").nth(1)).to_have_text("Group code")
    expect(rows.first.locator("td").nth(2)).to_contain_text("ЭМ-24-9")
    assert not Student.objects.exists()

    # Fixed: both students are stored.
    page.goto("/imports/students/")
    page.set_input_files("input[name=file]", str(nobd_file(tmp_path / "nobd-fixed.xlsx", "ЭМ-24-1")))
    page.locator("main form").get_by_role("button", name="Import").click()
    page.wait_for_url(re.compile(r"/jobs/\d+/$"))
    expect(page.locator(".job")).to_have_attribute("data-status", "succeeded")
    assert Student.objects.count() == 2

    # Find a student by IIN in the list, open the record.
    page.goto("/students/")
    page.fill("input[name=q]", IIN_B)
    expect(page.locator("#rows")).to_contain_text("1 record")
    page.get_by_role("link", name=re.compile("Петров")).click()
    expect(page.locator("h1")).to_contain_text("Петров Илья")
    expect(page.locator("dl.props")).to_contain_text(IIN_B)
