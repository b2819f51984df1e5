"""Fixtures for the Playwright browser tests: a live server, Debian's chromium, a small region.

The root tests/conftest.py is not visible from here, so what the browser tests need is defined
again below (the same settings as its autouse fixture, a region with two districts, a region
admin). Tasks run eagerly, so an import job runs inside the upload request.
"""

from __future__ import annotations

import os

import pytest

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
PASSWORD = "correct-horse-battery"
TIMEOUT_MS = 15_000


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CELERY_TASK_ALWAYS_EAGER = True
    from kasip.celery import app

    app.conf.task_always_eager = True  # the app reads Django's settings once; keep it eager
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.LANGUAGE_CODE = "en"
    settings.AXES_ENABLED = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The live server speaks plain http, as `make run` does with KASIP_HTTPS=0.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.SECURE_HSTS_SECONDS = 0


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
def region(transactional_db):
    from kasip.registry.models import District, Region

    region = Region.objects.create(kato="350000000", name_kk="Қарағанды облысы", name_ru="Карагандинская область",
                                   name_en="Karaganda Region")
    District.objects.create(region=region, kato="351010000", kind="city", name_kk="Қарағанды",
                            name_ru="Караганда", name_en="Karaganda")
    District.objects.create(region=region, kato="352410000", kind="city", name_kk="Теміртау",
                            name_ru="Темиртау", name_en="Temirtau")
    return region


@pytest.fixture
def region_admin(region):
    from kasip.core.models import Role, User
    from kasip.core.validators import make_bin
    from kasip.registry.models import Department

    department = Department.objects.create(region=region, bin=make_bin(2001, 1, 1), name_kk="Білім басқармасы",
                                           name_ru="Управление образования")
    user = User(username="region_admin", email="region_admin@example.kz", role=Role.REGION_ADMIN,
                organisation=department, first_name="Region", last_name="Admin")
    user.set_password(PASSWORD)
    user.save()
    user.plain_password = PASSWORD
    return user
