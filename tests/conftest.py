"""Shared fixtures: a small region, one account per role, files in the officials' formats."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client

from kasip.core.models import Role
from kasip.core.validators import make_bin
from kasip.labour import coder_file
from kasip.labour.coder import CoderFileError, OccupationCoder, build_coder
from kasip.registry.models import College, District, Enterprise
from tests.helpers import PASSWORD, csv_bytes, make_user, xlsx_bytes

ROLES = [r.value for r in Role]


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



# The site's occupation coder: the API's pages and endpoints answer 503 without one.
@pytest.fixture(scope="session")
def coder_file_path(tmp_path_factory) -> Path:
    """The coder built by `make coder` / `make test` when it is there, else one built from the
    committed lexicon only (about 15 s, once per test process)."""
    default = Path(django_settings.KASIP_CODER_PATH)
    try:
        OccupationCoder.load(default)
        return default
    except CoderFileError:
        path = tmp_path_factory.mktemp("coder") / "coder.pkl"
        build_coder(reference=False).save(path)
        return path


@pytest.fixture
def site_coder(coder_file_path, settings):
    """The site's coder (settings.KASIP_CODER_PATH points at the session's coder file)."""
    settings.KASIP_CODER_PATH = str(coder_file_path)
    coder_file.forget()
    yield coder_file.get_coder()
    coder_file.forget()


__all__ = ["PASSWORD", "ROLES", "csv_bytes", "make_user", "xlsx_bytes"]
