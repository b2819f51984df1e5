"""Rows of the permissions matrix (tests/test_permissions_matrix.py) for graduations and employment records.

A graduation and an employment record are personal data: the region admin, the student's college staff and
the student see them; the region admin and the college admin record them; analysts (aggregates only),
enterprises, mentors, customers and the public see none. The figures of graduate outcomes are public.
"""

from __future__ import annotations

import datetime as dt

from kasip.core.models import Role
from kasip.core.validators import make_iin
from kasip.outcomes.models import EmploymentRecord, Graduation
from kasip.registry.models import Programme, Qualification, Specialty, Student

READERS = ("region_admin", "college_admin", "dual_coordinator", "student")
STAFF = ("region_admin", "college_admin", "dual_coordinator")
WRITERS = ("region_admin", "college_admin")


def only(*roles, ok=200, denied=403, anon=302):
    return {None: anon, **{r.value: (ok if r.value in roles else denied) for r in Role}}


def api(*roles, ok=200, denied=403):
    return {None: 401, **{r.value: (ok if r.value in roles else denied) for r in Role}}


PAGES = {
    "graduations": ("get", lambda f: "/graduations/", only(*READERS)),
    "graduations-detail": ("get", lambda f: f"/graduations/{f['graduation'].pk}/", only(*READERS)),
    "graduations-create": ("get", lambda f: "/graduations/new/", only(*WRITERS)),
    "graduations-edit": ("get", lambda f: f"/graduations/{f['graduation'].pk}/edit/", only(*WRITERS)),
    "import:graduations": ("get", lambda f: "/imports/graduations/", only(*WRITERS)),
    "import-template:graduations": ("get", lambda f: "/imports/graduations/template.xlsx", only(*WRITERS)),
    "export:graduations": ("get", lambda f: "/exports/graduations.csv", only(*STAFF)),
    "outcomes": ("get", lambda f: "/outcomes/", {None: 200, **{r.value: 200 for r in Role}}),
    "employment": ("get", lambda f: "/employment/", only(*READERS)),
    "employment-detail": ("get", lambda f: f"/employment/{f['employment_record'].pk}/", only(*READERS)),
    "employment-create": ("get", lambda f: "/employment/new/", only(*WRITERS)),
    "employment-edit": ("get", lambda f: f"/employment/{f['employment_record'].pk}/edit/", only(*WRITERS)),
    "import:employment": ("get", lambda f: "/imports/employment/", only(*WRITERS)),
    "import-template:employment": ("get", lambda f: "/imports/employment/template.csv", only(*WRITERS)),
    "export:employment": ("get", lambda f: "/exports/employment.xlsx", only(*STAFF)),
}

API = {
    ("GET", "/api/v1/graduations"): api(*READERS),
    ("GET", "/api/v1/graduations/{graduation_id}"): api(*READERS),
    ("POST", "/api/v1/graduations"): api(*WRITERS, ok=201),
    ("PATCH", "/api/v1/graduations/{graduation_id}"): api(*WRITERS),
    ("GET", "/api/v1/employment-records"): api(*READERS),
    ("GET", "/api/v1/employment-records/{record_id}"): api(*READERS),
    ("POST", "/api/v1/employment-records"): api(*WRITERS, ok=201),
    ("PATCH", "/api/v1/employment-records/{record_id}"): api(*WRITERS),
    ("GET", "/api/v1/outcomes/employment-rate"): {None: 200, **{r.value: 200 for r in Role}},
}

_serial = iter(range(100, 10**6))


def new_student(college, programme=None) -> Student:
    iin = make_iin(dt.date(2006, 3, 14), "F", next(_serial))
    while Student.objects.filter(iin=iin).exists():
        iin = make_iin(dt.date(2006, 3, 14), "F", next(_serial))
    return Student.objects.create(iin=iin, last_name="Серікова", first_name="Айгерім", birth_date=dt.date(2006, 3, 14),
                                  sex="F", college=college, base="9", funding="state")


def _post_graduation(client, f, role, headers):
    student = new_student(f["graduation"].student.college)
    body = {"student_iin": student.iin, "qualification_code": f["graduation"].qualification.code,
            "date": "2025-06-28", "diploma_number": f"ТКБ {student.pk:07d}"}
    return client.post("/api/v1/graduations", body, content_type="application/json", **headers)


def _patch_graduation(client, f, role, headers):
    return client.patch(f"/api/v1/graduations/{f['graduation'].pk}", {"with_honours": True},
                        content_type="application/json", **headers)


def _post_record(client, f, role, headers):
    graduation = f["graduation"]
    other = Graduation.objects.create(student=new_student(graduation.student.college), programme=graduation.programme,
                                      qualification=graduation.qualification, date=graduation.date,
                                      diploma_number=f"ТКБ {next(_serial):07d}")
    body = {"student_iin": other.student.iin, "months_after": 12, "status": "employed",
            "employer_name": "ТОО «Матрица»", "in_specialty": True, "recorded_on": "2026-07-01"}
    return client.post("/api/v1/employment-records", body, content_type="application/json", **headers)


def _patch_record(client, f, role, headers):
    return client.patch(f"/api/v1/employment-records/{f['employment_record'].pk}", {"wage_band": "150k_300k"},
                        content_type="application/json", **headers)


API_CALLS = {
    ("POST", "/api/v1/graduations"): _post_graduation,
    ("PATCH", "/api/v1/graduations/{graduation_id}"): _patch_graduation,
    ("POST", "/api/v1/employment-records"): _post_record,
    ("PATCH", "/api/v1/employment-records/{record_id}"): _patch_record,
}


def add_fixtures(f, users):
    """The student account's own graduation, from a programme of its college."""
    college = users["college_admin"].organisation.college
    specialty, _ = Specialty.objects.get_or_create(code="07130200", defaults={"name_kk": "Электрмен жабдықтау",
                                                                              "name_ru": "Электроснабжение"})
    qualification, _ = Qualification.objects.get_or_create(code="3W07130201", defaults={
        "specialty": specialty, "name_kk": "Электромонтер", "name_ru": "Электромонтёр"})
    programme, _ = Programme.objects.get_or_create(
        college=college, qualification=qualification, language="ru", base="9", form="full_time",
        defaults={"hours_theory": 1500, "hours_practice": 2000, "hours_total": 3500})
    student = Student.objects.filter(user=users["student"]).first()
    if student is None:
        student = new_student(college)
        student.user = users["student"]
        student.save()
    graduation = Graduation.objects.create(student=student, programme=programme, qualification=qualification,
                                           date=dt.date(2025, 6, 30), diploma_number="ТКБ 0000001")
    f["graduation"] = graduation
    f["ids"]["graduation_id"] = graduation.pk
    record = EmploymentRecord.objects.create(graduation=graduation, months_after=12, status="employed",
                                             employer_name="ТОО «Матрица»", wage_band="unknown",
                                             recorded_on=dt.date(2026, 6, 30))
    f["employment_record"] = record
    f["ids"]["record_id"] = record.pk
