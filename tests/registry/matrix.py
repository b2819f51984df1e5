"""Rows of the permissions matrix (tests/test_permissions_matrix.py) for the registry's entities."""

from __future__ import annotations

import datetime as dt

from kasip.core.models import Role
from kasip.core.validators import make_bin, make_iin
from kasip.registry.models import (
    EnterpriseSite,
    Group,
    Programme,
    ProgrammeIntake,
    Qualification,
    Specialty,
    Student,
)

ROLES = [None, *[r.value for r in Role]]
ALL = {r: 200 for r in ROLES}
LOGGED_IN = {None: 302, **{r.value: 200 for r in Role}}


def only(*roles, ok=200, denied=403, anon=302):
    return {None: anon, **{r.value: (ok if r.value in roles else denied) for r in Role}}


def api_only(*roles, ok=200, public=False):
    return {None: 200 if public else 401, **{r.value: (ok if r.value in roles or public else 403) for r in Role}}


COLLEGE_STAFF = ("college_admin", "dual_coordinator")
GROUP_READERS = ("region_admin", "analyst", *COLLEGE_STAFF)
STUDENT_READERS = ("region_admin", *COLLEGE_STAFF)


def add_fixtures(f, users):
    college, enterprise = f["college"], users["enterprise_hr"].organisation.enterprise
    specialty = Specialty.objects.create(code="07150500", name_kk="Дәнекерлеу ісі", name_ru="Сварочное дело")
    qualification = Qualification.objects.create(code="3W07150501", specialty=specialty, name_kk="Электргазымен пісіруші",
                                                  name_ru="Электрогазосварщик")
    programme = Programme.objects.create(college=college, qualification=qualification, language="kk", base="9",
                                         hours_theory=1500, hours_practice=1400, hours_total=2900, is_dual=True)
    group = Group.objects.create(college=college, programme=programme, code="СВ-24-1", admission_year=2024)
    intake = ProgrammeIntake.objects.create(programme=programme, year=2025, state_order=25, paid=5)
    site = EnterpriseSite.objects.create(enterprise=enterprise, name="Цех №1", district=enterprise.district,
                                         hazardous=True)
    record = Student.objects.create(iin=make_iin(dt.date(2007, 3, 4), "M", 77), last_name="Оқушы", first_name="Арман",
                                    birth_date=dt.date(2007, 3, 4), sex="M", college=college, group=group, base="9",
                                    funding="state", user=users["student"])
    f.update(intake=intake, specialty=specialty, qualification=qualification, programme=programme, group=group, site=site,
             enterprise=enterprise, record=record)


def entity_pages(slug, url_of, *, list_=ALL, detail=ALL, create=None, edit=None, active=None):
    rows = {slug: ("get", lambda f: f"/{slug}/", list_),
            f"{slug}-detail": ("get", lambda f: f"/{slug}/{url_of(f)}/", detail)}
    if create is not None:
        rows[f"{slug}-create"] = ("get", lambda f: f"/{slug}/new/", create)
        rows[f"{slug}-edit"] = ("get", lambda f: f"/{slug}/{url_of(f)}/edit/", edit)
    if active is not None:
        rows[f"{slug}-active"] = ("post", lambda f: f"/{slug}/{url_of(f)}/active/", active)
    return rows


PAGES = {
    **entity_pages("districts", lambda f: f["college"].district_id, create=only("region_admin"),
                   edit=only("region_admin")),
    **entity_pages("specialties", lambda f: f["specialty"].pk, create=only("region_admin"), edit=only("region_admin"),
                   active=only("region_admin", ok=302)),
    **entity_pages("qualifications", lambda f: f["qualification"].pk, create=only("region_admin"),
                   edit=only("region_admin"), active=only("region_admin", ok=302)),
    **entity_pages("programmes", lambda f: f["programme"].pk, create=only("region_admin", "college_admin"),
                   edit=only("region_admin", "college_admin"), active=only("region_admin", "college_admin", ok=302)),
    **entity_pages("intakes", lambda f: f["intake"].pk, create=only("region_admin", "college_admin"),
                   edit=only("region_admin", "college_admin")),
    **entity_pages("groups", lambda f: f["group"].pk, list_=only(*GROUP_READERS), detail=only(*GROUP_READERS),
                   create=only("region_admin", *COLLEGE_STAFF), edit=only("region_admin", *COLLEGE_STAFF),
                   active=only("region_admin", *COLLEGE_STAFF, ok=302)),
    **entity_pages("enterprises", lambda f: f["enterprise"].pk, list_=LOGGED_IN, detail=LOGGED_IN,
                   create=only("region_admin"), edit=only("region_admin", "enterprise_hr"),
                   active=only("region_admin", ok=302)),
    **entity_pages("sites", lambda f: f["site"].pk, list_=LOGGED_IN, detail=LOGGED_IN,
                   create=only("region_admin", "enterprise_hr"), edit=only("region_admin", "enterprise_hr"),
                   active=only("region_admin", "enterprise_hr", ok=302)),
    **entity_pages("students", lambda f: f["record"].pk, list_=only(*STUDENT_READERS),
                   detail=only(*STUDENT_READERS, "student"), create=only("region_admin", "college_admin"),
                   edit=only("region_admin", "college_admin")),
    "student-event": ("get", lambda f: f"/students/{f['record'].pk}/orders/new/", only("region_admin", "college_admin")),
}


def _api_rows(slug, *, read, detail=None, create, edit, public=False):
    return {
        ("GET", f"/api/v1/{slug}"): api_only(*read, public=public),
        ("GET", f"/api/v1/{slug}/{{item_id}}"): api_only(*(detail or read), public=public),
        ("POST", f"/api/v1/{slug}"): {None: 401, **{r.value: (201 if r.value in create else 403) for r in Role}},
        ("PATCH", f"/api/v1/{slug}/{{item_id}}"): {None: 401, **{r.value: (200 if r.value in edit else 403)
                                                                 for r in Role}},
    }


EVERYONE = [r.value for r in Role]
API = {
    ("GET", "/api/v1/districts"): api_only(public=True),
    ("GET", "/api/v1/districts/{item_id}"): api_only(public=True),
    **_api_rows("specialties", read=EVERYONE, create=("region_admin",), edit=("region_admin",), public=True),
    **_api_rows("qualifications", read=EVERYONE, create=("region_admin",), edit=("region_admin",), public=True),
    **_api_rows("programmes", read=EVERYONE, create=("region_admin", "college_admin"),
                edit=("region_admin", "college_admin"), public=True),
    **_api_rows("intakes", read=EVERYONE, create=("region_admin", "college_admin"),
                edit=("region_admin", "college_admin"), public=True),
    **_api_rows("groups", read=GROUP_READERS, create=("region_admin", *COLLEGE_STAFF),
                edit=("region_admin", *COLLEGE_STAFF)),
    **_api_rows("enterprises", read=EVERYONE, create=("region_admin",), edit=("region_admin", "enterprise_hr")),
    **_api_rows("sites", read=EVERYONE, create=("region_admin", "enterprise_hr"),
                edit=("region_admin", "enterprise_hr")),
    **_api_rows("students", read=STUDENT_READERS, detail=(*STUDENT_READERS, "student"),
                create=("region_admin", "college_admin"), edit=("region_admin", "college_admin")),
}

API.update({
    ("GET", "/api/v1/students/{student_id}/events"): api_only(*STUDENT_READERS, "student"),
    ("POST", "/api/v1/students/{student_id}/events"): {None: 401, **{r.value: (201 if r.value in (
        "region_admin", "college_admin") else 403) for r in Role}},
})
API_CALLS_EXTRA = {
    ("GET", "/api/v1/students/{student_id}/events"):
        lambda client, f, role, headers: client.get(f"/api/v1/students/{f['record'].pk}/events", **headers),
    ("POST", "/api/v1/students/{student_id}/events"):
        lambda client, f, role, headers: client.post(
            f"/api/v1/students/{f['record'].pk}/events", {"kind": "leave", "date": "2025-02-01",
                                                           "order_number": "7-к", "order_date": "2025-02-01"},
            content_type="application/json", **headers),
("GET", "/api/v1/districts/{item_id}"):
                   lambda client, f, role, headers: client.get(f"/api/v1/districts/{f['college'].district_id}",
                                                               **headers)}
_KEYS = {"intakes": "intake", "specialties": "specialty", "qualifications": "qualification", "programmes": "programme",
         "groups": "group", "enterprises": "enterprise", "sites": "site", "students": "record"}
_counter = iter(range(1, 10**6))


def _body(slug, f, role):
    n = next(_counter)
    if slug == "specialties":
        return {"code": f"0{n % 10}{n:06d}", "name_kk": "Жаңа мамандық"}
    if slug == "qualifications":
        return {"code": "4S07150502", "specialty_code": "07150500", "name_kk": "Жаңа біліктілік"}
    if slug == "programmes":
        return {"college_bin": f["college"].bin, "qualification_code": "3W07150501", "language": "ru", "base": "11",
                "form": "part_time" if role == "region_admin" else "evening",
                "hours_theory": 100, "hours_practice": 100, "hours_total": 200}
    if slug == "intakes":
        return {"programme_id": f["programme"].pk, "year": 2030 + n % 60, "state_order": 10}
    if slug == "groups":
        return {"programme_id": f["programme"].pk, "code": f"Т-{n}", "admission_year": 2025}
    if slug == "enterprises":
        return {"bin": make_bin(2012, 1 + n % 12, 4000 + n), "name_kk": "Жаңа кәсіпорын", "district_kato": "351010000",
                "oked": "24100"}
    if slug == "sites":
        return {"enterprise_bin": f["enterprise"].bin, "name": f"Алаң {n}", "district_kato": "351010000"}
    return {"iin": make_iin(dt.date(2008, 1, 1 + n % 27), "F", 100 + n), "last_name": "Жаңа", "first_name": "Оқушы",
            "college_bin": f["college"].bin, "base": "9", "funding": "paid"}


def _patch(slug):
    return {"specialties": {"name_ru": "Изменено"}, "qualifications": {"name_ru": "Изменено"},
            "programmes": {"is_dual": False}, "intakes": {"paid": 7}, "groups": {"admission_year": 2023},
            "enterprises": {"headcount": 100}, "sites": {"address": "ул. Новая"},
            "students": {"phone": "+7 700 000 0000"}}[slug]


def _call(slug, method, detail):
    def call(client, f, role, headers):
        url = f"/api/v1/{slug}" + (f"/{f[_KEYS[slug]].pk}" if detail else "")
        if method == "GET":
            return client.get(url, **headers)
        if method == "POST":
            return client.post(url, _body(slug, f, role), content_type="application/json", **headers)
        return client.patch(url, _patch(slug), content_type="application/json", **headers)

    return call


API_CALLS = {(method, f"/api/v1/{slug}" + ("/{item_id}" if detail else "")): _call(slug, method, detail)
             for slug in _KEYS for method, detail in (("GET", False), ("GET", True), ("POST", False),
                                                      ("PATCH", True))}
API_CALLS.update(API_CALLS_EXTRA)
