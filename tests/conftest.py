"""Shared fixtures: a small region, one account per role, files in the officials' formats."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client

from kasip.core.models import Organisation, OrgKind, Role, User
from kasip.core.validators import make_bin
from kasip.registry.models import College, Department, District, Enterprise, Region

PASSWORD = "correct-horse-battery"
ROLES = [r.value for r in Role]


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


@pytest.fixture
def region(db):
    region = Region.objects.create(kato="350000000", name_kk="Қарағанды облысы", name_ru="Карагандинская область",
                                   name_en="Karaganda Region")
    District.objects.create(region=region, kato="351010000", kind="city", name_kk="Қарағанды",
                            name_ru="Караганда", name_en="Karaganda")
    District.objects.create(region=region, kato="352410000", kind="city", name_kk="Теміртау",
                            name_ru="Темиртау", name_en="Temirtau")
    return region


@pytest.fixture
def department(region):
    return Department.objects.create(region=region, bin=make_bin(2001, 1, 1), name_kk="Білім басқармасы",
                                     name_ru="Управление образования")


@pytest.fixture
def college(region):
    return College.objects.create(bin=make_bin(1998, 3, 11), name_kk="Қарағанды политехникалық колледжі",
                                  name_ru="Карагандинский политехнический колледж", name_en="Karaganda Polytechnic",
                                  district=District.objects.get(kato="351010000"), languages="kk,ru")


@pytest.fixture
def other_college(region):
    return College.objects.create(bin=make_bin(1999, 4, 22), name_kk="Теміртау колледжі",
                                  name_ru="Темиртауский колледж", district=District.objects.get(kato="352410000"),
                                  languages="ru")


@pytest.fixture
def enterprise(region):
    return Enterprise.objects.create(bin=make_bin(2005, 5, 33), name_kk="Болат зауыты", name_ru="Сталь завод",
                                     district=District.objects.get(kato="352410000"), oked="24100")


def make_user(username: str, role: str, organisation=None, **extra) -> User:
    user = User(username=username, email=f"{username}@example.kz", role=role, organisation=organisation,
                first_name=username.title(), last_name="Test", **extra)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def users(department, college, enterprise):
    """One account per role, keyed by role; organisations as in a real region."""
    org_for = {
        Role.REGION_ADMIN: department, Role.ANALYST: department, Role.COLLEGE_ADMIN: college,
        Role.DUAL_COORDINATOR: college, Role.STUDENT: college, Role.ENTERPRISE_HR: enterprise,
        Role.MENTOR: enterprise, Role.CUSTOMER: None,
    }
    return {role.value: make_user(role.value, role, org_for[role]) for role in Role}


@pytest.fixture
def client_for(users):
    def make(role: str | None) -> Client:
        client = Client()
        if role is not None:
            client.force_login(users[role], backend="django.contrib.auth.backends.ModelBackend")
        return client

    return make


def csv_bytes(rows: list[list[str]], encoding: str = "utf-8", delimiter: str = ",") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


__all__ = ["PASSWORD", "ROLES", "csv_bytes", "make_user", "xlsx_bytes", "OrgKind", "Organisation"]
