"""The logbook's API: the same rules and permissions as the pages, errors as 422 naming the field."""

import datetime as dt

import pytest

from kasip.core.services import create_api_token
from kasip.dual.models import EntryStatus, LogbookEntry, Mentor
from tests.dual.logbook_fixtures import *  # noqa: F403
from tests.dual.logbook_fixtures import born_aged, last_monday, today


@pytest.fixture
def call(users, client):
    def make(role, method, url, body=None):
        key = create_api_token(users[role], "t")[1]
        kwargs = {"content_type": "application/json"} if body is not None else {}
        return getattr(client, method)(f"/api/v1{url}", body, HTTP_AUTHORIZATION=f"Bearer {key}", **kwargs)

    return make


def entry(day=None, **extra):
    return {"date": (day or last_monday()).isoformat(), "starts_at": "09:00", "ends_at": "13:00",
            "location": "enterprise", "tasks": "Сварка", **extra}


def test_the_student_writes_an_entry_and_the_mentor_signs_it(call, contract, outcomes):
    response = call("student", "post", f"/trainees/{contract.pk}/logbook", entry(outcome_codes=["ро1"]))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["hours"] == 4 and body["status"] == "submitted" and body["outcome_codes"] == ["РО1"]
    signed = call("mentor", "post", f"/logbook/{body['id']}/sign")
    assert signed.status_code == 200 and signed.json()["status"] == "signed"
    progress = call("dual_coordinator", "get", f"/trainees/{contract.pk}").json()["progress"]
    assert progress["signed_enterprise_hours"] == 4 and progress["flagged"] is True


def test_a_broken_rule_is_a_422_naming_the_field(call, make_contract, users):
    contract = make_contract(born=born_aged(15), user=users["student"])
    response = call("student", "post", f"/trainees/{contract.pk}/logbook", entry(starts_at="20:00",
                                                                                  ends_at="23:00"))
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail[0]["loc"] == ["body", "ends_at"] and "may not work at night" in detail[0]["msg"]
    future = call("student", "post", f"/trainees/{contract.pk}/logbook", entry(today() + dt.timedelta(days=3)))
    assert future.json()["detail"][0] == {"loc": ["body", "date"], "msg": "The date is in the future.",
                                          "type": "value_error"}
    assert not LogbookEntry.objects.exists()


def test_an_unknown_outcome_code_is_named(call, contract, outcomes):
    response = call("student", "post", f"/trainees/{contract.pk}/logbook", entry(outcome_codes=["РО9"]))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "outcome_codes"]


def test_an_entry_before_the_briefing_is_refused_with_the_reason(call, make_contract, users):
    contract = make_contract(user=users["student"], ready=False)
    response = call("student", "post", f"/trainees/{contract.pk}/logbook", entry())
    assert response.status_code == 422
    assert "No logbook entry before the safety briefing and the medical examination" in response.json()["detail"][0][
        "msg"]


def test_return_needs_a_comment_and_the_student_resubmits(call, contract):
    created = call("student", "post", f"/trainees/{contract.pk}/logbook", entry()).json()
    assert call("mentor", "post", f"/logbook/{created['id']}/return", {"comment": ""}).status_code == 422
    returned = call("mentor", "post", f"/logbook/{created['id']}/return", {"comment": "Мало подробностей"})
    assert returned.json()["status"] == "returned"
    fixed = call("student", "patch", f"/logbook/{created['id']}", {"tasks": "Сварка: 12 стыков", "hours": "3.5"})
    assert fixed.status_code == 200 and fixed.json()["status"] == "submitted" and fixed.json()["hours"] == 3.5


def test_briefing_medical_and_mentor_through_the_api(call, make_contract, users, enterprise):
    contract = make_contract(user=users["student"], ready=False, mentor=None)
    day = (today() - dt.timedelta(days=3)).isoformat()
    assert call("enterprise_hr", "post", f"/trainees/{contract.pk}/briefing",
                {"date": day, "given_by": "Инженер"}).status_code == 200
    assert call("dual_coordinator", "post", f"/trainees/{contract.pk}/medical",
                {"date": day, "certificate": "075-1"}).status_code == 200
    other = Mentor.objects.create(enterprise=enterprise, last_name="Ким", first_name="Виктор")
    assigned = call("enterprise_hr", "post", f"/trainees/{contract.pk}/mentor", {"mentor_id": other.pk})
    assert assigned.status_code == 200 and assigned.json()["mentor_id"] == other.pk
    missing = call("enterprise_hr", "post", f"/trainees/{contract.pk}/mentor", {"mentor_id": 999999})
    assert missing.status_code == 422 and missing.json()["detail"][0]["loc"] == ["body", "mentor_id"]


def test_mentors_through_the_api(call, enterprise):
    created = call("enterprise_hr", "post", "/mentors", {"last_name": "Ким", "first_name": "Виктор",
                                                         "max_trainees": 3})
    assert created.status_code == 201 and created.json()["enterprise_id"] == enterprise.pk
    too_many = call("enterprise_hr", "post", "/mentors", {"last_name": "Ким", "first_name": "В", "max_trainees": 31})
    assert too_many.status_code == 422
    listed = call("enterprise_hr", "get", "/mentors").json()
    assert [m["last_name"] for m in listed["items"]] == ["Ким"]


def test_assessments_and_final_result_through_the_api(call, contract, outcomes):
    made = call("mentor", "post", f"/trainees/{contract.pk}/assessments", {
        "outcome_code": "РО2", "date": today().isoformat(), "result": "competent", "score": 4})
    assert made.status_code == 201 and made.json()["outcome_code"] == "РО2"
    final = call("college_admin", "post", f"/trainees/{contract.pk}/final-result", {
        "date": today().isoformat(), "result": "passed", "certificate_number": "ДК-1", "grade": 5})
    assert final.status_code == 200 and final.json()["qualification_code"] == "3W07150501"
    detail = call("student", "get", f"/trainees/{contract.pk}").json()
    assert detail["outcomes_competent"] == 1 and detail["outcomes_total"] == 3
    assert detail["final_result"]["certificate_number"] == "ДК-1"


def test_the_student_and_the_mentor_see_only_their_own(call, contract, make_contract, enterprise):
    other = make_contract(mentor=Mentor.objects.create(enterprise=enterprise, last_name="Ким", first_name="В"))
    assert call("student", "get", f"/trainees/{other.pk}/logbook").status_code == 403
    assert call("mentor", "get", f"/trainees/{other.pk}").status_code == 403
    ids = [t["id"] for t in call("mentor", "get", "/trainees").json()["items"]]
    assert ids == [contract.pk]
    assert call("analyst", "get", "/trainees").status_code == 403


def test_a_signed_entry_cannot_change(call, contract):
    created = call("student", "post", f"/trainees/{contract.pk}/logbook", entry()).json()
    call("mentor", "post", f"/logbook/{created['id']}/sign")
    response = call("student", "patch", f"/logbook/{created['id']}", {"tasks": "Другое"})
    assert response.status_code == 422 and "final" in response.json()["detail"][0]["msg"]
    assert LogbookEntry.objects.get().status == EntryStatus.SIGNED


def test_a_time_with_a_zone_is_read_as_wall_clock_time(call, contract):
    response = call("student", "post", f"/trainees/{contract.pk}/logbook",
                    entry(starts_at="09:00:00+05:00", ends_at="10:30:15Z"))
    assert response.status_code == 201 and response.json()["hours"] == 1.5
