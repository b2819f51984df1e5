"""The API of individual placement: places, a student's list, rounds and placements."""

import pytest
from django.utils import timezone

from kasip.core.services import create_api_token
from kasip.dual.models import PlaceStatus, Preference, RoundStatus


@pytest.fixture
def call(users):
    from django.test import Client

    def make(role):
        key = create_api_token(users[role], "t")[1]
        client, headers = Client(), {"HTTP_AUTHORIZATION": f"Bearer {key}"}

        def request(method, url, body=None):
            if body is None:
                return getattr(client, method)(url, **headers)
            return getattr(client, method)(url, body, content_type="application/json", **headers)

        return request

    return make


@pytest.fixture
def record(make_student, users):
    return make_student(user=users["student"])


def test_an_enterprise_creates_a_place_and_its_errors_name_the_fields(call, site, qualification, hazardous_site):
    hr = call("enterprise_hr")
    body = {"site_id": site.pk, "title": "Сварщик", "qualification_codes": [qualification.code, "9X99999999"],
            "capacity": 2, "starts_on": "2026-09-01", "ends_on": "2026-12-31", "monthly_payment": "0"}
    response = hr("post", "/api/v1/places", body)
    assert response.status_code == 422
    assert {e["loc"][-1] for e in response.json()["detail"]} == {"qualification_codes"}
    body["qualification_codes"] = [qualification.code]
    response = hr("post", "/api/v1/places", body)
    assert response.status_code == 422 and response.json()["detail"][0]["loc"][-1] == "payment_reason"
    body.update(payment_reason="стипендия", site_id=hazardous_site.pk)
    response = hr("post", "/api/v1/places", body)
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["status"] == "draft" and data["adults_only"] and data["monthly_payment"] == "0.00"
    assert hr("post", f"/api/v1/places/{data['id']}/publish").json()["status"] == "published"
    assert call("college_admin")("post", f"/api/v1/places/{data['id']}/approve").json()["status"] == "approved"
    assert call("student")("get", f"/api/v1/places?qualification={qualification.code}").json()["count"] == 1
    assert hr("post", "/api/v1/places", {**body, "starts_on": "1900-01-01"}).status_code == 422


def test_a_student_sets_the_list_and_staff_read_it(call, record, make_place, settings):
    settings.KASIP_MAX_PREFERENCES = 2
    a, b, c = make_place(), make_place(), make_place(status=PlaceStatus.PUBLISHED)
    student = call("student")
    response = student("post", "/api/v1/preferences", {"place_ids": [b.pk, a.pk]})
    assert response.status_code == 200 and [p["place_id"] for p in response.json()] == [b.pk, a.pk]
    assert student("post", "/api/v1/preferences", {"place_ids": [a.pk, b.pk, c.pk]}).status_code == 422
    response = student("post", "/api/v1/preferences", {"place_ids": [c.pk]})
    assert response.status_code == 422 and "not open" in response.json()["detail"][0]["msg"]
    assert student("get", "/api/v1/preferences").json()["count"] == 2
    assert student("get", f"/api/v1/preferences?student={record.pk + 1}").status_code == 403
    admin = call("college_admin")
    assert admin("get", f"/api/v1/preferences?student={record.pk}").json()["count"] == 2
    pref = Preference.objects.get(place=a)
    assert admin("patch", f"/api/v1/preferences/{pref.pk}", {"score": "8.25"}).json()["score"] == "8.25"
    assert call("analyst")("get", "/api/v1/preferences").status_code == 403
    assert call("enterprise_hr")("post", "/api/v1/preferences", {"place_ids": []}).status_code == 403


def test_a_round_through_the_api(call, record, make_place, college, mailoutbox, django_capture_on_commit_callbacks):
    place = make_place(capacity=1)
    Preference.objects.create(student=record, place=place, rank=1)
    coordinator = call("dual_coordinator")
    deadline = (timezone.now() + timezone.timedelta(days=2)).isoformat()
    response = coordinator("post", "/api/v1/rounds", {"name": "Весна", "deadline": deadline, "place_ids": [place.pk],
                                                      "seed": 7})
    assert response.status_code == 201, response.content
    round_id = response.json()["id"]
    assert response.json()["college_id"] == college.pk and response.json()["place_ids"] == [place.pk]
    again = coordinator("post", "/api/v1/rounds", {"name": "Дубль", "deadline": deadline, "place_ids": [place.pk]})
    assert again.status_code == 422 and again.json()["detail"][0]["loc"][-1] == "place_ids"
    assert coordinator("post", "/api/v1/rounds", {"name": "R", "scope": "region", "deadline": deadline}).status_code == 403
    assert coordinator("post", f"/api/v1/rounds/{round_id}/run").status_code == 422
    assert coordinator("post", f"/api/v1/rounds/{round_id}/lock").json()["status"] == RoundStatus.LOCKED
    with django_capture_on_commit_callbacks(execute=True):  # the worker runs it (eagerly in tests)
        response = coordinator("post", f"/api/v1/rounds/{round_id}/run")
    assert response.status_code == 202, response.content
    job = response.json()
    assert job["round_id"] == round_id and job["status"] == "queued"
    assert job["status_url"] == f"/api/v1/rounds/{round_id}/job"
    done = coordinator("get", job["status_url"]).json()
    assert done["job_id"] == job["job_id"] and done["status"] == "succeeded" and done["result"]["matched"] == 1
    assert coordinator("get", f"/api/v1/jobs/{job['job_id']}").json()["status"] == "succeeded"
    data = coordinator("get", f"/api/v1/rounds/{round_id}").json()
    assert data["statistics"]["matched"] == 1 and data["statistics"]["by_rank"] == [{"rank": 1, "students": 1}]
    placements = coordinator("get", f"/api/v1/rounds/{round_id}/placements").json()
    assert placements["items"][0]["place_id"] == place.pk and placements["items"][0]["rank_obtained"] == 1
    analyst = call("analyst")
    assert analyst("get", f"/api/v1/rounds/{round_id}").json()["statistics"]["share_matched"] == 1.0
    assert analyst("get", f"/api/v1/rounds/{round_id}/placements").status_code == 403
    assert coordinator("post", f"/api/v1/rounds/{round_id}/publish").json()["status"] == "published"
    assert len(mailoutbox) == 1
    second = coordinator("post", "/api/v1/rounds", {"name": "Второй", "deadline": deadline,
                                                    "previous_round_id": round_id})
    assert second.status_code == 201 and second.json()["place_ids"] == []  # the only seat is taken
    assert coordinator("get", "/api/v1/rounds/99999999").status_code == 404
