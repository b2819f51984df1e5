"""R1: every role (and the public) against every page and API endpoint. 0 leaks.

The matrix must name every URL of the site and every operation of the API: a new page or
endpoint without a row here makes test_the_matrix_covers_every_endpoint fail.
"""

from __future__ import annotations

import importlib

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from kasip.api.urls import api
from kasip.core.models import Job, Role
from kasip.core.services import create_api_token, issue_invitation
from tests.conftest import csv_bytes

ROLES = [None, *[r.value for r in Role]]
ALL = {r: 200 for r in ROLES}
LOGGED_IN = {None: 302, **{r.value: 200 for r in Role}}


def only(*roles, ok=200, denied=403, anon=302):
    return {None: anon, **{r.value: (ok if r.value in roles else denied) for r in Role}}


MANAGERS = ("region_admin", "college_admin", "enterprise_hr")

# name -> (method, url builder, expected status per role)
PAGES = {
    "landing": ("get", lambda f: "/", ALL),
    "home": ("get", lambda f: "/home/", LOGGED_IN),
    "health": ("get", lambda f: "/health/", ALL),
    "login": ("get", lambda f: "/accounts/login/", {None: 200, **{r.value: 302 for r in Role}}),
    "logout": ("post", lambda f: "/accounts/logout/", {r: 302 for r in ROLES}),
    "password_reset": ("get", lambda f: "/accounts/password-reset/", ALL),
    "password_reset_done": ("get", lambda f: "/accounts/password-reset/sent/", ALL),
    "password_reset_confirm": ("get", lambda f: "/accounts/reset/MQ/bad-token/", ALL),
    "password_reset_complete": ("get", lambda f: "/accounts/reset/done/", ALL),
    "password_change": ("get", lambda f: "/accounts/password/", LOGGED_IN),
    "password_change_done": ("get", lambda f: "/accounts/password/done/", LOGGED_IN),
    "set_language": ("post", lambda f: "/i18n/setlang/", {r: 302 for r in ROLES}),
    "invitation": ("get", lambda f: f"/invite/{f['invitation']}/", ALL),
    "profile": ("get", lambda f: "/profile/", LOGGED_IN),
    "token-revoke": ("post", lambda f: f"/profile/tokens/{f['token'].pk}/revoke/", only("region_admin", ok=302)),
    "users": ("get", lambda f: "/users/", only(*MANAGERS)),
    "user-create": ("get", lambda f: "/users/new/", only(*MANAGERS)),
    # the student's own record: the student, its college's admin and the region admin
    "user-detail": ("get", lambda f: f"/users/{f['student'].pk}/", only("region_admin", "college_admin", "student")),
    "user-edit": ("get", lambda f: f"/users/{f['student'].pk}/edit/", only("region_admin", "college_admin")),
    "user-invite": ("post", lambda f: f"/users/{f['student'].pk}/invite/", only("region_admin", "college_admin", ok=302)),
    "colleges": ("get", lambda f: "/colleges/", ALL),
    "college-create": ("get", lambda f: "/colleges/new/", only("region_admin")),
    "college-detail": ("get", lambda f: f"/colleges/{f['college'].pk}/", ALL),
    "college-edit": ("get", lambda f: f"/colleges/{f['college'].pk}/edit/", only("region_admin", "college_admin")),
    "college-set-active": ("post", lambda f: f"/colleges/{f['college'].pk}/active/", only("region_admin", ok=302)),
    "import": ("get", lambda f: "/imports/colleges/", only("region_admin")),
    "import:users": ("get", lambda f: "/imports/users/", only(*MANAGERS)),
    "import-template": ("get", lambda f: "/imports/colleges/template.xlsx", only("region_admin")),
    "export": ("get", lambda f: "/exports/colleges.xlsx", LOGGED_IN),
    "export:users": ("get", lambda f: "/exports/users.csv", only(*MANAGERS)),
    "jobs": ("get", lambda f: "/jobs/", LOGGED_IN),
    "job-detail": ("get", lambda f: f"/jobs/{f['job'].pk}/", only("region_admin")),
    "job-status": ("get", lambda f: f"/jobs/{f['job'].pk}/status/", only("region_admin")),
    "job-report": ("get", lambda f: f"/jobs/{f['job'].pk}/errors.csv", only("region_admin")),
    "audit": ("get", lambda f: "/audit/", only("region_admin")),
    "api-docs": ("get", lambda f: "/api/docs", {r: 302 for r in ROLES}),
    "admin": ("get", lambda f: "/admin/", only("region_admin", denied=302)),
}

API_NONE = {None: 401}
API = {
    ("GET", "/api/v1/me"): {**API_NONE, **{r.value: 200 for r in Role}},
    ("GET", "/api/v1/users"): {**API_NONE, **{r.value: (200 if r.value in MANAGERS else 403) for r in Role}},
    ("POST", "/api/v1/users"): {**API_NONE, **{r.value: (201 if r.value in ("region_admin", "college_admin") else 403)
                                                for r in Role}},
    ("GET", "/api/v1/users/{user_id}"): {**API_NONE, **{r.value: (200 if r.value in ("region_admin", "college_admin", "student") else 403) for r in Role}},
    ("PATCH", "/api/v1/users/{user_id}"): {**API_NONE, **{r.value: (200 if r.value in ("region_admin", "college_admin") else 403 if r.value == "student" else 404) for r in Role}},
    ("POST", "/api/v1/imports/{kind}"): {**API_NONE, **{r.value: (202 if r.value == "region_admin" else 403) for r in Role}},
    ("GET", "/api/v1/jobs"): {**API_NONE, **{r.value: 200 for r in Role}},
    ("GET", "/api/v1/jobs/{job_id}"): {**API_NONE, **{r.value: (200 if r.value == "region_admin" else 403) for r in Role}},
    ("GET", "/api/v1/exports/{kind}"): {**API_NONE, **{r.value: (200 if r.value in MANAGERS else 403) for r in Role}},
    ("GET", "/api/v1/colleges"): {None: 200, **{r.value: 200 for r in Role}},
    ("GET", "/api/v1/colleges/{college_id}"): {None: 200, **{r.value: 200 for r in Role}},
    ("POST", "/api/v1/colleges"): {**API_NONE, **{r.value: (201 if r.value == "region_admin" else 403) for r in Role}},
    ("PATCH", "/api/v1/colleges/{college_id}"): {**API_NONE, **{r.value: (200 if r.value in ("region_admin", "college_admin") else 403) for r in Role}},
}


# Each app's rows live beside its tests: tests/<app>/matrix.py with PAGES, API, optional
# API_CALLS ((method, path) -> fn(client, f, role, headers)) and add_fixtures(f, users).
MATRIX_MODULES = ["tests.registry.matrix", "tests.partners.matrix", "tests.outcomes.matrix", "tests.dual.matrix", "tests.dual.matrix_logbook", "tests.dual.matrix_contracts", "tests.labour.matrix", "tests.labour.matrix_coder", "tests.labour.matrix_queue", "tests.labour.matrix_vacancies"]
API_CALLS: dict = {}
FIXTURE_BUILDERS = []
for _name in MATRIX_MODULES:
    try:
        _module = importlib.import_module(_name)
    except ModuleNotFoundError as _exc:
        if _exc.name != _name:
            raise
        continue
    PAGES.update(_module.PAGES)
    API.update(_module.API)
    API_CALLS.update(getattr(_module, "API_CALLS", {}))
    if hasattr(_module, "add_fixtures"):
        FIXTURE_BUILDERS.append(_module.add_fixtures)


def site_url_names() -> set[str]:
    names = set()

    def walk(patterns, namespace=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.namespace in ("admin", "api"):
                    continue
                walk(p.url_patterns, p.namespace or namespace)
            elif isinstance(p, URLPattern) and p.name:
                names.add(p.name)

    walk(get_resolver().url_patterns)
    return names


def test_the_matrix_covers_every_endpoint():
    covered = {name.split(":")[0] for name in PAGES}
    assert site_url_names() - covered == set(), "pages missing from the permissions matrix"
    schema = api.get_openapi_schema()
    operations = {(method.upper(), path) for path, item in schema["paths"].items() for method in item}
    assert operations == set(API), "API operations missing from (or stale in) the permissions matrix"


@pytest.fixture
def fixtures(users, college):
    admin = users["region_admin"]
    job = Job.objects.create(kind="import:colleges", created_by=admin, original_name="x.csv",
                             params={"kind": "colleges"}, report=[{"row": 2, "column": "BIN", "message": "bad"}],
                             status="failed")
    token, _key = create_api_token(admin, "matrix")
    f = {"student": users["student"], "college": college, "job": job, "token": token,
         "invitation": issue_invitation(users["customer"]), "ids": {}}
    for build in FIXTURE_BUILDERS:
        build(f, users)
    return f


@pytest.mark.parametrize("name", sorted(PAGES))
def test_pages(name, client_for, fixtures):
    method, url_for, expected = PAGES[name]
    url = url_for(fixtures)
    leaks = []
    for role in ROLES:
        client = client_for(role)
        data = {"language": "kk", "next": "/"} if name == "set_language" else {}
        if name == "college-set-active":
            data = {"active": "1"}
        response = getattr(client, method)(url, data)
        if response.status_code != expected[role]:
            leaks.append(f"{role or 'public'}: {method.upper()} {url} -> {response.status_code}, expected {expected[role]}")
    assert not leaks, "\n".join(leaks)


def api_request(client, method, path, f, role, key):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"} if key else {}
    if (method, path) in API_CALLS:
        return API_CALLS[(method, path)](client, f, role, headers)
    if method == "GET" and (path.endswith("}") or "{" not in path) and "exports" not in path and path not in CORE_PATHS:
        return client.get(path.format(**f["ids"]), **headers)
    url = path.format(user_id=f["student"].pk, college_id=f["college"].pk, job_id=f["job"].pk,
                      kind="colleges" if "imports" in path else ("users" if "exports" in path else "x"))
    if "exports" in path:
        url += "?format=csv"
    if method == "GET":
        return client.get(url, **headers)
    if method == "PATCH":
        body = {"phone": "+7 701 000 00 00"} if "users" in path else {"address": "ул. Новая, 1"}
        return client.patch(url, body, content_type="application/json", **headers)
    if "imports" in path:
        from django.core.files.uploadedfile import SimpleUploadedFile

        upload = SimpleUploadedFile("c.csv", csv_bytes([["BIN"], ["1"]]), content_type="text/csv")
        return client.post(url, {"file": upload}, **headers)
    if path.endswith("/users"):
        body = {"email": f"new-{role}@example.kz", "last_name": "Жаңа", "first_name": "Оқушы", "role": "student",
                "organisation_bin": f["college"].bin}
        return client.post(url, body, content_type="application/json", **headers)
    from kasip.core.validators import make_bin

    body = {"bin": make_bin(2011, 2, hash(role) % 90000), "name_kk": "Жаңа колледж", "district_kato": "351010000",
            "languages": ["kk"]}
    return client.post(url, body, content_type="application/json", **headers)


CORE_PATHS = {"/api/v1/me", "/api/v1/users", "/api/v1/users/{user_id}", "/api/v1/jobs", "/api/v1/jobs/{job_id}",
              "/api/v1/colleges", "/api/v1/colleges/{college_id}", "/api/v1/imports/{kind}", "/api/v1/exports/{kind}"}


@pytest.mark.parametrize("operation", sorted(API), ids=lambda op: f"{op[0]} {op[1]}")
def test_api(operation, users, fixtures):
    from django.test import Client

    method, path = operation
    expected = API[operation]
    leaks = []
    for role in ROLES:
        key = create_api_token(users[role], "t")[1] if role else None
        response = api_request(Client(), method, path, fixtures, role, key)
        if response.status_code != expected[role]:
            leaks.append(f"{role or 'public'}: {method} {path} -> {response.status_code} {response.content[:200]!r}, expected {expected[role]}")
    assert not leaks, "\n".join(leaks)


def test_analysts_and_the_public_never_see_personal_data(client_for, users, fixtures):
    student = users["student"]
    student.iin = "080517601230"
    student.phone = "+7 701 111 22 33"
    student.save()
    for role in (None, "analyst", "mentor", "customer", "enterprise_hr", "dual_coordinator"):
        client = client_for(role)
        for url in ("/", "/home/", "/colleges/", f"/colleges/{fixtures['college'].pk}/", "/users/",
                    f"/users/{student.pk}/", "/exports/colleges.csv", "/exports/users.csv", "/api/v1/users"):
            body = client.get(url).content.decode(errors="replace")
            assert student.iin not in body, f"{role} sees the IIN at {url}"
            assert student.phone not in body, f"{role} sees the phone at {url}"
