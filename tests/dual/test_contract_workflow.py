"""A contract's contents while draft (schedule, mentor, payment, guardian), then signing, completion or
termination; the list with its filters and the export."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.exceptions import ValidationError

from kasip.core.models import AuditEntry
from kasip.dual import services
from kasip.dual.models import ContractStatus, PeriodKind

from .contract_fixtures import *  # noqa: F403  (the fixtures)
from .contract_fixtures import MINOR

pytestmark = pytest.mark.django_db


def test_a_draft_cannot_be_sent_without_the_identity_document(draft):
    with pytest.raises(ValidationError) as exc:
        services.send_for_signature(None, draft)
    assert exc.value.message_dict == {"student_document": [
        "Give the student's identity document (kind, number, issued by and date)."]}


def test_the_payment_field_is_required_and_zero_needs_the_reason(draft):
    with pytest.raises(ValidationError) as exc:
        services.update_contract(None, draft, monthly_payment=None)
    assert list(exc.value.message_dict) == ["monthly_payment"]
    with pytest.raises(ValidationError) as exc:
        services.update_contract(None, draft, monthly_payment=0, payment_reason="")
    assert exc.value.message_dict == {"payment_reason": ["Give the reason when the contract pays the student nothing."]}


def test_the_schedule_stays_within_the_contract_and_has_an_enterprise_period(draft):
    start, end = draft.starts_on, draft.ends_on
    with pytest.raises(ValidationError) as exc:
        services.update_contract(None, draft, periods=[(PeriodKind.COLLEGE, start, end)])
    assert exc.value.message_dict["periods"] == ["The schedule needs at least one period at the enterprise."]
    with pytest.raises(ValidationError) as exc:
        services.update_contract(None, draft, periods=[(PeriodKind.ENTERPRISE, start, end.replace(year=end.year + 1))])
    assert "is outside the contract's dates" in exc.value.message_dict["periods"][0]
    with pytest.raises(ValidationError) as exc:
        services.update_contract(None, draft, periods=[(PeriodKind.ENTERPRISE, start, start.replace(day=20)),
                                                       (PeriodKind.COLLEGE, start.replace(day=10), end)])
    assert exc.value.message_dict["periods"] == ["Periods overlap on 09/10/2026."]


def test_a_guardian_iin_is_checked(make_student, make_place, placement_of):
    contract = services.accept_placement(None, placement_of(make_student(MINOR), make_place()))
    with pytest.raises(ValidationError) as exc:
        services.update_contract(None, contract, guardian_iin="123456789012")
    assert exc.value.message_dict["guardian_iin"][0].startswith("IIN: ")


def test_a_minor_cannot_be_moved_to_a_hazardous_site(make_student, make_place, placement_of, hazardous_site):
    contract = services.accept_placement(None, placement_of(make_student(MINOR), make_place()))
    with pytest.raises(ValidationError) as exc:
        services.update_contract(None, contract, site=hazardous_site)
    assert "takes trainees of 18 and over only" in exc.value.message_dict["site"][0]


def test_only_a_draft_changes(signing):
    with pytest.raises(ValidationError, match="Only a draft changes"):
        services.update_contract(None, signing, insurance="другая")


def test_the_edit_page_saves_contents_and_schedule(client_for, draft):
    client = client_for("dual_coordinator")
    assert client.get(f"/contracts/{draft.pk}/edit/").status_code == 200
    data = {"site": draft.site_id, "starts_on": "2026-09-01", "ends_on": "2026-12-30", "enterprise_hours": "600",
            "monthly_payment": "0", "payment_reason": "", "insurance": "", "work_obligation_months": "6",
            "student_document": "уд. № 1", "periods-TOTAL_FORMS": "2", "periods-INITIAL_FORMS": "0",
            "periods-MIN_NUM_FORMS": "0", "periods-MAX_NUM_FORMS": "50",
            "periods-0-kind": "college", "periods-0-starts_on": "2026-09-01", "periods-0-ends_on": "2026-09-30",
            "periods-1-kind": "enterprise", "periods-1-starts_on": "2026-10-01", "periods-1-ends_on": "2026-12-30"}
    response = client.post(f"/contracts/{draft.pk}/edit/", data)
    assert "Give the reason when the contract pays the student nothing." in response.content.decode()
    response = client.post(f"/contracts/{draft.pk}/edit/", {**data, "payment_reason": "практика"}, follow=True)
    assert "Changes saved." in response.content.decode()
    draft.refresh_from_db()
    assert (draft.enterprise_hours, draft.work_obligation_months, draft.payment_reason) == (600, 6, "практика")
    assert [p.kind for p in draft.periods.all()] == ["college", "enterprise"]


def test_signed_contracts_complete_and_open_ones_terminate_with_a_reason(signing, users, client_for):
    client = client_for("dual_coordinator")
    response = client.post(f"/contracts/{signing.pk}/complete/", follow=True)
    assert "Only a signed contract is completed" in response.content.decode()
    response = client.post(f"/contracts/{signing.pk}/terminate/", {"reason": ""}, follow=True)
    assert "Give the reason for terminating the contract." in response.content.decode()
    client.post(f"/contracts/{signing.pk}/terminate/", {"reason": "отчислен приказом № 5"})
    signing.refresh_from_db()
    assert (signing.status, signing.status_reason) == (ContractStatus.TERMINATED, "отчислен приказом № 5")


def test_staff_opening_a_contract_is_a_personal_record_read_the_student_is_not(draft, client_for):
    client_for("student").get(f"/contracts/{draft.pk}/")
    client_for("enterprise_hr").get(f"/contracts/{draft.pk}/")
    readers = list(AuditEntry.objects.filter(action="read", object_type="dual.contract").values_list("actor_repr",
                                                                                                      flat=True))
    assert readers == ["enterprise_hr"]


def test_the_list_filters_and_the_export_lists_the_contracts(client_for, draft, make_student, make_place,
                                                             placement_of):
    other = services.accept_placement(None, placement_of(make_student(), make_place()))
    services.terminate_contract(None, other, "ушёл")
    client = client_for("dual_coordinator")
    page = client.get("/contracts/?status=draft").content.decode()
    assert draft.number in page and other.number not in page
    rows = list(csv.reader(io.StringIO(client.get("/exports/contracts.csv").content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["number", "status", "origin"]
    assert sorted(r[0] for r in rows[1:]) == sorted([draft.number, other.number])
    assert client_for("analyst").get("/exports/contracts.csv").status_code == 403


def test_the_mentor_sees_only_the_contracts_he_mentors(draft, mentor, client_for):
    assert client_for("mentor").get(f"/contracts/{draft.pk}/").status_code == 403
    services.update_contract(None, draft, mentor=mentor)
    assert client_for("mentor").get(f"/contracts/{draft.pk}/").status_code == 200
    assert draft.number in client_for("mentor").get("/contracts/").content.decode()


def test_a_mentor_takes_no_more_trainees_than_his_maximum(draft, mentor, make_student, make_place, placement_of):
    mentor.max_trainees = 1
    mentor.save()
    services.update_contract(None, draft, mentor=mentor)
    other = services.accept_placement(None, placement_of(make_student(), make_place()))
    with pytest.raises(ValidationError) as exc:
        services.update_contract(None, other, mentor=mentor)
    assert exc.value.message_dict == {"mentor": [
        "The mentor Ержанов Бауыржан takes at most 1 trainees; 1 are already assigned."]}
