"""A region admin imports colleges through the browser: a bad file, its report, the fixed file.

Also the public landing page: its chart and figures without login, and no CSP violations.
"""

from __future__ import annotations

import csv
import re

import pytest
from playwright.sync_api import expect

from kasip.core.validators import make_bin
from kasip.registry.models import College, District

pytestmark = pytest.mark.browser

HEADERS = ["BIN", "Name (Kazakh)", "Name (Russian)", "District КАТО", "Ownership", "Languages of instruction"]
GOOD_BIN = make_bin(1998, 3, 11)
OTHER_BIN = make_bin(1999, 4, 22)
BAD_BIN = OTHER_BIN[:-1] + str((int(OTHER_BIN[-1]) + 1) % 10)


def college_rows(second_bin: str) -> list[list[str]]:
    return [
        HEADERS,
        [GOOD_BIN, "Қарағанды политехникалық колледжі", "Карагандинский политехнический колледж", "351010000",
         "state", "kk, ru"],
        [second_bin, "Қарағанды гуманитарлық колледжі", "Карагандинский гуманитарный колледж", "351010000",
         "private", "ru"],
    ]


def write_csv(path, rows: list[list[str]]):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


def csp_violations(page) -> list[str]:
    return [text for _type, text in page.console_messages if "Content Security Policy" in text]


def log_in(page, user) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", user.plain_password)
    page.locator("main").get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/home/$"))


def upload(page, path) -> None:
    page.goto("/imports/colleges/")
    expect(page.locator("h1")).to_contain_text("Import")
    page.set_input_files("input[name=file]", str(path))
    page.locator("main form").get_by_role("button", name="Import").click()
    page.wait_for_url(re.compile(r"/jobs/\d+/$"))


def test_region_admin_imports_colleges_fixes_errors_and_switches_to_kazakh(page, region_admin, tmp_path):
    log_in(page, region_admin)

    # A file with a BIN whose check digit is wrong: a report of the bad row, nothing saved.
    upload(page, write_csv(tmp_path / "colleges.csv", college_rows(BAD_BIN)))
    job = page.locator(".job")
    expect(job).to_have_attribute("data-status", "failed")
    failure = page.get_by_role("alert")
    expect(failure).to_contain_text("Nothing was saved")
    report_rows = page.locator("table.report tbody tr")
    expect(report_rows).to_have_count(1)
    cells = report_rows.first.locator("td")
    expect(cells.nth(0)).to_have_text("3")
    expect(cells.nth(1)).to_have_text("BIN")
    expect(cells.nth(2)).to_contain_text("check digit")
    assert not College.objects.exists()

    # The fixed file imports both colleges.
    upload(page, write_csv(tmp_path / "colleges-fixed.csv", college_rows(OTHER_BIN)))
    expect(page.locator(".job")).to_have_attribute("data-status", "succeeded")
    expect(page.get_by_role("status").filter(has_text="Import finished")).to_contain_text("2 created, 0 updated")
    assert set(College.objects.values_list("bin", flat=True)) == {GOOD_BIN, OTHER_BIN}
    assert set(College.objects.values_list("district", flat=True)) == {District.objects.get(kato="351010000").pk}

    # Both appear in the directory (English interface: the Russian name stands in for the English one).
    page.goto("/colleges/")
    rows = page.locator("#rows table tbody")
    expect(rows).to_contain_text("Карагандинский политехнический колледж")
    expect(rows).to_contain_text("Карагандинский гуманитарный колледж")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    # The language switcher posts to set_language and comes back to the same page in Kazakh.
    page.locator("form.lang").get_by_role("button", name="ҚАЗ").click()
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", "kk")
    expect(page).to_have_url(re.compile(r"/colleges/$"))
    expect(page.locator("form.lang").get_by_role("button", name="ҚАЗ")).to_have_attribute("aria-current", "true")
    language_cookie = [c for c in page.context.cookies() if c["name"] == "kasip_language"]
    assert language_cookie and language_cookie[0]["value"] == "kk"


def test_landing_page_shows_chart_and_figures_without_login(page, region):
    district = District.objects.get(kato="351010000")
    College.objects.create(bin=GOOD_BIN, name_kk="Қарағанды политехникалық колледжі",
                           name_ru="Карагандинский политехнический колледж", district=district, languages="kk,ru")
    College.objects.create(bin=OTHER_BIN, name_kk="Қарағанды гуманитарлық колледжі",
                           name_ru="Карагандинский гуманитарный колледж", district=district, languages="ru",
                           ownership="private")

    response = page.goto("/")
    assert response is not None and response.status == 200
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator("figure.chart svg")).to_have_count(1)  # colleges by district; no students yet
    # colleges, students, dual share, programmes, enterprises, state, private, districts and cities
    figures = page.locator("ul.figures li")
    expect(figures).to_have_count(8)
    expect(figures.locator("strong")).to_have_text(["2", "0", "0.0 %", "0", "0", "1", "1", "2"])
    expect(figures.nth(7)).to_contain_text("districts and cities")
    expect(page.locator("header .account")).to_contain_text("Log in")
    page.wait_for_load_state("load")
    assert csp_violations(page) == [], csp_violations(page)
