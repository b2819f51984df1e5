"""Rows of the permissions matrix (tests/test_permissions_matrix.py) for mentors, trainees, the logbook,
assessments, final results and learning outcomes.

Mentors: the region admin and the enterprise's HR. A trainee's page: the region admin, the college's staff, the
enterprise's HR, the trainee's mentor and the student. Entries: written by the student and the mentor, signed off
or returned by the mentor. Learning outcomes: read by every role but customers, kept by the region admin and the
college staff. Analysts, customers and the public see no trainee.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from kasip.core.models import Role
from kasip.dual.models import Contract, ContractStatus, LearningOutcome, LogbookEntry, Mentor

COLLEGE_STAFF = ("college_admin", "dual_coordinator")
MENTOR_KEEPERS = ("region_admin", "enterprise_hr")
TRAINEE_LISTERS = ("region_admin", *COLLEGE_STAFF, "enterprise_hr", "mentor")
TRAINEE_VIEWERS = (*TRAINEE_LISTERS, "student")
WRITERS = ("student", "mentor")
OUTCOME_READERS = ("region_admin", "analyst", *COLLEGE_STAFF, "enterprise_hr", "mentor", "student")
OUTCOME_KEEPERS = ("region_admin", *COLLEGE_STAFF)
EXPORTERS = ("region_admin", *COLLEGE_STAFF, "enterprise_hr")


def only(*roles, ok=200, denied=403, anon=302):
    return {None: anon, **{r.value: (ok if r.value in roles else denied) for r in Role}}


def api(*roles, ok=200, denied=403):
    return {None: 401, **{r.value: (ok if r.value in roles else denied) for r in Role}}


def _c(f) -> int:
    return f["lb_contract"].pk


PAGES = {
    "mentors": ("get", lambda f: "/mentors/", only(*MENTOR_KEEPERS)),
    "mentors-create": ("get", lambda f: "/mentors/new/", only(*MENTOR_KEEPERS)),
    "mentors-detail": ("get", lambda f: f"/mentors/{f['lb_mentor'].pk}/", only(*MENTOR_KEEPERS)),
    "mentors-edit": ("get", lambda f: f"/mentors/{f['lb_mentor'].pk}/edit/", only(*MENTOR_KEEPERS)),
    # the mentor has a trainee: deactivation is refused with the reason, a redirect either way
    "mentors-active": ("post", lambda f: f"/mentors/{f['lb_mentor'].pk}/active/", only(*MENTOR_KEEPERS, ok=302)),
    "mentor-home": ("get", lambda f: "/mentor/", only("mentor")),
    "trainees": ("get", lambda f: "/trainees/", only(*TRAINEE_LISTERS)),
    "logbooks-export": ("get", lambda f: "/trainees/logbooks.csv", only(*EXPORTERS)),
    "trainees-detail": ("get", lambda f: f"/trainees/{_c(f)}/", only(*TRAINEE_VIEWERS)),
    "trainees-briefing": ("post", lambda f: f"/trainees/{_c(f)}/briefing/",
                          only("region_admin", "enterprise_hr", "mentor", ok=302)),
    "trainees-medical": ("post", lambda f: f"/trainees/{_c(f)}/medical/",
                         only("region_admin", *COLLEGE_STAFF, "enterprise_hr", ok=302)),
    "trainees-mentor": ("post", lambda f: f"/trainees/{_c(f)}/mentor/", only(*MENTOR_KEEPERS, ok=302)),
    "assessments-create": ("post", lambda f: f"/trainees/{_c(f)}/assessments/", only("mentor", ok=302)),
    "final-result": ("post", lambda f: f"/trainees/{_c(f)}/final-result/", only("region_admin", *COLLEGE_STAFF,
                                                                                ok=302)),
    "logbook-create": ("get", lambda f: f"/trainees/{_c(f)}/logbook/new/", only(*WRITERS)),
    "logbook-export": ("get", lambda f: f"/trainees/{_c(f)}/logbook.xlsx", only(*TRAINEE_VIEWERS)),
    "my-logbook": ("get", lambda f: "/logbook/", only("student", "mentor", ok=302)),
    "logbook-edit": ("get", lambda f: f"/logbook/{f['lb_entry'].pk}/edit/", only("student")),
    "logbook-sign": ("post", lambda f: f"/logbook/{f['lb_entry'].pk}/sign/", only("mentor", ok=302)),
    "logbook-return": ("post", lambda f: f"/logbook/{f['lb_entry'].pk}/return/", only("mentor", ok=302)),
    "learning-outcomes": ("get", lambda f: "/learning-outcomes/", only(*OUTCOME_READERS)),
    "learning-outcomes-detail": ("get", lambda f: f"/learning-outcomes/{f['lb_outcome'].pk}/",
                                 only(*OUTCOME_READERS)),
    "learning-outcomes-create": ("get", lambda f: "/learning-outcomes/new/", only(*OUTCOME_KEEPERS)),
    "learning-outcomes-edit": ("get", lambda f: f"/learning-outcomes/{f['lb_outcome'].pk}/edit/",
                               only(*OUTCOME_KEEPERS)),
    "learning-outcomes-active": ("post", lambda f: f"/learning-outcomes/{f['lb_outcome'].pk}/active/",
                                 only(*OUTCOME_KEEPERS, ok=302)),
}

API = {
    ("GET", "/api/v1/mentors"): api(*MENTOR_KEEPERS),
    ("GET", "/api/v1/mentors/{item_id}"): api(*MENTOR_KEEPERS),
    ("POST", "/api/v1/mentors"): api(*MENTOR_KEEPERS, ok=201),
    ("PATCH", "/api/v1/mentors/{item_id}"): api(*MENTOR_KEEPERS),
    ("GET", "/api/v1/learning-outcomes"): api(*OUTCOME_READERS),
    ("GET", "/api/v1/learning-outcomes/{item_id}"): api(*OUTCOME_READERS),
    ("POST", "/api/v1/learning-outcomes"): api(*OUTCOME_KEEPERS, ok=201),
    ("PATCH", "/api/v1/learning-outcomes/{item_id}"): api(*OUTCOME_KEEPERS),
    ("GET", "/api/v1/trainees"): api(*TRAINEE_LISTERS),
    ("GET", "/api/v1/trainees/{contract_id}"): api(*TRAINEE_VIEWERS),
    ("POST", "/api/v1/trainees/{contract_id}/mentor"): api(*MENTOR_KEEPERS),
    ("POST", "/api/v1/trainees/{contract_id}/briefing"): api("region_admin", "enterprise_hr", "mentor"),
    ("POST", "/api/v1/trainees/{contract_id}/medical"): api("region_admin", *COLLEGE_STAFF, "enterprise_hr"),
    ("GET", "/api/v1/trainees/{contract_id}/logbook"): api(*TRAINEE_VIEWERS),
    ("POST", "/api/v1/trainees/{contract_id}/logbook"): api(*WRITERS, ok=201),
    ("PATCH", "/api/v1/logbook/{entry_id}"): api("student"),
    ("POST", "/api/v1/logbook/{entry_id}/sign"): api("mentor"),
    ("POST", "/api/v1/logbook/{entry_id}/return"): api("mentor"),
    ("GET", "/api/v1/trainees/{contract_id}/assessments"): api(*TRAINEE_VIEWERS),
    ("POST", "/api/v1/trainees/{contract_id}/assessments"): api("mentor", ok=201),
    ("POST", "/api/v1/trainees/{contract_id}/final-result"): api("region_admin", *COLLEGE_STAFF),
}

ROLE_INDEX = {r.value: i for i, r in enumerate(Role)}


def _json(method):
    def call(client, url, body, headers):
        return getattr(client, method)(url, body, content_type="application/json", **headers)

    return call


def _today() -> dt.date:
    return timezone.localdate()


def _fresh_entry(f, role, by="student") -> LogbookEntry:
    """A submitted entry of its own day and hour (the trainee is an adult; days do not collide)."""
    day = _today() - dt.timedelta(days=20 + ROLE_INDEX.get(role or "", 9))
    return LogbookEntry.objects.create(contract=f["lb_contract"], date=day, starts_at=dt.time(8, 0),
                                       ends_at=dt.time(9, 0), hours=1, tasks="Работа", created_by=f["users"][by])


def _entry_action(action, body=None):
    def call(client, f, role, headers):
        entry = _fresh_entry(f, role)
        return _json("post")(client, f"/api/v1/logbook/{entry.pk}/{action}", body or {}, headers)

    return call


def _post_entry(client, f, role, headers):
    day = _today() - dt.timedelta(days=1 + ROLE_INDEX.get(role or "", 9))
    body = {"date": day.isoformat(), "starts_at": "14:00", "ends_at": "17:00", "location": "enterprise",
            "tasks": f"Сварка ({role})", "outcome_codes": [f["lb_outcome"].code]}
    return _json("post")(client, f"/api/v1/trainees/{_c(f)}/logbook", body, headers)


def _patch_entry(client, f, role, headers):
    entry = _fresh_entry(f, role)
    return _json("patch")(client, f"/api/v1/logbook/{entry.pk}", {"tasks": "Исправлено"}, headers)


def _post_mentor(client, f, role, headers):
    body = {"enterprise_id": f["lb_contract"].enterprise_id, "last_name": "Наставник", "first_name": str(role),
            "max_trainees": 4}
    return _json("post")(client, "/api/v1/mentors", body, headers)


def _post_outcome(client, f, role, headers):
    body = {"qualification_code": f["lb_outcome"].qualification.code, "code": f"M{ROLE_INDEX.get(role or '', 9)}",
            "name_kk": "Жаңа нәтиже"}
    return _json("post")(client, "/api/v1/learning-outcomes", body, headers)


def _post_contract(path, body):
    return lambda c, f, r, h: _json("post")(c, f"/api/v1/trainees/{_c(f)}/{path}", body(f), h)


API_CALLS = {
    ("GET", "/api/v1/mentors/{item_id}"): lambda c, f, r, h: c.get(f"/api/v1/mentors/{f['lb_mentor'].pk}", **h),
    ("POST", "/api/v1/mentors"): _post_mentor,
    ("PATCH", "/api/v1/mentors/{item_id}"):
        lambda c, f, r, h: _json("patch")(c, f"/api/v1/mentors/{f['lb_mentor'].pk}", {"position": "мастер"}, h),
    ("GET", "/api/v1/learning-outcomes/{item_id}"):
        lambda c, f, r, h: c.get(f"/api/v1/learning-outcomes/{f['lb_outcome'].pk}", **h),
    ("POST", "/api/v1/learning-outcomes"): _post_outcome,
    ("PATCH", "/api/v1/learning-outcomes/{item_id}"):
        lambda c, f, r, h: _json("patch")(c, f"/api/v1/learning-outcomes/{f['lb_outcome'].pk}", {"position": 2}, h),
    ("GET", "/api/v1/trainees/{contract_id}"): lambda c, f, r, h: c.get(f"/api/v1/trainees/{_c(f)}", **h),
    ("POST", "/api/v1/trainees/{contract_id}/mentor"): _post_contract("mentor", lambda f: {
        "mentor_id": f["lb_mentor"].pk}),
    ("POST", "/api/v1/trainees/{contract_id}/briefing"): _post_contract("briefing", lambda f: {
        "date": (_today() - dt.timedelta(days=59)).isoformat(), "given_by": "Инженер по ОТ"}),
    ("POST", "/api/v1/trainees/{contract_id}/medical"): _post_contract("medical", lambda f: {
        "date": (_today() - dt.timedelta(days=59)).isoformat(), "certificate": "075/у-1"}),
    ("GET", "/api/v1/trainees/{contract_id}/logbook"):
        lambda c, f, r, h: c.get(f"/api/v1/trainees/{_c(f)}/logbook", **h),
    ("POST", "/api/v1/trainees/{contract_id}/logbook"): _post_entry,
    ("PATCH", "/api/v1/logbook/{entry_id}"): _patch_entry,
    ("POST", "/api/v1/logbook/{entry_id}/sign"): _entry_action("sign"),
    ("POST", "/api/v1/logbook/{entry_id}/return"): _entry_action("return", {"comment": "Уточните"}),
    ("GET", "/api/v1/trainees/{contract_id}/assessments"):
        lambda c, f, r, h: c.get(f"/api/v1/trainees/{_c(f)}/assessments", **h),
    ("POST", "/api/v1/trainees/{contract_id}/assessments"): _post_contract("assessments", lambda f: {
        "outcome_code": f["lb_outcome"].code, "date": _today().isoformat(), "result": "competent", "score": 5}),
    ("POST", "/api/v1/trainees/{contract_id}/final-result"): _post_contract("final-result", lambda f: {
        "date": _today().isoformat(), "result": "passed", "grade": 5, "certificate_number": "ДК-001"}),
}


def add_fixtures(f, users):
    """The `mentor` account's mentor record; a signed contract of the registry's student (the `student` account)
    with the briefing and the medical examination recorded; a learning outcome; a submitted entry by the
    student. An open contract made by another matrix module is reused (one open contract per student)."""
    enterprise = f["site"].enterprise
    mentor = Mentor.objects.filter(user=users["mentor"]).first() or Mentor.objects.create(
        enterprise=enterprise, user=users["mentor"], last_name="Ментор", first_name="Ерлан", max_trainees=30)
    today = _today()
    ready = {"status": ContractStatus.SIGNED, "mentor": mentor, "safety_briefing_on": today - dt.timedelta(days=59),
             "safety_briefing_by": "Инженер по ОТ", "medical_exam_on": today - dt.timedelta(days=59),
             "medical_exam_ref": "075/у-1", "starts_on": today - dt.timedelta(days=60),
             "ends_on": today + dt.timedelta(days=300)}
    contract = Contract.objects.filter(student=f["record"], status__in=["draft", "signing", "signed"]).first()
    if contract is None:
        contract = Contract.objects.create(number="ДО-МАТРИЦА", origin="group", student=f["record"],
                                           college=f["college"], enterprise=enterprise, site=f["site"],
                                           programme=f["programme"], enterprise_hours=800, monthly_payment=50000,
                                           **ready)
        f["lb_own_contract"] = True
    outcome = LearningOutcome.objects.create(qualification=f["programme"].qualification, code="РО1",
                                             name_kk="Дәнекерлеу", name_ru="Сварка", position=1)
    f.update(users=users, lb_mentor=mentor, lb_contract=contract, lb_outcome=outcome)
    f["lb_entry"] = _fresh_entry(f, None)
