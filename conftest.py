"""Fixtures for every test, unit and browser alike: settings for tests and a small region."""

import pytest

from kasip.core.validators import make_bin


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
    # The test servers speak plain http, as `make run` does with KASIP_HTTPS=0.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.SECURE_HSTS_SECONDS = 0
    settings.KASIP_DEMO_VACANCIES = 1500  # the demo's job ads: enough to exercise the ingest, quick to load


@pytest.fixture
def region(db):
    from kasip.registry.models import District, Region

    region = Region.objects.create(kato="350000000", name_kk="Қарағанды облысы", name_ru="Карагандинская область",
                                   name_en="Karaganda Region")
    District.objects.create(region=region, kato="351010000", kind="city", name_kk="Қарағанды",
                            name_ru="Караганда", name_en="Karaganda")
    District.objects.create(region=region, kato="352410000", kind="city", name_kk="Теміртау",
                            name_ru="Темиртау", name_en="Temirtau")
    return region


@pytest.fixture
def department(region):
    from kasip.registry.models import Department

    return Department.objects.create(region=region, bin=make_bin(2001, 1, 1), name_kk="Білім басқармасы",
                                     name_ru="Управление образования")
