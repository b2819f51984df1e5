"""Fixtures for the Playwright browser tests: a live server, Debian's chromium, a region admin.

The settings for tests and the small region come from the repository's root conftest.py. Tasks
run eagerly, so an import job runs inside the upload request.
"""

from __future__ import annotations

import os

import pytest
from tests.helpers import PASSWORD, make_user

# Playwright's sync API runs an event loop in the test thread; Django refuses database access
# from a thread with a running loop unless told that this is intended.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-quic",
    "--disable-sync",
]
TIMEOUT_MS = 15_000


@pytest.fixture(scope="session")
def chromium_browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs it (apt-get install chromium)")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(chromium_browser, live_server):
    """A fresh browser context (no cookies) with an English Accept-Language.

    `page.console_messages` collects every console message as (type, text).
    """
    context = chromium_browser.new_context(base_url=live_server.url, locale="en-US")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    messages: list[tuple[str, str]] = []
    page.on("console", lambda message: messages.append((message.type, message.text)))
    page.console_messages = messages
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def region_admin(transactional_db, department):
    from kasip.core.models import Role

    user = make_user("region_admin", Role.REGION_ADMIN, department)
    user.plain_password = PASSWORD
    return user
