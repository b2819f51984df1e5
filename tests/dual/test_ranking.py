"""The enterprise ranks a place's applicants itself (page and API): a rank per applicant, saved together;
"use the college's score" clears it; bad input and a locked round are refused with a message naming the
problem; only the place's own enterprise HR and the region admin rank."""

import pytest
from django.test import Client

from kasip.core.models import Role
from kasip.core.services import create_api_token
from kasip.dual import services
from kasip.dual.models import PlaceRanking, Preference
from kasip.registry.models import Enterprise
from tests.helpers import make_user


@pytest.fixture
def applied(make_student, make_place):
    place = make_place(capacity=1)
    students = [make_student() for _ in range(3)]
    for s in students:
        Preference.objects.create(student=s, place=place, rank=1, score=5)
    return place, students


def ranking(place):
    return list(PlaceRanking.objects.filter(place=place).order_by("rank").values_list("student_id", flat=True))


def api_for(user):
    key = create_api_token(user, "t")[1]
    client, headers = Client(), {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    def request(method, url, body=None):
        if body is None:
            return getattr(client, method)(url, **headers)
        return getattr(client, method)(url, body, content_type="application/json", **headers)

    return request


def test_the_enterprise_ranks_its_applicants_on_the_place_page(client_for, applied):
    place, (a, b, c) = applied
    hr = client_for("enterprise_hr")
    body = hr.get(f"/places/{place.pk}/").content.decode()
    assert f'name="rank-{a.pk}"' in body and "Save the ranking" in body and "Use the college" not in body
    response = hr.post(f"/places/{place.pk}/ranking/", {f"rank-{a.pk}": "2", f"rank-{c.pk}": "1", f"rank-{b.pk}": ""},
                       follow=True)
    assert "2 applicants ranked" in response.content.decode()
    assert ranking(place) == [c.pk, a.pk]  # b is not taken by the place
    body = hr.get(f"/places/{place.pk}/").content.decode()
    assert body.index(c.last_name) < body.index(a.last_name) < body.index(b.last_name)
    assert "Use the college&#x27;s score" in body or "Use the college's score" in body
    hr.post(f"/places/{place.pk}/ranking/", {"clear": "1", f"rank-{a.pk}": "1"})
    assert ranking(place) == []
    assert 'name="rank-' not in client_for("college_admin").get(f"/places/{place.pk}/").content.decode()
    assert client_for("college_admin").post(f"/places/{place.pk}/ranking/").status_code == 403


def test_bad_rankings_are_refused_with_a_message(client_for, applied, make_student, college, deadline):
    place, (a, b, _c) = applied
    hr = client_for("enterprise_hr")
    PlaceRanking.objects.create(place=place, student=b, rank=1)

    def post(data):
        return hr.post(f"/places/{place.pk}/ranking/", data, follow=True).content.decode()

    assert "Two applicants have the rank 1" in post({f"rank-{a.pk}": "1", f"rank-{b.pk}": "1"})
    assert "whole number from 1" in post({f"rank-{a.pk}": "first"})
    assert "whole number from 1" in post({f"rank-{a.pk}": "0"})
    stranger = make_student()
    assert f"did not apply: {stranger.pk}" in post({f"rank-{stranger.pk}": "1"})
    assert ranking(place) == [b.pk]  # nothing changed
    round_ = services.create_round(None, name="Зима", deadline=deadline, college=college, places=[place])
    services.lock_round(None, round_)
    assert "is locked; the ranking cannot change" in post({f"rank-{a.pk}": "1"})
    assert ranking(place) == [b.pk]


def test_the_ranking_through_the_api(users, applied, region, college, deadline):
    place, (a, b, c) = applied
    hr = api_for(users["enterprise_hr"])
    data = hr("get", f"/api/v1/places/{place.pk}/ranking").json()
    assert data["uses_college_score"] and data["student_ids"] == [] and len(data["applicants"]) == 3
    response = hr("put", f"/api/v1/places/{place.pk}/ranking", {"student_ids": [b.pk, a.pk]})
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["student_ids"] == [b.pk, a.pk] and not data["uses_college_score"]
    assert [x["enterprise_rank"] for x in data["applicants"]] == [1, 2, None]

    for body, problem in (({"student_ids": [a.pk, a.pk]}, "more than once"),
                          ({"student_ids": [a.pk, 99999999]}, "did not apply: 99999999"),
                          ({"student_ids": [0]}, "positive integer"),
                          ({"student_ids": "x"}, "")):
        response = hr("put", f"/api/v1/places/{place.pk}/ranking", body)
        assert response.status_code == 422, body
        assert problem in response.json()["detail"][0]["msg"] and "student_ids" in response.json()["detail"][0]["loc"]
    assert ranking(place) == [b.pk, a.pk]

    admin = api_for(users["region_admin"])
    assert admin("put", f"/api/v1/places/{place.pk}/ranking", {"student_ids": []}).json()["uses_college_score"]
    other = Enterprise.objects.create(bin="990540000011", name_kk="Басқа", name_ru="Другое", district=place.district,
                                      oked="24100")
    outsider = api_for(make_user("hr2", Role.ENTERPRISE_HR, other))
    assert outsider("get", f"/api/v1/places/{place.pk}/ranking").status_code == 403
    assert api_for(users["college_admin"])("put", f"/api/v1/places/{place.pk}/ranking",
                                          {"student_ids": []}).status_code == 403
    round_ = services.create_round(None, name="Зима", deadline=deadline, college=college, places=[place])
    services.lock_round(None, round_)
    response = hr("put", f"/api/v1/places/{place.pk}/ranking", {"student_ids": [c.pk]})
    assert response.status_code == 422 and "locked" in response.json()["detail"][0]["msg"]
