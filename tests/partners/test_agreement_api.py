"""Agreements and the partner network through the API: the same rules and scopes as the pages."""

import pytest

from kasip.core.services import create_api_token
from kasip.partners.models import Agreement

from .conftest import make_agreement


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


def body(college, enterprise, **overrides):
    data = {"college_bin": college.bin, "enterprise_bin": enterprise.bin, "kind": "practice", "number": "П-10/2025",
            "signed_on": "2025-03-01", "valid_from": "2025-03-10", "valid_until": "2028-12-31", "status": "active",
            "students_covered": 18, "subject": "Производственная практика"}
    data.update(overrides)
    return data


def test_the_region_admin_records_an_agreement(call, other_college, enterprise):
    response = call("region_admin")("post", "/api/v1/agreements", body(other_college, enterprise))
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["college"]["bin"], data["enterprise"]["bin"], data["kind"], data["status"]) == (
        other_college.bin, enterprise.bin, "practice", "active")
    assert data["in_force"] is True and data["has_document"] is False
    assert (data["valid_until"], data["students_covered"]) == ("2028-12-31", 18)
    assert Agreement.objects.get(pk=data["id"]).number == "П-10/2025"


def test_a_college_records_for_itself_and_a_coordinator_only_drafts(call, college, other_college, enterprise):
    response = call("college_admin")("post", "/api/v1/agreements", body(other_college, enterprise))
    assert response.status_code == 201
    assert (response.json()["college"]["id"], response.json()["status"]) == (college.pk, "active")
    coordinator = call("dual_coordinator")
    response = coordinator("post", "/api/v1/agreements", body(college, enterprise, number="П-11"))
    assert response.status_code == 422
    assert [e["loc"][-1] for e in response.json()["detail"]] == ["status"]
    data = {k: v for k, v in body(college, enterprise, number="П-11").items() if k != "status"}
    response = coordinator("post", "/api/v1/agreements", data)
    assert response.status_code == 201 and response.json()["status"] == "draft"


@pytest.mark.parametrize("overrides,field", [
    ({"enterprise_bin": "000000000000"}, "enterprise_bin"),
    ({"college_bin": "000000000000"}, "college_bin"),
    ({"college_bin": None}, "college_bin"),
    ({"kind": "friendship"}, "kind"),
    ({"status": "forgotten"}, "status"),
    ({"valid_until": "2025-01-01"}, "valid_until"),
    ({"valid_from": "2025-02-30"}, "valid_from"),
    ({"status": "expired"}, "status"),
    ({"number": ""}, "number"),
    ({"students_covered": -1}, "students_covered"),
])
def test_a_bad_agreement_is_a_422_naming_the_field(call, college, enterprise, overrides, field):
    response = call("region_admin")("post", "/api/v1/agreements", body(college, enterprise, **overrides))
    assert response.status_code == 422, response.content
    assert field in {e["loc"][-1] for e in response.json()["detail"]}
    assert not Agreement.objects.exists()


def test_the_same_number_twice_is_a_422_on_the_number(call, agreement):
    response = call("region_admin")("post", "/api/v1/agreements",
                                    body(agreement.college, agreement.enterprise, number=agreement.number))
    assert response.status_code == 422
    assert [e["loc"][-1] for e in response.json()["detail"]] == ["number"]


def test_the_list_is_scoped_and_filtered(call, agreement, other_agreement):
    hr = call("enterprise_hr")("get", "/api/v1/agreements").json()
    assert [a["id"] for a in hr["items"]] == [agreement.pk]
    college = call("college_admin")("get", "/api/v1/agreements").json()
    assert [a["id"] for a in college["items"]] == [agreement.pk]
    analyst = call("analyst")
    assert analyst("get", "/api/v1/agreements").json()["count"] == 2
    assert [a["id"] for a in analyst("get", "/api/v1/agreements", {"kind": "memorandum"}).json()["items"]] == [
        other_agreement.pk]
    assert call("college_admin")("get", f"/api/v1/agreements/{other_agreement.pk}").status_code == 403
    assert call("enterprise_hr")("get", f"/api/v1/agreements/{other_agreement.pk}").status_code == 403
    assert call("mentor")("get", "/api/v1/agreements").status_code == 403


def test_a_patch_changes_the_term_clears_the_count_and_terminates(call, agreement):
    response = call("college_admin")("patch", f"/api/v1/agreements/{agreement.pk}",
                                     {"valid_until": None, "students_covered": None, "status": "terminated",
                                      "number": None})
    assert response.status_code == 200, response.content
    agreement.refresh_from_db()
    assert (agreement.valid_until, agreement.students_covered, agreement.status, agreement.number) == (
        None, None, "terminated", "ДО-1/2025")
    assert response.json()["in_force"] is False


def test_a_coordinator_patches_but_does_not_change_the_status(call, agreement):
    coordinator = call("dual_coordinator")
    assert coordinator("patch", f"/api/v1/agreements/{agreement.pk}", {"students_covered": 50}).status_code == 200
    response = coordinator("patch", f"/api/v1/agreements/{agreement.pk}", {"status": "suspended"})
    assert response.status_code == 422
    agreement.refresh_from_db()
    assert (agreement.students_covered, agreement.status) == (50, "active")


def test_a_patch_of_another_colleges_agreement_is_refused(call, other_agreement):
    for role in ("college_admin", "dual_coordinator", "enterprise_hr", "analyst"):
        response = call(role)("patch", f"/api/v1/agreements/{other_agreement.pk}", {"students_covered": 1})
        assert response.status_code == 403, role
    other_agreement.refresh_from_db()
    assert other_agreement.students_covered is None


def test_the_network_is_scoped(call, agreement, other_agreement, other_college):
    make_agreement(other_college, agreement.enterprise, "Ч-1", kind="practice", students_covered=10)
    everyone = call("analyst")("get", "/api/v1/partners/network").json()
    assert everyone["totals"] == {"agreements": 3, "colleges": 2, "enterprises": 2, "pairs": 3,
                                  "students_covered": 35}
    own = call("college_admin")("get", "/api/v1/partners/network").json()
    assert [c["college"]["id"] for c in own["colleges"]] == [agreement.college_id]
    assert own["colleges"][0]["partners"][0]["enterprise"]["bin"] == agreement.enterprise.bin
    hr = call("enterprise_hr")("get", "/api/v1/partners/network").json()
    assert hr["totals"]["enterprises"] == 1 and hr["totals"]["colleges"] == 2
    assert call("mentor")("get", "/api/v1/partners/network").status_code == 403
    assert call("analyst")("get", "/api/v1/partners/network", {"scope": "everything"}).status_code == 422


def test_ids_outside_64_bits_are_refused_not_crashed(call):
    assert call("region_admin")("get", f"/api/v1/agreements/{2**63}").status_code == 422
