"""An analyst works the coding queue with the keyboard: "1" confirms the current title's first suggestion, the
next title becomes current, "s" skips it. No CSP violation (the keys are a static script)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from tests.helpers import PASSWORD, make_user
from tests.labour.coding_fixtures import tiny_coder, unit_groups  # noqa: F401  (fixtures)

from kasip.labour.models import CodingItem, CodingStatus

pytestmark = pytest.mark.browser
TIMEOUT_MS = 15_000  # a loaded machine renders slowly


@pytest.fixture
def analyst(transactional_db, department, unit_groups, tiny_coder):  # noqa: F811
    from kasip.core.models import Role
    from kasip.labour import services

    services.enqueue_titles(["Мастер смены", "кочегар"], source="vacancy", counts=[5, 1])
    user = make_user("analyst", Role.ANALYST, department)
    user.plain_password = PASSWORD
    return user


def test_an_analyst_presses_1_and_the_title_is_confirmed(page, analyst):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", analyst.username)
    page.fill("input[name=password]", analyst.plain_password)
    page.locator("main").get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/home/$"))
    page.goto("/occupations/coding/")
    current = page.locator(".coding-item.current")
    expect(current.locator("h2")).to_have_text("Мастер смены", timeout=TIMEOUT_MS)
    page.keyboard.press("1")
    expect(page.locator(".messages")).to_contain_text("“Мастер смены”: confirmed as 5142", timeout=TIMEOUT_MS)
    master = CodingItem.objects.get(title="Мастер смены")
    assert master.status == CodingStatus.CONFIRMED and master.occupation.code == "5142"
    expect(page.locator(".coding-item.current h2")).to_have_text("кочегар", timeout=TIMEOUT_MS)
    page.keyboard.press("c")
    expect(page.locator(".coding-item.current input[data-code]")).to_be_focused()
    page.keyboard.press("Escape")
    page.keyboard.press("s")
    expect(page.locator(".messages")).to_contain_text("“кочегар” was set aside.", timeout=TIMEOUT_MS)
    assert CodingItem.objects.get(title="кочегар").status == CodingStatus.SKIPPED
    assert not [text for _type, text in page.console_messages if "Content Security Policy" in text]
