"""Fixtures of individual placement: a programme and group of the college, sites, students and places."""

import datetime as dt
import itertools

import pytest
from django.utils import timezone

from kasip.core.validators import make_iin
from kasip.dual.models import PlaceStatus, TrainingPlace
from kasip.registry.models import (
    EnterpriseSite,
    Group,
    Programme,
    Qualification,
    Specialty,
    Student,
)

START = dt.date(2026, 9, 1)
_serial = itertools.count(1)


@pytest.fixture
def qualification(db):
    specialty = Specialty.objects.create(code="07150500", name_kk="Дәнекерлеу ісі", name_ru="Сварочное дело")
    return Qualification.objects.create(code="3W07150501", specialty=specialty, name_kk="Электргаздәнекерлеуші",
                                        name_ru="Электрогазосварщик")


@pytest.fixture
def other_qualification(qualification):
    return Qualification.objects.create(code="3W07150502", specialty=qualification.specialty,
                                        name_kk="Газдәнекерлеуші", name_ru="Газосварщик")


@pytest.fixture
def group(college, qualification):
    programme = Programme.objects.create(college=college, qualification=qualification, language="kk", base="9",
                                         hours_theory=1500, hours_practice=1400, hours_total=2900, is_dual=True)
    return Group.objects.create(college=college, programme=programme, code="СВ-24-1", admission_year=2024)


@pytest.fixture
def other_group(other_college, qualification):
    programme = Programme.objects.create(college=other_college, qualification=qualification, language="ru",
                                         base="9", hours_theory=1500, hours_practice=1400, hours_total=2900)
    return Group.objects.create(college=other_college, programme=programme, code="СВ-24-2", admission_year=2024)


@pytest.fixture
def site(enterprise):
    return EnterpriseSite.objects.create(enterprise=enterprise, name="Цех №2", district=enterprise.district)


@pytest.fixture
def hazardous_site(enterprise):
    return EnterpriseSite.objects.create(enterprise=enterprise, name="Домна", district=enterprise.district,
                                         hazardous=True)


@pytest.fixture
def make_student(college, group):
    def make(born=dt.date(2006, 5, 1), *, college=college, group=group, user=None, **extra) -> Student:
        n = next(_serial)
        return Student.objects.create(iin=make_iin(born, "M", 100 + 16 * n), last_name=f"Оқушы{n:03d}",
                                      first_name="Арман", birth_date=born, sex="M", college=college, group=group,
                                      base="9", funding="state", user=user, **extra)

    return make


@pytest.fixture
def make_place(site, qualification):
    def make(*, capacity=1, status=PlaceStatus.APPROVED, site=site, qualifications=None, **extra) -> TrainingPlace:
        n = next(_serial)
        fields = {"title": f"Место {n}", "enterprise": site.enterprise, "site": site, "district": site.district,
                  "capacity": capacity, "starts_on": START, "ends_on": START + dt.timedelta(days=120),
                  "monthly_payment": 85000, "status": status, **extra}
        place = TrainingPlace.objects.create(**fields)
        place.qualifications.set(qualifications if qualifications is not None else [qualification])
        return place

    return make


@pytest.fixture
def deadline():
    return timezone.now() + dt.timedelta(days=7)
