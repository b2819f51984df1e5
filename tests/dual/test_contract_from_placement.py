"""A student accepts the place a published round gave: a draft contract, the place's capacity never exceeded."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kasip.dual import services
from kasip.dual.models import ContractOrigin, ContractStatus, PeriodKind, RoundStatus

from .contract_fixtures import *  # noqa: F403  (the fixtures)
from .contract_fixtures import MINOR

pytestmark = pytest.mark.django_db


def test_the_student_accepts_the_offered_place_and_gets_a_draft_with_the_places_terms(
        users, student_account, make_place, placement_of, college):
    place = make_place(capacity=2, monthly_payment=90000)
    placement = placement_of(student_account, place)

    contract = services.accept_placement(users["student"], placement)

    assert contract.status == ContractStatus.DRAFT
    assert contract.origin == ContractOrigin.MATCHING
    assert (contract.site, contract.starts_on, contract.ends_on) == (place.site, place.starts_on, place.ends_on)
    assert contract.monthly_payment == 90000
    assert contract.programme == student_account.group.programme
    assert contract.enterprise_hours == student_account.group.programme.hours_practice
    assert contract.number == f"{college.bin}-2026-00001"
    assert [(p.kind, p.starts_on, p.ends_on) for p in contract.periods.all()] == [
        (PeriodKind.ENTERPRISE, place.starts_on, place.ends_on)]


def test_numbers_follow_one_another_within_the_college_and_year(make_student, make_place, placement_of, college):
    place = make_place(capacity=3)
    numbers = [services.accept_placement(None, placement_of(make_student(), place)).number for _ in range(3)]
    assert numbers == [f"{college.bin}-2026-0000{i}" for i in (1, 2, 3)]


def test_a_full_place_is_refused_with_a_message(make_student, make_place, placement_of):
    place = make_place(capacity=1)
    services.accept_placement(None, placement_of(make_student(), place))
    with pytest.raises(ValidationError) as exc:
        services.accept_placement(None, placement_of(make_student(), place))
    assert exc.value.messages == [f"The place “{place.title}” is full: all 1 seats are taken."]


def test_a_terminated_contract_frees_its_seat(make_student, make_place, placement_of):
    place = make_place(capacity=1)
    first = services.accept_placement(None, placement_of(make_student(), place))
    services.terminate_contract(None, first, "переведён в другую группу")
    assert services.accept_placement(None, placement_of(make_student(), place)).place == place


def test_a_student_with_an_open_contract_cannot_accept_another(draft, make_place, placement_of):
    with pytest.raises(ValidationError) as exc:
        services.accept_placement(None, placement_of(draft.student, make_place()))
    assert exc.value.messages == [f"{draft.student.full_name} already has an open contract № {draft.number}."]


def test_the_same_placement_is_accepted_once(draft):
    with pytest.raises(ValidationError) as exc:
        services.accept_placement(None, draft.placement)
    assert "already accepted" in exc.value.messages[0]


def test_a_minor_is_refused_a_place_at_a_hazardous_site(make_student, make_place, placement_of, hazardous_site):
    minor = make_student(MINOR)
    with pytest.raises(ValidationError) as exc:
        services.accept_placement(None, placement_of(minor, make_place(site=hazardous_site)))
    assert exc.value.messages == [f"{minor.full_name} is under 18 on 09/01/2026: the hazardous site "
                                  f"“{hazardous_site.name}” takes trainees of 18 and over only."]


def test_a_round_not_yet_published_has_nothing_to_accept(make_student, make_place, placement_of):
    placement = placement_of(make_student(), make_place())
    placement.round.status = RoundStatus.RUN
    placement.round.save()
    with pytest.raises(ValidationError, match="not published yet"):
        services.accept_placement(None, placement)


def test_a_student_cannot_accept_someone_elses_placement(users, make_student, make_place, placement_of):
    with pytest.raises(PermissionDenied):
        services.accept_placement(users["student"], placement_of(make_student(), make_place()))


def test_the_college_staff_accept_for_their_student_but_the_enterprise_does_not(
        users, make_student, make_place, placement_of):
    placement = placement_of(make_student(), make_place(capacity=2))
    with pytest.raises(PermissionDenied):
        services.accept_placement(users["enterprise_hr"], placement)
    assert services.accept_placement(users["dual_coordinator"], placement).created_by == users["dual_coordinator"]


def test_the_student_accepts_on_the_contracts_page(client_for, student_account, make_place, placement_of):
    placement = placement_of(student_account, make_place())
    client = client_for("student")
    page = client.get("/contracts/").content.decode()
    assert "Accept the place" in page and placement.place.title in page

    response = client.post(f"/contracts/accept/{placement.pk}/", follow=True)

    contract = student_account.dual_contracts.get()
    assert response.redirect_chain[-1][0] == f"/contracts/{contract.pk}/"
    assert f"contract № {contract.number} is drafted" in response.content.decode()


def test_the_page_shows_the_full_message_to_the_late_student(client_for, users, make_student, make_place,
                                                              placement_of, student_account):
    place = make_place(capacity=1)
    services.accept_placement(None, placement_of(make_student(), place))
    placement = placement_of(student_account, place)
    response = client_for("student").post(f"/contracts/accept/{placement.pk}/", follow=True)
    assert response.status_code == 200
    assert "is full: all 1 seats are taken" in response.content.decode()


def test_defaults_carry_the_places_reason_when_it_pays_nothing(make_student, make_place, placement_of):
    place = make_place(monthly_payment=0, payment_reason="стипендия колледжа", ends_on=dt.date(2026, 12, 31))
    contract = services.accept_placement(None, placement_of(make_student(), place))
    assert (contract.monthly_payment, contract.payment_reason) == (0, "стипендия колледжа")
