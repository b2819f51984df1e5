"""The contracts' API: the same rules as the pages, with 422 naming the field on bad input."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from kasip.core.services import create_api_token
from kasip.dual import services

from .contract_fixtures import *  # noqa: F403  (the fixtures)
from .contract_fixtures import ADULT, ecp

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_for(users):
    def make(role):
        key = create_api_token(users[role], "t")[1]
        headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}

        class Api:
            def get(self, url):
                return Client().get(url, **headers)

            def post(self, url, body=None, method="post"):
                return getattr(Client(), method)(url, body or {}, content_type="application/json", **headers)

            def upload(self, url, data):
                return Client().post(url, data, **headers)

        return Api()

    return make


def test_the_student_accepts_a_placement_and_reads_the_contract(api_for, student_account, make_place, placement_of):
    placement = placement_of(student_account, make_place())
    response = api_for("student").post("/api/v1/contracts", {"placement_id": placement.pk})
    assert response.status_code == 201
    body = response.json()
    assert (body["status"], body["origin"], body["student_iin"]) == ("draft", "matching", student_account.iin)
    assert body["unsigned_parties"] == ["college", "enterprise", "student"]
    listed = api_for("student").get("/api/v1/contracts").json()
    assert [c["number"] for c in listed["items"]] == [body["number"]]


def test_a_full_place_answers_422_with_the_message(api_for, make_student, make_place, placement_of):
    place = make_place(capacity=1)
    services.accept_placement(None, placement_of(make_student(), place))
    response = api_for("dual_coordinator").post("/api/v1/contracts",
                                                {"placement_id": placement_of(make_student(), place).pk})
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"] == f"The place “{place.title}” is full: all 1 seats are taken."


def test_group_placement_through_the_api_names_the_field_on_bad_input(api_for, agreement, group, site, make_student):
    make_student(ADULT)
    body = {"agreement_id": agreement.pk, "group_id": group.pk, "site_id": site.pk, "starts_on": "2026-09-01",
            "ends_on": "2027-05-31", "monthly_payment": "0"}
    response = api_for("dual_coordinator").post("/api/v1/group-placements", body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "payment_reason"]
    response = api_for("dual_coordinator").post("/api/v1/group-placements", {**body, "site_id": 999999})
    assert response.json()["detail"][0]["loc"] == ["body", "site_id"]
    response = api_for("dual_coordinator").post("/api/v1/group-placements", {**body, "monthly_payment": "75000"})
    assert response.status_code == 201 and len(response.json()["created"]) == 1


def test_edit_send_and_sign_through_the_api(api_for, draft, users):
    api = api_for("dual_coordinator")
    response = api.post(f"/api/v1/contracts/{draft.pk}", {"student_document": "уд. № 7", "periods": [
        {"kind": "enterprise", "starts_on": str(draft.starts_on), "ends_on": str(draft.ends_on)}]}, method="patch")
    assert response.status_code == 200 and response.json()["student_document"] == "уд. № 7"
    response = api.post(f"/api/v1/contracts/{draft.pk}/send")
    assert response.json()["status"] == "signing" and len(response.json()["document_digest"]) == 64
    draft.refresh_from_db()
    cms = ecp(services.signing_document(draft), iin=draft.student.iin)
    response = api_for("student").post(f"/api/v1/contracts/{draft.pk}/signatures", {"party": "student", "cms": cms})
    assert response.status_code == 201 and response.json()["method"] == "ecp"
    response = api_for("student").post(f"/api/v1/contracts/{draft.pk}/signatures", {"party": "student", "cms": cms})
    assert response.status_code == 422 and "already signed" in response.json()["detail"][0]["msg"]
    response = api_for("student").post(f"/api/v1/contracts/{draft.pk}/signatures", {"party": "college", "cms": cms})
    assert response.status_code == 403
    assert response.json()["detail"] == "You sign for the student only, not for the college."
    upload = SimpleUploadedFile("signed.png", b"\x89PNG\r\n\x1a\n" + b"0" * 32, content_type="image/png")
    response = api_for("enterprise_hr").upload(f"/api/v1/contracts/{draft.pk}/signatures/scan",
                                               {"party": "enterprise", "file": upload})
    assert response.status_code == 201 and response.json()["has_scan"] is True


def test_orders_through_the_api(api_for, draft):
    response = api_for("dual_coordinator").post("/api/v1/orders", {"kind": "sending", "number": "9",
                                                                   "date": "2026-08-25", "contract_ids": [draft.pk]})
    assert response.status_code == 201 and response.json()["contract_ids"] == [draft.pk]
    response = api_for("dual_coordinator").post("/api/v1/orders", {"kind": "sending", "number": "9",
                                                                   "date": "2026-08-25", "contract_ids": [draft.pk]})
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["body", "number"]
    response = api_for("enterprise_hr").post("/api/v1/orders", {"kind": "sending", "number": "10",
                                                                "date": "2026-08-25", "contract_ids": [draft.pk]})
    assert response.status_code == 403
