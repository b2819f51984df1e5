"""Rows of the permissions matrix (tests/test_permissions_matrix.py) for workforce needs.

Needs are not personal data: the region's staff and the colleges read them all, an enterprise's
HR reads and keeps its own; mentors, students, customers and the public see none.

Agreements: the region's staff read them all, a college's staff their college's, an enterprise's HR its
enterprise's (the fixture's agreement is between the accounts' own college and enterprise, so every reader
sees it); the region admin and a college's staff keep them; the signed document goes to the readers only.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile

from kasip.core.models import Role
from kasip.partners.models import Agreement, WorkforceNeed

READERS = ("region_admin", "analyst", "college_admin", "dual_coordinator", "enterprise_hr")
WRITERS = ("region_admin", "enterprise_hr")
AGREEMENT_WRITERS = ("region_admin", "college_admin", "dual_coordinator")
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


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
    "agreements": ("get", lambda f: "/agreements/", only(*READERS)),
    "agreements-detail": ("get", lambda f: f"/agreements/{f['agreement'].pk}/", only(*READERS)),
    "agreements-create": ("get", lambda f: "/agreements/new/", only(*AGREEMENT_WRITERS)),
    "agreements-edit": ("get", lambda f: f"/agreements/{f['agreement'].pk}/edit/", only(*AGREEMENT_WRITERS)),
    "agreements-document": ("get", lambda f: f"/agreements/{f['agreement'].pk}/document/", only(*READERS)),
    "partner-network": ("get", lambda f: "/partners/network/", only(*READERS)),
    "import:agreements": ("get", lambda f: "/imports/agreements/", only(*AGREEMENT_WRITERS)),
    "import-template:agreements": ("get", lambda f: "/imports/agreements/template.csv", only(*AGREEMENT_WRITERS)),
    "export:agreements": ("get", lambda f: "/exports/agreements.csv", only(*READERS)),
}

API = {
    ("GET", "/api/v1/needs"): api(*READERS),
    ("GET", "/api/v1/needs/{need_id}"): api(*READERS),
    ("POST", "/api/v1/needs"): api(*WRITERS, ok=201),
    ("PATCH", "/api/v1/needs/{need_id}"): api(*WRITERS),
    ("GET", "/api/v1/agreements"): api(*READERS),
    ("GET", "/api/v1/agreements/{item_id}"): api(*READERS),
    ("POST", "/api/v1/agreements"): api(*AGREEMENT_WRITERS, ok=201),
    ("PATCH", "/api/v1/agreements/{item_id}"): api(*AGREEMENT_WRITERS),
    ("GET", "/api/v1/partners/network"): api(*READERS),
}


def _post_need(client, f, role, headers):
    body = {"enterprise_bin": f["need"].enterprise.bin, "occupation_title": f"Сварщик ({role})",
            "occupation_code": "7212", "count": 3, "year": 2027, "district_kato": f["need"].district.kato}
    return client.post("/api/v1/needs", body, content_type="application/json", **headers)


def _patch_need(client, f, role, headers):
    return client.patch(f"/api/v1/needs/{f['need'].pk}", {"count": 7}, content_type="application/json", **headers)


def _get_agreement(client, f, role, headers):
    return client.get(f"/api/v1/agreements/{f['agreement'].pk}", **headers)


def _post_agreement(client, f, role, headers):
    agreement = f["agreement"]
    body = {"college_bin": agreement.college.bin, "enterprise_bin": agreement.enterprise.bin, "kind": "memorandum",
            "number": f"М-{role}", "signed_on": "2025-01-10", "valid_from": "2025-01-10"}
    return client.post("/api/v1/agreements", body, content_type="application/json", **headers)


def _patch_agreement(client, f, role, headers):
    return client.patch(f"/api/v1/agreements/{f['agreement'].pk}", {"students_covered": 12},
                        content_type="application/json", **headers)


API_CALLS = {
    ("POST", "/api/v1/needs"): _post_need,
    ("PATCH", "/api/v1/needs/{need_id}"): _patch_need,
    ("GET", "/api/v1/agreements/{item_id}"): _get_agreement,
    ("POST", "/api/v1/agreements"): _post_agreement,
    ("PATCH", "/api/v1/agreements/{item_id}"): _patch_agreement,
}


def add_fixtures(f, users):
    """A need of the HR's own enterprise; an agreement of the accounts' college and enterprise."""
    enterprise = users["enterprise_hr"].organisation.enterprise
    need = WorkforceNeed.objects.create(enterprise=enterprise, occupation_title="Электромонтёр", occupation_code="7411",
                                        count=5, year=2026, district=enterprise.district)
    f["need"] = need
    f["ids"]["need_id"] = need.pk
    # an agreement in force between the accounts' own college and enterprise, with its signed document
    college = users["college_admin"].organisation.college
    agreement = Agreement(college=college, enterprise=enterprise, kind="dual_training", number="ДО-1/2025",
                          signed_on=dt.date(2025, 1, 15), valid_from=dt.date(2025, 2, 1), status="active",
                          students_covered=25)
    agreement.document.save("signed.pdf", ContentFile(PDF), save=False)
    agreement.save()
    f["agreement"] = agreement
