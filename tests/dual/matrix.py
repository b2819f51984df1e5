"""Rows of the permissions matrix (tests/test_permissions_matrix.py) for individual placement.

Places: the region admin, the college staff, an enterprise's HR (its own) and students (approved places);
rounds: the region admin, the college staff and analysts (statistics only); a student's list: the student.
Mentors, customers and the public see none of it.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from kasip.core.models import Job, JobStatus, Role
from kasip.dual import services
from kasip.dual.models import MatchingRound, PlaceStatus, Preference, RoundStatus, TrainingPlace

COLLEGE_STAFF = ("college_admin", "dual_coordinator")
PLACE_READERS = ("region_admin", *COLLEGE_STAFF, "enterprise_hr", "student")
PLACE_WRITERS = ("region_admin", "enterprise_hr")
APPROVERS = ("region_admin", *COLLEGE_STAFF)
ROUND_READERS = ("region_admin", "analyst", *COLLEGE_STAFF)
ROUND_MANAGERS = ("region_admin", *COLLEGE_STAFF)


def only(*roles, ok=200, denied=403, anon=302):
    return {None: anon, **{r.value: (ok if r.value in roles else denied) for r in Role}}


def api(*roles, ok=200, denied=403):
    return {None: 401, **{r.value: (ok if r.value in roles else denied) for r in Role}}


LOGGED_IN = {None: 302, **{r.value: 200 for r in Role}}

PAGES = {
    "places": ("get", lambda f: "/places/", only(*PLACE_READERS)),
    "places-detail": ("get", lambda f: f"/places/{f['place'].pk}/", only(*PLACE_READERS)),
    "places-create": ("get", lambda f: "/places/new/", only(*PLACE_WRITERS)),
    "places-edit": ("get", lambda f: f"/places/{f['place'].pk}/edit/", only(*PLACE_WRITERS)),
    "places-publish": ("post", lambda f: f"/places/{f['place'].pk}/publish/", only(*PLACE_WRITERS, ok=302)),
    "places-approve": ("post", lambda f: f"/places/{f['place'].pk}/approve/", only(*APPROVERS, ok=302)),
    "places-withdraw": ("post", lambda f: f"/places/{f['place'].pk}/withdraw/", only(*PLACE_WRITERS, ok=302)),
    "places-score": ("post", lambda f: f"/places/{f['place'].pk}/applicants/{f['preference'].pk}/score/",
                     only(*APPROVERS, ok=302)),
    "places-ranking": ("post", lambda f: f"/places/{f['place'].pk}/ranking/", only(*PLACE_WRITERS, ok=302)),
    "my-preferences": ("get", lambda f: "/preferences/", only("student")),
    "preferences-add": ("post", lambda f: "/preferences/add/", only("student", ok=302)),
    "preferences-remove": ("post", lambda f: "/preferences/remove/", only("student", ok=302)),
    "preferences-move": ("post", lambda f: "/preferences/move/", only("student", ok=302)),
    "rounds": ("get", lambda f: "/rounds/", only(*ROUND_READERS)),
    "rounds-detail": ("get", lambda f: f"/rounds/{f['round'].pk}/", only(*ROUND_READERS)),
    "rounds-create": ("get", lambda f: "/rounds/new/", only(*ROUND_MANAGERS)),
    "rounds-lock": ("post", lambda f: f"/rounds/{f['round'].pk}/lock/", only(*ROUND_MANAGERS, ok=302)),
    "rounds-run": ("post", lambda f: f"/rounds/{f['round'].pk}/run/", only(*ROUND_MANAGERS, ok=302)),
    "rounds-publish": ("post", lambda f: f"/rounds/{f['round'].pk}/publish/", only(*ROUND_MANAGERS, ok=302)),
    "rounds-second": ("post", lambda f: f"/rounds/{f['round'].pk}/second/", only(*ROUND_MANAGERS, ok=302)),
    "rounds-job": ("get", lambda f: f"/rounds/{f['round'].pk}/job/", only(*ROUND_READERS)),
    "rounds-places-add": ("post", lambda f: f"/rounds/{f['round'].pk}/places/add/", only(*ROUND_MANAGERS, ok=302)),
    "rounds-places-remove": ("post", lambda f: f"/rounds/{f['round'].pk}/places/{f['place'].pk}/remove/",
                             only(*ROUND_MANAGERS, ok=302)),
    "notifications": ("get", lambda f: "/notifications/", LOGGED_IN),
}

API = {
    ("GET", "/api/v1/places"): api(*PLACE_READERS),
    ("GET", "/api/v1/places/{item_id}"): api(*PLACE_READERS),
    ("POST", "/api/v1/places"): api(*PLACE_WRITERS, ok=201),
    ("PATCH", "/api/v1/places/{item_id}"): api(*PLACE_WRITERS),
    ("POST", "/api/v1/places/{item_id}/publish"): api(*PLACE_WRITERS),
    ("POST", "/api/v1/places/{item_id}/approve"): api(*APPROVERS),
    ("POST", "/api/v1/places/{item_id}/withdraw"): api(*PLACE_WRITERS),
    ("GET", "/api/v1/places/{item_id}/ranking"): api(*PLACE_WRITERS),
    ("PUT", "/api/v1/places/{item_id}/ranking"): api(*PLACE_WRITERS),
    ("GET", "/api/v1/preferences"): api("student", *APPROVERS),
    ("POST", "/api/v1/preferences"): api("student"),
    ("PATCH", "/api/v1/preferences/{preference_id}"): api(*APPROVERS),
    ("GET", "/api/v1/rounds"): api(*ROUND_READERS),
    ("GET", "/api/v1/rounds/{round_id}"): api(*ROUND_READERS),
    ("POST", "/api/v1/rounds"): api(*ROUND_MANAGERS, ok=201),
    ("POST", "/api/v1/rounds/{round_id}/lock"): api(*ROUND_MANAGERS),
    ("POST", "/api/v1/rounds/{round_id}/run"): api(*ROUND_MANAGERS, ok=202),
    ("GET", "/api/v1/rounds/{round_id}/job"): api(*ROUND_READERS),
    ("POST", "/api/v1/rounds/{round_id}/places"): api(*ROUND_MANAGERS),
    ("DELETE", "/api/v1/rounds/{round_id}/places/{place_id}"): api(*ROUND_MANAGERS),
    ("POST", "/api/v1/rounds/{round_id}/publish"): api(*ROUND_MANAGERS),
    ("GET", "/api/v1/rounds/{round_id}/placements"): api(*ROUND_MANAGERS),
}


def _json(method):
    def call(client, url, body, headers):
        return getattr(client, method)(url, body, content_type="application/json", **headers)

    return call


def _fresh_place(f, status) -> TrainingPlace:
    place = TrainingPlace.objects.create(
        title=f"Место ({status})", enterprise=f["site"].enterprise, site=f["site"], district=f["site"].district,
        capacity=2, starts_on=dt.date(2026, 9, 1), ends_on=dt.date(2026, 12, 31), monthly_payment=90000,
        status=status)
    place.qualifications.set([f["qualification"]])
    return place


def _place_action(action, status):
    def call(client, f, role, headers):
        place = _fresh_place(f, status)
        return client.post(f"/api/v1/places/{place.pk}/{action}", **headers)

    return call


def _fresh_round(f, status) -> MatchingRound:
    round_ = services.create_round(None, name=f"Раунд ({status})", deadline=timezone.now() + dt.timedelta(days=3),
                                   college=f["college"])
    if status in (RoundStatus.LOCKED, RoundStatus.RUN):
        services.lock_round(None, round_)
    if status == RoundStatus.RUN:
        services.run_round(None, round_)
    return round_


def _round_action(action, status):
    def call(client, f, role, headers):
        round_ = _fresh_round(f, status)
        return client.post(f"/api/v1/rounds/{round_.pk}/{action}", **headers)

    return call


def _add_round_place(client, f, role, headers):
    round_ = _fresh_round(f, RoundStatus.OPEN)
    place = _fresh_place(f, PlaceStatus.APPROVED)
    return _json("post")(client, f"/api/v1/rounds/{round_.pk}/places", {"place_ids": [place.pk]}, headers)


def _remove_round_place(client, f, role, headers):
    round_ = _fresh_round(f, RoundStatus.OPEN)
    place = _fresh_place(f, PlaceStatus.APPROVED)
    round_.places.add(place)
    return client.delete(f"/api/v1/rounds/{round_.pk}/places/{place.pk}", **headers)


def _post_place(client, f, role, headers):
    body = {"site_id": f["site"].pk, "title": f"Сварщик ({role})", "qualification_codes": [f["qualification"].code],
            "capacity": 3, "starts_on": "2026-09-01", "ends_on": "2026-12-31", "monthly_payment": "0",
            "payment_reason": "стипендия колледжа"}
    return _json("post")(client, "/api/v1/places", body, headers)


def _post_round(client, f, role, headers):
    body = {"name": f"Раунд {role}", "scope": "college", "college_id": f["college"].pk,
            "deadline": (timezone.now() + dt.timedelta(days=5)).isoformat(), "place_ids": []}
    return _json("post")(client, "/api/v1/rounds", body, headers)


API_CALLS = {
    ("GET", "/api/v1/places/{item_id}"): lambda c, f, r, h: c.get(f"/api/v1/places/{f['place'].pk}", **h),
    ("POST", "/api/v1/places"): _post_place,
    ("PATCH", "/api/v1/places/{item_id}"):
        lambda c, f, r, h: _json("patch")(c, f"/api/v1/places/{f['place'].pk}", {"mentors": "Иванов И. И."}, h),
    ("POST", "/api/v1/places/{item_id}/publish"): _place_action("publish", PlaceStatus.DRAFT),
    ("POST", "/api/v1/places/{item_id}/approve"): _place_action("approve", PlaceStatus.PUBLISHED),
    ("POST", "/api/v1/places/{item_id}/withdraw"): _place_action("withdraw", PlaceStatus.APPROVED),
    ("POST", "/api/v1/preferences"):
        lambda c, f, r, h: _json("post")(c, "/api/v1/preferences", {"place_ids": [f["place"].pk]}, h),
    ("PATCH", "/api/v1/preferences/{preference_id}"):
        lambda c, f, r, h: _json("patch")(c, f"/api/v1/preferences/{f['preference'].pk}", {"score": "4.5"}, h),
    ("GET", "/api/v1/rounds/{round_id}"): lambda c, f, r, h: c.get(f"/api/v1/rounds/{f['round'].pk}", **h),
    ("POST", "/api/v1/rounds"): _post_round,
    ("POST", "/api/v1/rounds/{round_id}/lock"): _round_action("lock", RoundStatus.OPEN),
    ("POST", "/api/v1/rounds/{round_id}/run"): _round_action("run", RoundStatus.LOCKED),
    ("POST", "/api/v1/rounds/{round_id}/publish"): _round_action("publish", RoundStatus.RUN),
    ("GET", "/api/v1/rounds/{round_id}/placements"):
        lambda c, f, r, h: c.get(f"/api/v1/rounds/{f['round'].pk}/placements", **h),
    ("GET", "/api/v1/rounds/{round_id}/job"): lambda c, f, r, h: c.get(f"/api/v1/rounds/{f['round'].pk}/job", **h),
    ("POST", "/api/v1/rounds/{round_id}/places"): _add_round_place,
    ("DELETE", "/api/v1/rounds/{round_id}/places/{place_id}"): _remove_round_place,
    ("GET", "/api/v1/places/{item_id}/ranking"):
        lambda c, f, r, h: c.get(f"/api/v1/places/{f['place'].pk}/ranking", **h),
    ("PUT", "/api/v1/places/{item_id}/ranking"):
        lambda c, f, r, h: _json("put")(c, f"/api/v1/places/{f['place'].pk}/ranking",
                                        {"student_ids": [f["record"].pk]}, h),
}


def add_fixtures(f, users):
    """An approved place at the HR's (hazardous) site for the registry's student, who ranks it; an open round of
    the college. Uses the registry's fixtures (record, site, qualification)."""
    place = _fresh_place(f, PlaceStatus.APPROVED)
    preference = Preference.objects.create(student=f["record"], place=place, rank=1)
    round_ = services.create_round(None, name="Весенний раунд", deadline=timezone.now() + dt.timedelta(days=3),
                                   college=f["college"])
    Job.objects.create(kind=services.RUN_ROUND_JOB, params={"round": round_.pk}, status=JobStatus.SUCCEEDED,
                       result={"students": 0, "matched": 0}, created_by=users["region_admin"])
    f.update(place=place, preference=preference, round=round_)
