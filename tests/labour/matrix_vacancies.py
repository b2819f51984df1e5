"""Rows of the permissions matrix (tests/test_permissions_matrix.py) for job ads, demand and exposure.

Loading files of job ads, seeing them and deleting them: the region admin and the analysts. Demand figures
(aggregates, no personal data): staff of the department and the colleges; enterprise staff get the public
report only. Mentors, students and
customers are refused (403); the public is sent to log in (pages) or answered 401 (API)."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from kasip.core.models import Role
from kasip.labour.models import (
    CodingMethod,
    DemandCell,
    ExposureScore,
    Occupation,
    Vacancy,
    VacancyBatch,
)
from kasip.registry.models import District
from tests.helpers import csv_bytes

EDITORS = ("region_admin", "analyst")
STAFF = ("region_admin", "analyst", "college_admin", "dual_coordinator")


def only(*roles, ok=200, denied=403, anon=302):
    return {None: anon, **{r.value: (ok if r.value in roles else denied) for r in Role}}


def api(*roles, ok=200, denied=403):
    return {None: 401, **{r.value: (ok if r.value in roles else denied) for r in Role}}


PAGES = {
    "vacancies": ("get", lambda f: "/vacancies/", only(*EDITORS)),
    "vacancy-ads": ("get", lambda f: "/vacancies/ads/", only(*EDITORS)),
    "vacancy-batch-delete": ("get", lambda f: f"/vacancies/files/{f['ids']['batch_id']}/delete/", only(*EDITORS)),
    "demand": ("get", lambda f: "/demand/", only(*STAFF)),
    "demand-occupation": ("get", lambda f: "/demand/7212/", only(*STAFF)),
    "demand-gap": ("get", lambda f: "/demand/gap/", only(*STAFF)),
    # starts a job on commit (never run in the test's transaction)
    "demand-forecast": ("post", lambda f: "/demand/forecast/", only(*EDITORS, ok=302)),
    # exposure to automation and AI: published aggregates, open to everyone
    "occupation-exposure": ("get", lambda f: "/occupations/exposure/", {None: 200, **{r.value: 200 for r in Role}}),
    "regional-report": ("get", lambda f: "/reports/regional/", {None: 200, **{r.value: 200 for r in Role}}),
    "occupation-pathways": ("get", lambda f: "/occupations/7212/pathways/", {None: 200, **{r.value: 200 for r in Role}}),
}

API = {
    ("POST", "/api/v1/vacancies/ingest"): api(*EDITORS, ok=202),
    ("GET", "/api/v1/vacancies/files"): api(*EDITORS),
    ("DELETE", "/api/v1/vacancies/files/{batch_id}"): api(*EDITORS, ok=204),
    ("GET", "/api/v1/vacancies"): api(*EDITORS),
    ("GET", "/api/v1/demand"): api(*STAFF),
    ("GET", "/api/v1/demand/{code}"): api(*STAFF),
    ("GET", "/api/v1/demand/gap"): api(*STAFF),
    ("GET", "/api/v1/demand/industries"): api(*STAFF),
    ("GET", "/api/v1/exposure"): {None: 200, **{r.value: 200 for r in Role}},
    ("GET", "/api/v1/exposure/{code}"): {None: 200, **{r.value: 200 for r in Role}},
    ("GET", "/api/v1/pathways/{code}"): {None: 200, **{r.value: 200 for r in Role}},
    ("GET", "/api/v1/reports/regional"): {None: 200, **{r.value: 200 for r in Role}},
    ("GET", "/api/v1/demand/forecasts"): api(*STAFF),
    ("POST", "/api/v1/demand/forecasts"): api(*EDITORS, ok=202),
    # a college's staff get their own college's programmes; the region admin and analysts must name a college
    # (422 without one); enterprise staff see the gap, not programmes
    ("GET", "/api/v1/demand/programmes"): {**api("college_admin", "dual_coordinator"), "region_admin": 422,
                                          "analyst": 422},
}


def _batch(name: str) -> VacancyBatch:
    batch = VacancyBatch.objects.create(source="enbek", original_name=name, rows=1, stored=1)
    district = District.objects.get(kato="351010000")
    Vacancy.objects.create(batch=batch, source="enbek", title="Сварщик", district=district,
                           posted_on=dt.date(2025, 3, 5), month=dt.date(2025, 3, 1), isco08="7212",
                           coding=CodingMethod.CODER, confidence=0.9, dedup_key=name[:16])
    return batch


def _ingest(client, f, role, headers):
    upload = SimpleUploadedFile("ads.csv", csv_bytes([["title", "district", "date"], ["Повар", "351010000",
                                                                                      "2025-01-05"]]))
    return client.post("/api/v1/vacancies/ingest", {"file": upload, "source": "enbek"}, **headers)


def _delete(client, f, role, headers):
    batch = _batch(f"matrix-{role}.csv")
    return client.delete(f"/api/v1/vacancies/files/{batch.pk}", **headers)


def _forecast(client, f, role, headers):
    return client.post("/api/v1/demand/forecasts", **headers)


API_CALLS = {
    ("POST", "/api/v1/demand/forecasts"): _forecast,
    ("POST", "/api/v1/vacancies/ingest"): _ingest,
    ("DELETE", "/api/v1/vacancies/files/{batch_id}"): _delete,
}


def add_fixtures(f, users):
    parent = None
    for code, title in (("7", "Craft and related trades workers"), ("72", "Metal, machinery and related trades "
                        "workers"), ("721", "Sheet and structural metal workers"), ("7212", "Welders and flame cutters")):
        parent, _ = Occupation.objects.get_or_create(code=code, defaults={"level": len(code), "parent": parent,
                                                                          "title_en": title})
    batch = _batch("matrix.csv")
    DemandCell.objects.create(isco08="7212", district=District.objects.get(kato="351010000"),
                              month=dt.date(2025, 3, 1), postings=1, positions=1)
    f["ids"]["batch_id"] = batch.pk
    f["ids"]["code"] = "7212"
    ExposureScore.objects.get_or_create(index="frey_osborne", isco08="7212", defaults={
        "value": 0.94, "n": 1, "basis": "51-4121:1"})
