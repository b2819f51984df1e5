"""The pages of individual placement for each role: places (list, filters, detail with applicants, create,
status), the student's list, rounds (statistics for analysts, placements for staff)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kasip.dual import services
from kasip.dual.models import PlaceStatus, Preference, RoundStatus, TrainingPlace


@pytest.fixture
def record(make_student, users):
    return make_student(user=users["student"])


def test_places_list_runs_a_fixed_number_of_queries(client_for, make_place, other_qualification, qualification):
    client = client_for("region_admin")
    make_place(qualifications=[qualification, other_qualification])
    client.get("/places/")  # warm caches (sessions, content types)
    with CaptureQueriesContext(connection) as one:
        assert client.get("/places/").status_code == 200
    for _ in range(29):
        make_place(qualifications=[qualification, other_qualification])
    with CaptureQueriesContext(connection) as thirty:
        response = client.get("/places/")
    assert response.status_code == 200 and response.content.decode().count("/places/") >= 30
    assert len(one) == len(thirty)


def test_students_see_approved_places_only_and_filter_them(client_for, record, make_place, site):
    approved = make_place(title="Сварщик на домне", monthly_payment=0, payment_reason="стипендия")
    draft = make_place(title="Черновик", status=PlaceStatus.DRAFT)
    ru = make_place(title="Русская группа", language="ru")
    client = client_for("student")
    body = client.get("/places/").content.decode()
    assert approved.title in body and draft.title not in body
    assert client.get(f"/places/{draft.pk}/").status_code == 403
    body = client.get("/places/?language=kk").content.decode()
    assert approved.title in body and ru.title not in body
    assert ru.title not in client.get("/places/?paid=0").content.decode()
    assert approved.title in client.get("/places/?paid=0").content.decode()
    assert approved.title not in client.get("/places/?starts=2030-01-01").content.decode()
    assert approved.title in client.get(f"/places/?district={site.district.kato}").content.decode()
    assert client.get("/places/?starts=bad").status_code == 200


def test_a_student_ranks_a_place_from_its_page_and_sees_problems(client_for, record, make_place, hazardous_site):
    place = make_place()
    client = client_for("student")
    assert "Add to my preferences" in client.get(f"/places/{place.pk}/").content.decode()
    response = client.post("/preferences/add/", {"place": place.pk, "next": "place"})
    assert response.status_code == 302 and response["Location"] == f"/places/{place.pk}/"
    assert Preference.objects.filter(student=record, place=place, rank=1).exists()
    record.birth_date = dt.date(2012, 1, 1)
    record.save()
    hazardous = make_place(site=hazardous_site)
    body = client.get(f"/places/{hazardous.pk}/").content.decode()
    assert "You cannot rank this place" in body and "hazardous" in body
    response = client.post("/preferences/add/", {"place": hazardous.pk}, follow=True)
    assert "hazardous" in response.content.decode()
    second = make_place()
    client.post("/preferences/add/", {"place": second.pk})
    client.post("/preferences/move/", {"place": second.pk, "direction": "up"})
    assert list(Preference.objects.order_by("rank").values_list("place_id", flat=True)) == [second.pk, place.pk]
    client.post("/preferences/remove/", {"place": place.pk})
    body = client.get("/preferences/").content.decode()
    assert second.title in body and place.title not in body


def test_the_enterprise_offers_and_the_college_approves(client_for, site, qualification, users):
    hr = client_for("enterprise_hr")
    response = hr.post("/places/new/", {
        "title": "Слесарь", "site": site.pk, "qualifications": [qualification.pk], "language": "any", "capacity": 2,
        "starts_on": "2026-09-01", "ends_on": "2026-08-01", "monthly_payment": "0", "payment_reason": ""})
    assert response.status_code == 200
    body = response.content.decode()
    assert "end after it starts" in body and "reason when the place pays" in body
    response = hr.post("/places/new/", {
        "title": "Слесарь", "site": site.pk, "qualifications": [qualification.pk], "language": "any", "capacity": 2,
        "starts_on": "2026-09-01", "ends_on": "2026-12-01", "monthly_payment": "50000"})
    assert response.status_code == 302
    place = TrainingPlace.objects.get(title="Слесарь")
    assert place.status == PlaceStatus.DRAFT and place.district == site.district and place.enterprise == site.enterprise
    assert client_for("college_admin").get(f"/places/{place.pk}/").status_code == 403  # a draft
    hr.post(f"/places/{place.pk}/publish/")
    coordinator = client_for("dual_coordinator")
    assert "Approve" in coordinator.get(f"/places/{place.pk}/").content.decode()
    coordinator.post(f"/places/{place.pk}/approve/")
    place.refresh_from_db()
    assert place.status == PlaceStatus.APPROVED and place.approved_by == users["dual_coordinator"]


def test_applicants_are_shown_to_the_enterprise_and_scored_by_the_college(client_for, record, make_place,
                                                                          make_student, other_college, other_group):
    place = make_place(language="any")
    Preference.objects.create(student=record, place=place, rank=1)
    outsider = make_student(college=other_college, group=other_group)
    pref = Preference.objects.create(student=outsider, place=place, rank=1)
    body = client_for("enterprise_hr").get(f"/places/{place.pk}/").content.decode()
    assert record.last_name in body and outsider.last_name in body
    body = client_for("college_admin").get(f"/places/{place.pk}/").content.decode()
    assert record.last_name in body and outsider.last_name not in body
    assert record.last_name not in client_for("student").get(f"/places/{place.pk}/").content.decode()
    mine = Preference.objects.get(student=record)
    client_for("college_admin").post(f"/places/{place.pk}/applicants/{mine.pk}/score/", {"score": "7,5"})
    mine.refresh_from_db()
    assert str(mine.score) == "7.50"
    assert client_for("college_admin").post(f"/places/{place.pk}/applicants/{pref.pk}/score/",
                                            {"score": "9"}).status_code == 403


def test_a_round_through_the_pages(client_for, record, make_place, users, deadline,
                                   django_capture_on_commit_callbacks):
    place = make_place(capacity=1)
    Preference.objects.create(student=record, place=place, rank=1)
    admin = client_for("college_admin")
    response = admin.post("/rounds/new/", {"name": "Осень", "scope": "college",
                                           "deadline": (deadline).strftime("%Y-%m-%dT%H:%M"), "places": [place.pk]})
    assert response.status_code == 302, response.content.decode()[:2000]
    round_ = place.rounds.get()
    admin.post(f"/rounds/{round_.pk}/lock/")
    with django_capture_on_commit_callbacks(execute=True):  # the worker runs it (eagerly in tests)
        response = admin.post(f"/rounds/{round_.pk}/run/")
    assert response.status_code == 302 and response["Location"] == f"/rounds/{round_.pk}/"
    body = admin.get(f"/rounds/{round_.pk}/").content.decode()
    assert record.last_name in body and "Publish and notify" in body
    analyst_body = client_for("analyst").get(f"/rounds/{round_.pk}/").content.decode()
    assert record.last_name not in analyst_body and "Matched" in analyst_body
    admin.post(f"/rounds/{round_.pk}/publish/")
    round_.refresh_from_db()
    assert round_.status == RoundStatus.PUBLISHED
    body = client_for("student").get("/preferences/").content.decode()
    assert "you got the place" in body
    assert "Осень" in client_for("student").get("/notifications/").content.decode()
    admin.post(f"/rounds/{round_.pk}/second/")
    assert round_.next_rounds.count() == 1


def test_the_preferences_page_says_when_locked(client_for, record, make_place, college, deadline):
    services.lock_round(None, services.create_round(None, name="Заперт", deadline=deadline, college=college,
                                                    places=[make_place()]))
    body = client_for("student").get("/preferences/").content.decode()
    assert "locked by the matching round" in body
