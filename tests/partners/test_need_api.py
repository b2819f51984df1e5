"""Workforce needs through the API: the same rules and scopes as the pages, errors named by field."""

import pytest

from kasip.core.services import create_api_token
from kasip.partners.models import WorkforceNeed


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


def body(enterprise, **overrides):
    data = {"enterprise_bin": enterprise.bin, "occupation_title": "Машинист крана", "occupation_code": "8343",
            "count": 6, "year": 2027, "district_kato": "352410000"}
    data.update(overrides)
    return data


def test_the_region_admin_declares_a_need(call, enterprise, qualification):
    response = call("region_admin")("post", "/api/v1/needs", body(enterprise, qualification_code="3w07150501",
                                                                  skill_level=2))
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["enterprise"]["bin"] == enterprise.bin
    assert (data["qualification_code"], data["skill_level"], data["district_kato"]) == ("3W07150501", 2, "352410000")
    assert WorkforceNeed.objects.get(pk=data["id"]).count == 6


def test_an_enterprise_hr_declares_for_its_own_enterprise_whatever_the_body_says(call, enterprise, other_enterprise):
    response = call("enterprise_hr")("post", "/api/v1/needs", body(other_enterprise))
    assert response.status_code == 201
    assert response.json()["enterprise"]["id"] == enterprise.pk


@pytest.mark.parametrize("overrides,field", [
    ({"district_kato": "999999999"}, "district_kato"),
    ({"enterprise_bin": "000000000000"}, "enterprise_bin"),
    ({"qualification_code": "9Z99999999"}, "qualification_code"),
    ({"occupation_code": "72-1"}, "occupation_code"),
    ({"occupation_title": "   "}, "occupation_title"),
    ({"count": 0}, "count"),
    ({"year": 1990}, "year"),
])
def test_a_bad_need_is_a_422_naming_the_field(call, enterprise, overrides, field):
    response = call("region_admin")("post", "/api/v1/needs", body(enterprise, **overrides))
    assert response.status_code == 422
    assert field in {e["loc"][-1] for e in response.json()["detail"]}
    assert not WorkforceNeed.objects.exists()


def test_the_list_is_scoped_and_filtered(call, need, other_need):
    hr = call("enterprise_hr")("get", "/api/v1/needs").json()
    assert [n["id"] for n in hr["items"]] == [need.pk]
    analyst = call("analyst")
    assert analyst("get", "/api/v1/needs").json()["count"] == 2
    assert [n["id"] for n in analyst("get", "/api/v1/needs", {"year": "2027"}).json()["items"]] == [other_need.pk]
    assert call("enterprise_hr")("get", f"/api/v1/needs/{other_need.pk}").status_code == 403
    assert call("mentor")("get", "/api/v1/needs").status_code == 403


def test_a_patch_changes_the_count_clears_the_level_and_deactivates(call, need):
    need.skill_level = 3
    need.save()
    response = call("enterprise_hr")("patch", f"/api/v1/needs/{need.pk}",
                                     {"count": 30, "skill_level": None, "is_active": False})
    assert response.status_code == 200, response.content
    need.refresh_from_db()
    assert (need.count, need.skill_level, need.is_active) == (30, None, False)


def test_a_patch_of_another_enterprises_need_is_refused(call, other_need):
    response = call("enterprise_hr")("patch", f"/api/v1/needs/{other_need.pk}", {"count": 1})
    assert response.status_code == 403
    other_need.refresh_from_db()
    assert other_need.count == 4


def test_ids_outside_64_bits_are_refused_not_crashed(call):
    assert call("region_admin")("get", f"/api/v1/needs/{2**63}").status_code == 422
