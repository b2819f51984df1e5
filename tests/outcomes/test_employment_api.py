"""Employment records and the employment rate through the API: the same rules and scopes as the pages, errors
by field, and the public figures with small cells suppressed."""

import pytest

from kasip.core.models import AuditEntry
from kasip.core.services import create_api_token
from kasip.outcomes.models import EmploymentRecord

from .conftest import make_record


@pytest.fixture
def call(client_for, users):
    def make(role):
        headers = {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(users[role], 'test')[1]}"} if role else {}
        client = client_for(None)

        def request(method, path, body=None):
            if method == "get":
                return client.get(path, body or {}, **headers)
            return getattr(client, method)(path, body, content_type="application/json", **headers)

        return request

    return make


def body(graduation, **overrides):
    data = {"student_iin": graduation.student.iin, "months_after": 12, "status": "employed",
            "employer_bin": None, "employer_name": "ТОО «Болат»", "occupation_code": "7212-1",
            "occupation_title": "Электрогазосварщик", "in_specialty": True, "wage_band": "300k_500k",
            "source": "pension", "recorded_on": "2025-07-02"}
    data.update(overrides)
    return data


def test_the_college_admin_records_employment_by_iin_or_diploma(call, graduated, enterprise):
    response = call("college_admin")("post", "/api/v1/employment-records", body(graduated, employer_bin=enterprise.bin))
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["graduate"]["iin"] == graduated.student.iin and data["employer_id"] == enterprise.pk
    assert (data["months_after"], data["status"], data["wage_band"], data["in_specialty"]) == (
        12, "employed", "300k_500k", True)
    by_diploma = body(graduated, student_iin=None, diploma_number=graduated.diploma_number, months_after=6,
                      status="unemployed", employer_name="", occupation_code=None, occupation_title="",
                      in_specialty=None, wage_band=None, recorded_on="2024-12-30")
    response = call("college_admin")("post", "/api/v1/employment-records", by_diploma)
    assert response.status_code == 201, response.content
    assert response.json()["wage_band"] is None
    assert EmploymentRecord.objects.count() == 2


@pytest.mark.parametrize("overrides,field", [
    ({"student_iin": None}, "student_iin"),
    ({"student_iin": "123456789012"}, "student_iin"),
    ({"months_after": 9}, "months_after"),
    ({"status": "sleeping"}, "status"),
    ({"employer_bin": "123456789012"}, "employer_bin"),
    ({"occupation_code": "72"}, "occupation_code"),
    ({"recorded_on": "2999-01-01"}, "recorded_on"),
    ({"employer_name": "", "employer_bin": None}, "employer_name"),
    ({"status": "unemployed", "wage_band": None, "in_specialty": None, "occupation_code": None,
      "occupation_title": ""}, "employer_name"),
])
def test_a_bad_record_is_a_422_naming_the_field(call, graduated, overrides, field):
    response = call("college_admin")("post", "/api/v1/employment-records", body(graduated, **overrides))
    assert response.status_code == 422, response.content
    assert field in {e["loc"][-1] for e in response.json()["detail"]}
    assert not EmploymentRecord.objects.exists()


def test_a_second_record_at_the_same_months_is_a_422(call, graduated):
    make_record(graduated, 12, "unemployed")
    response = call("region_admin")("post", "/api/v1/employment-records", body(graduated))
    assert response.status_code == 422
    assert "exists already" in response.json()["detail"][0]["msg"]


def test_another_colleges_graduate_is_unknown_to_a_college_admin(call, other_graduation):
    response = call("college_admin")("post", "/api/v1/employment-records", body(other_graduation))
    assert response.status_code == 422 and response.json()["detail"][0]["loc"][-1] == "student_iin"


def test_a_patch_to_a_status_without_a_job_clears_the_job(call, graduated):
    record = make_record(graduated, 12, "employed", occupation_code="7212", in_specialty=True)
    response = call("college_admin")("patch", f"/api/v1/employment-records/{record.pk}", {"status": "unemployed"})
    assert response.status_code == 200, response.content
    record.refresh_from_db()
    assert (record.status, record.employer_name, record.occupation_code, record.in_specialty, record.wage_band) == (
        "unemployed", "", "", None, "")
    response = call("college_admin")("patch", f"/api/v1/employment-records/{record.pk}",
                                     {"employer_name": "ТОО «Вернулся»"})
    assert response.status_code == 422 and response.json()["detail"][0]["loc"][-1] == "employer_name"


def test_records_are_listed_in_the_callers_scope_and_reads_audited(call, users, graduation, other_graduation):
    own, other = make_record(graduation, 12, "unemployed"), make_record(other_graduation, 12, "unemployed")
    listed = call("dual_coordinator")("get", "/api/v1/employment-records").json()
    assert [r["id"] for r in listed["items"]] == [own.pk]
    assert call("dual_coordinator")("get", f"/api/v1/employment-records/{other.pk}").status_code == 403
    assert call("dual_coordinator")("get", f"/api/v1/employment-records/{own.pk}").status_code == 200
    assert AuditEntry.objects.filter(action="read", object_id=str(own.pk), actor=users["dual_coordinator"]).exists()
    assert call("analyst")("get", "/api/v1/employment-records").status_code == 403
    assert call("region_admin")("get", "/api/v1/employment-records", {"months": "12", "status": "unemployed"}
                                ).json()["count"] == 2


def test_the_employment_rate_is_public_with_n_and_intervals(call, outcomes_region, college, other_college):
    response = call(None)("get", "/api/v1/outcomes/employment-rate", {"year": 2024, "months": 12, "by": "college"})
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["total"]["rate"]["k"], data["total"]["rate"]["n"]) == (9, 11)
    assert data["total"]["rate"]["low"] == pytest.approx(0.5230, abs=1e-4)
    assert data["total"]["rate"]["high"] == pytest.approx(0.9486, abs=1e-4)
    assert data["excluded_statuses"] == ["further_study", "military_service", "parental_leave"]
    rows = {r["key"]: r for r in data["rows"]}
    assert rows[str(college.pk)]["rate"]["n"] == 10
    assert rows[str(other_college.pk)]["suppressed"] and rows[str(other_college.pk)]["rate"]["n"] is None
    assert data["min_cell"] == 5
    admin = call("region_admin")("get", "/api/v1/outcomes/employment-rate", {"year": 2024, "by": "college"}).json()
    assert {r["key"]: r for r in admin["rows"]}[str(other_college.pk)]["rate"]["n"] == 1
    assert admin["min_cell"] == 0


@pytest.mark.parametrize("by,keys", [("dual", {"dual", "not_dual"}), ("programme", {"4S07150503", "3W07150501"}),
                                     ("year", {"2024"}), ("", set())])
def test_the_employment_rate_breaks_down_by_programme_dual_or_year(call, outcomes_region, by, keys):
    data = call(None)("get", "/api/v1/outcomes/employment-rate", {"year": 2024, "by": by}).json()
    assert {r["key"] for r in data["rows"]} == keys


@pytest.mark.parametrize("params,field", [({"months": 9}, "months"), ({"by": "district"}, "by"),
                                          ({"year": "abc"}, "year"), ({"college": 999999}, "college")])
def test_a_bad_filter_of_the_employment_rate_is_a_422(call, db, params, field):
    response = call(None)("get", "/api/v1/outcomes/employment-rate", params)
    assert response.status_code == 422, response.content
    assert field in {e["loc"][-1] for e in response.json()["detail"]}
