"""Fixtures of the graduation tests: a specialty with a worker's and a specialist's qualification,
programmes at two colleges, a group, and students."""

import datetime as dt
import itertools

import pytest

from kasip.core.validators import make_iin
from kasip.outcomes.models import Graduation
from kasip.registry.models import Group, Programme, Qualification, Specialty, Student

_serial = itertools.count(1000, 7)  # make_iin may step a serial on to find a check digit: leave room


@pytest.fixture
def specialty(db):
    return Specialty.objects.create(code="07150500", name_kk="Дәнекерлеу ісі", name_ru="Сварочное дело")


@pytest.fixture
def worker(specialty):
    """The worker's qualification of the specialty."""
    return Qualification.objects.create(code="3W07150501", specialty=specialty, name_kk="Электргаздәнекерлеуші",
                                        name_ru="Электрогазосварщик")


@pytest.fixture
def technician(specialty):
    """The mid-level specialist's qualification of the same specialty."""
    return Qualification.objects.create(code="4S07150503", specialty=specialty, name_kk="Техник-технолог",
                                        name_ru="Техник-технолог")


def programme_at(college, qualification, base="9"):
    return Programme.objects.create(college=college, qualification=qualification, language="ru", base=base,
                                    hours_theory=1400, hours_practice=2200, hours_total=3600)


@pytest.fixture
def programme(college, technician):
    return programme_at(college, technician)


@pytest.fixture
def group(college, programme):
    return Group.objects.create(college=college, programme=programme, code="ТС-22-1", admission_year=2022)


def make_student(college, last_name="Ахметов", group=None, **extra) -> Student:
    birth = dt.date(2005, 9, 1)
    iin = make_iin(birth, "M", next(_serial))
    while Student.objects.filter(iin=iin).exists():
        iin = make_iin(birth, "M", next(_serial))
    return Student.objects.create(iin=iin, last_name=last_name, first_name="Ерлан",
                                  birth_date=birth, sex="M", college=college, group=group, base="9", funding="state",
                                  **extra)


@pytest.fixture
def student(college, group):
    return make_student(college, group=group)


@pytest.fixture
def other_student(other_college, worker):
    programme_at(other_college, worker)
    return make_student(other_college, last_name="Петров")


@pytest.fixture
def graduation(student, programme, technician):
    return Graduation.objects.create(student=student, programme=programme, qualification=technician,
                                     date=dt.date(2025, 6, 30), diploma_number="ТКБ 0123456")


@pytest.fixture
def other_graduation(other_student, worker):
    return Graduation.objects.create(student=other_student, programme=Programme.objects.get(
        college=other_student.college), qualification=worker, date=dt.date(2024, 6, 28), diploma_number="ТКБ 0999999")
