"""The usual flow: a dual-training agreement covers a group; its students get contracts in one action, all or
nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kasip.dual import services
from kasip.dual.models import Contract, ContractOrigin, ContractStatus
from kasip.registry.models import StudentStatus

from .contract_fixtures import *  # noqa: F403  (the fixtures)
from .contract_fixtures import ADULT, MINOR

pytestmark = pytest.mark.django_db
START, END = dt.date(2026, 9, 1), dt.date(2027, 6, 30)


def place(actor=None, **extra):
    return services.place_group(actor, **{"starts_on": START, "ends_on": END, "monthly_payment": 70000, **extra})


def test_every_studying_student_of_the_group_gets_a_contract_in_one_action(
        users, agreement, group, site, make_student, mentor):
    students = [make_student(ADULT) for _ in range(4)]
    make_student(ADULT, status=StudentStatus.EXPELLED)

    result = place(users["dual_coordinator"], agreement=agreement, group=group, site=site, mentor=mentor,
                   insurance="полис № 5", work_obligation_months=12)

    assert sorted(c.student_id for c in result.created) == sorted(s.pk for s in students)
    contract = result.created[0]
    assert (contract.origin, contract.agreement, contract.status) == (ContractOrigin.GROUP, agreement,
                                                                      ContractStatus.DRAFT)
    assert contract.enterprise_hours == group.programme.hours_practice
    assert (contract.mentor, contract.insurance, contract.work_obligation_months) == (mentor, "полис № 5", 12)
    assert len({c.number for c in result.created}) == 4


def test_students_already_under_contract_are_left_out_and_named(agreement, group, site, make_student):
    first = make_student(ADULT)
    place(agreement=agreement, group=group, site=site)
    newcomer = make_student(ADULT)

    result = place(agreement=agreement, group=group, site=site)

    assert [c.student for c in result.created] == [newcomer]
    assert [s for s, _reason in result.skipped] == [first]
    assert "already has an open contract" in result.skipped[0][1]


def test_a_minor_at_a_hazardous_site_stops_the_whole_group_and_is_named(agreement, group, hazardous_site,
                                                                          make_student):
    make_student(ADULT)
    minor = make_student(MINOR)
    with pytest.raises(ValidationError) as exc:
        place(agreement=agreement, group=group, site=hazardous_site)
    assert exc.value.message_dict["students"] == [
        f"{minor.full_name} is under 18 on 09/01/2026: the hazardous site “{hazardous_site.name}” takes trainees of "
        "18 and over only."]
    assert Contract.objects.count() == 0


def test_the_payment_is_required_an_amount_or_zero_with_the_reason(agreement, group, site, make_student):
    make_student(ADULT)
    with pytest.raises(ValidationError) as exc:
        place(agreement=agreement, group=group, site=site, monthly_payment=0)
    assert exc.value.message_dict == {"payment_reason": ["Give the reason when the contract pays the student nothing."]}
    with pytest.raises(ValidationError) as exc:
        place(agreement=agreement, group=group, site=site, monthly_payment=None)
    assert "monthly_payment" in exc.value.message_dict
    assert place(agreement=agreement, group=group, site=site, monthly_payment=0,
                 payment_reason="стипендия по госзаказу").created[0].payment_reason == "стипендия по госзаказу"


def test_an_agreement_not_in_force_or_of_another_kind_is_refused(agreement, group, site, make_student):
    make_student(ADULT)
    agreement.status = "suspended"
    agreement.save()
    with pytest.raises(ValidationError) as exc:
        place(agreement=agreement, group=group, site=site)
    assert exc.value.message_dict["agreement"] == [f"Agreement № {agreement.number} is not in force."]
    agreement.status, agreement.kind = "active", "memorandum"
    agreement.save()
    with pytest.raises(ValidationError) as exc:
        place(agreement=agreement, group=group, site=site)
    assert "is not a dual-training agreement" in exc.value.message_dict["agreement"][0]


def test_the_site_must_be_the_agreements_enterprises_and_the_group_its_colleges(
        agreement, other_group, site, make_student, region):
    from kasip.core.validators import make_bin
    from kasip.registry.models import Enterprise, EnterpriseSite

    other = Enterprise.objects.create(bin=make_bin(2007, 7, 77), name_kk="Көмір", name_ru="Уголь",
                                      district=site.district)
    foreign_site = EnterpriseSite.objects.create(enterprise=other, name="Шахта", district=site.district)
    with pytest.raises(ValidationError) as exc:
        place(agreement=agreement, group=other_group, site=foreign_site)
    assert set(exc.value.message_dict) == {"group", "site"}


def test_the_period_must_be_in_order_and_within_the_agreement(agreement, group, site, make_student):
    make_student(ADULT)
    with pytest.raises(ValidationError) as exc:
        place(agreement=agreement, group=group, site=site, ends_on=START)
    assert exc.value.message_dict["ends_on"] == ["The training must end after it starts."]
    agreement.valid_until = dt.date(2027, 1, 31)
    agreement.save()
    with pytest.raises(ValidationError) as exc:
        place(agreement=agreement, group=group, site=site)
    assert exc.value.message_dict["ends_on"] == ["The agreement ends on 01/31/2027."]


def test_another_colleges_staff_may_not_place_the_group(users, agreement, other_group, site):
    from kasip.core.models import Role
    from tests.helpers import make_user

    stranger = make_user("coordinator2", Role.DUAL_COORDINATOR, other_group.college)
    with pytest.raises(PermissionDenied):
        place(users["dual_coordinator"], agreement=agreement, group=other_group, site=site)
    with pytest.raises(ValidationError):  # their own group, but the agreement is another college's
        place(stranger, agreement=agreement, group=other_group, site=site)


def test_the_group_placement_page_drafts_the_contracts(client_for, agreement, group, site, make_student):
    make_student(ADULT)
    make_student(ADULT)
    client = client_for("dual_coordinator")
    assert f"№ {agreement.number}" in client.get("/contracts/group/").content.decode()
    response = client.post("/contracts/group/", {
        "agreement": agreement.pk, "group": group.pk, "site": site.pk, "starts_on": "2026-09-01",
        "ends_on": "2027-06-30", "monthly_payment": "0", "payment_reason": "", "work_obligation_months": "0"})
    assert response.status_code == 200
    assert "Give the reason when the contract pays the student nothing." in response.content.decode()
    response = client.post("/contracts/group/", {
        "agreement": agreement.pk, "group": group.pk, "site": site.pk, "starts_on": "2026-09-01",
        "ends_on": "2027-06-30", "monthly_payment": "65000", "work_obligation_months": "0"}, follow=True)
    assert "2 contracts drafted for the group СВ-24-1." in response.content.decode()
    assert Contract.objects.filter(origin=ContractOrigin.GROUP).count() == 2


def test_the_agreements_page_links_to_placing_a_group_under_it(client_for, agreement):
    page = client_for("dual_coordinator").get(f"/agreements/{agreement.pk}/").content.decode()
    assert f"/contracts/group/?agreement={agreement.pk}" in page
    assert f"/contracts/group/?agreement={agreement.pk}" not in client_for("enterprise_hr").get(
        f"/agreements/{agreement.pk}/").content.decode()
    form = client_for("dual_coordinator").get(f"/contracts/group/?agreement={agreement.pk}").content.decode()
    assert f'<option value="{agreement.pk}" selected>' in form
