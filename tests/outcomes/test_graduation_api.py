"""Graduations through the API: the same rules and scopes as the pages, reads audited, errors by field."""

import pytest

from kasip.core.models import AuditEntry
from kasip.core.services import create_api_token
from kasip.outcomes.models import Graduation

from .conftest import make_student


@pytest.fixture
def call(client_for, users):
    def make(role):
        key = create_api_token(users[role], "test")[1]
        headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
        client = client_for(None)

        def request(method, path, body=None):
            if method == "get":
                return client.get(path, body or {}, **headers)
            return getattr(client, method)(path, body, content_type="application/json", **headers)

        return request

    return make


def body(student, **overrides):
    data = {"student_iin": student.iin, "qualification_code": "4S07150503", "date": "2025-06-30",
            "diploma_number": "ТКБ 5550001"}
    data.update(overrides)
    return data


def test_the_college_admin_records_a_graduation(call, student, programme):
    response = call("college_admin")("post", "/api/v1/graduations", body(student, with_honours=True))
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["student"]["iin"] == student.iin
    assert data["programme"]["id"] == programme.pk and data["qualification_code"] == "4S07150503"
    assert data["with_honours"] is True
    assert Graduation.objects.get(pk=data["id"]).diploma_number == "ТКБ 5550001"


@pytest.mark.parametrize("overrides,field", [
    ({"qualification_code": "9Z99999999"}, "qualification_code"),
    ({"programme_id": 999999}, "programme_id"),
    ({"date": "2999-01-01"}, "date"),
    ({"diploma_number": ""}, "diploma_number"),
    ({"student_iin": "12345"}, "student_iin"),
])
def test_a_bad_graduation_is_a_422_naming_the_field(call, student, programme, overrides, field):
    response = call("college_admin")("post", "/api/v1/graduations", body(student, **overrides))
    assert response.status_code == 422, response.content
    assert field in {e["loc"][-1] for e in response.json()["detail"]}
    assert not Graduation.objects.exists()


def test_another_colleges_student_is_unknown_to_a_college_admin(call, other_student, worker):
    response = call("college_admin")("post", "/api/v1/graduations", body(other_student, qualification_code=worker.code))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "student_iin"


def test_a_student_already_graduated_is_a_422_on_the_student(call, graduation):
    response = call("region_admin")("post", "/api/v1/graduations", body(graduation.student, diploma_number="X-1"))
    assert response.status_code == 422
    assert "already graduated" in response.json()["detail"][0]["msg"]


def test_the_list_is_scoped_to_the_college_and_to_the_student(call, users, graduation, other_graduation, college):
    assert [g["id"] for g in call("college_admin")("get", "/api/v1/graduations").json()["items"]] == [graduation.pk]
    assert call("region_admin")("get", "/api/v1/graduations").json()["count"] == 2
    mine = make_student(college, user=users["student"])
    own = Graduation.objects.create(student=mine, programme=graduation.programme, qualification=graduation.qualification,
                                    date=graduation.date, diploma_number="ТКБ 0000042")
    student = call("student")
    assert [g["id"] for g in student("get", "/api/v1/graduations").json()["items"]] == [own.pk]
    assert student("get", f"/api/v1/graduations/{graduation.pk}").status_code == 403
    assert call("analyst")("get", "/api/v1/graduations").status_code == 403


def test_every_read_through_the_api_is_audited(call, users, graduation):
    assert call("college_admin")("get", f"/api/v1/graduations/{graduation.pk}").status_code == 200
    entry = AuditEntry.objects.get(action="read", object_type="outcomes.graduation")
    assert entry.actor == users["college_admin"] and entry.object_id == str(graduation.pk)


def test_a_patch_corrects_the_diploma_and_refuses_a_number_taken(call, graduation, other_graduation):
    admin = call("region_admin")
    response = admin("patch", f"/api/v1/graduations/{graduation.pk}", {"diploma_number": "ТКБ 0123450"})
    assert response.status_code == 200
    graduation.refresh_from_db()
    assert graduation.diploma_number == "ТКБ 0123450"
    response = admin("patch", f"/api/v1/graduations/{graduation.pk}",
                     {"diploma_number": other_graduation.diploma_number})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "diploma_number"


def test_a_college_admin_may_not_patch_another_colleges_graduation(call, other_graduation):
    assert call("college_admin")("patch", f"/api/v1/graduations/{other_graduation.pk}",
                                 {"with_honours": True}).status_code == 403
