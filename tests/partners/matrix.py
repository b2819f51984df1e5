"""Rows of the permissions matrix (tests/test_permissions_matrix.py) for workforce needs.

Needs are not personal data: the region's staff and the colleges read them all, an enterprise's
HR reads and keeps its own; mentors, students, customers and the public see none.
"""

from __future__ import annotations

from kasip.core.models import Role
from kasip.partners.models import WorkforceNeed

READERS = ("region_admin", "analyst", "college_admin", "dual_coordinator", "enterprise_hr")
WRITERS = ("region_admin", "enterprise_hr")


def only(*roles, ok=200, denied=403, anon=302):
    return {None: anon, **{r.value: (ok if r.value in roles else denied) for r in Role}}


def api(*roles, ok=200, denied=403):
    return {None: 401, **{r.value: (ok if r.value in roles else denied) for r in Role}}


PAGES = {
    "needs": ("get", lambda f: "/needs/", only(*READERS)),
    "needs-detail": ("get", lambda f: f"/needs/{f['need'].pk}/", only(*READERS)),
    "needs-create": ("get", lambda f: "/needs/new/", only(*WRITERS)),
    "needs-edit": ("get", lambda f: f"/needs/{f['need'].pk}/edit/", only(*WRITERS)),
    "needs-active": ("post", lambda f: f"/needs/{f['need'].pk}/active/", only(*WRITERS, ok=302)),
    "import:needs": ("get", lambda f: "/imports/needs/", only(*WRITERS)),
    "import-template:needs": ("get", lambda f: "/imports/needs/template.csv", only(*WRITERS)),
    "export:needs": ("get", lambda f: "/exports/needs.csv", only(*READERS)),
}

API = {
    ("GET", "/api/v1/needs"): api(*READERS),
    ("GET", "/api/v1/needs/{need_id}"): api(*READERS),
    ("POST", "/api/v1/needs"): api(*WRITERS, ok=201),
    ("PATCH", "/api/v1/needs/{need_id}"): api(*WRITERS),
}


def _post_need(client, f, role, headers):
    body = {"enterprise_bin": f["need"].enterprise.bin, "occupation_title": f"Сварщик ({role})",
            "occupation_code": "7212", "count": 3, "year": 2027, "district_kato": f["need"].district.kato}
    return client.post("/api/v1/needs", body, content_type="application/json", **headers)


def _patch_need(client, f, role, headers):
    return client.patch(f"/api/v1/needs/{f['need'].pk}", {"count": 7}, content_type="application/json", **headers)


API_CALLS = {
    ("POST", "/api/v1/needs"): _post_need,
    ("PATCH", "/api/v1/needs/{need_id}"): _patch_need,
}


def add_fixtures(f, users):
    """A need of the HR's own enterprise."""
    enterprise = users["enterprise_hr"].organisation.enterprise
    need = WorkforceNeed.objects.create(enterprise=enterprise, occupation_title="Электромонтёр", occupation_code="7411",
                                        count=5, year=2026, district=enterprise.district)
    f["need"] = need
    f["ids"]["need_id"] = need.pk
