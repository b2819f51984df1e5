"""Rows of the permissions matrix (tests/test_permissions_matrix.py) for the occupation taxonomy.

The classifier and the qualification mapping are public; only the region admin and the analysts change
the mapping."""

from __future__ import annotations

from kasip.core.models import Role
from kasip.labour.models import Occupation
from kasip.registry.models import Qualification, Specialty

EDITORS = ("region_admin", "analyst")
PUBLIC = {None: 200, **{r.value: 200 for r in Role}}


def only(*roles, ok=200, denied=403, anon=302):
    return {None: anon, **{r.value: (ok if r.value in roles else denied) for r in Role}}


def api(*roles, ok=200, denied=403):
    return {None: 401, **{r.value: (ok if r.value in roles else denied) for r in Role}}


PAGES = {
    "occupations": ("get", lambda f: "/occupations/?q=welder", PUBLIC),
    "occupation-detail": ("get", lambda f: "/occupations/7212/", PUBLIC),
    "occupation-mapping": ("get", lambda f: "/occupations/qualifications/", PUBLIC),
    "occupation-mapping-edit": ("get", lambda f: f"/occupations/qualifications/{f['ids']['qualification_id']}/",
                                only(*EDITORS)),
}

API = {
    ("GET", "/api/v1/occupations"): PUBLIC,
    ("GET", "/api/v1/occupations/{code}"): PUBLIC,
    ("GET", "/api/v1/qualifications/{qualification_id}/occupations"): PUBLIC,
    ("PUT", "/api/v1/qualifications/{qualification_id}/occupations"): api(*EDITORS),
}


def _put_mapping(client, f, role, headers):
    return client.put(f"/api/v1/qualifications/{f['ids']['qualification_id']}/occupations",
                      {"occupations": ["7212"]}, content_type="application/json", **headers)


def _get_mapping(client, f, role, headers):
    return client.get(f"/api/v1/qualifications/{f['ids']['qualification_id']}/occupations", **headers)


def _get_occupation(client, f, role, headers):
    return client.get("/api/v1/occupations/7212", **headers)


API_CALLS = {
    ("PUT", "/api/v1/qualifications/{qualification_id}/occupations"): _put_mapping,
    ("GET", "/api/v1/occupations/{code}"): _get_occupation,
    ("GET", "/api/v1/qualifications/{qualification_id}/occupations"): _get_mapping,
}


def add_fixtures(f, users):
    parent = None
    for code, title in (("7", "Craft and related trades workers"), ("72", "Metal, machinery and related trades workers"),
                        ("721", "Sheet and structural metal workers"), ("7212", "Welders and flame cutters")):
        parent, _ = Occupation.objects.get_or_create(code=code, defaults={"level": len(code), "parent": parent,
                                                                          "title_en": title})
    specialty, _ = Specialty.objects.get_or_create(code="07150500", defaults={"name_kk": "Дәнекерлеу ісі"})
    qualification, _ = Qualification.objects.get_or_create(code="3W07150501", defaults={
        "specialty": specialty, "name_kk": "Электргаздәнекерлеуші"})
    f["ids"]["qualification_id"] = qualification.pk
