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


_diploma = itertools.count(7000001)


def make_graduation(college, programme, qualification=None, year=2024, last_name="Ахметов", sex="M") -> Graduation:
    """A student of the college who graduated from the programme on 30 June of the year."""
    student = make_student(college, last_name=last_name)
    if sex != "M":
        student.sex = sex
        student.save()
    return Graduation.objects.create(student=student, programme=programme,
                                     qualification=qualification or programme.qualification,
                                     date=dt.date(year, 6, 30), diploma_number=f"ТКБ {next(_diploma)}")


def make_record(graduation, months=12, status="employed", **fields):
    from kasip.outcomes.models import EmploymentRecord

    if status == "employed":
        fields.setdefault("employer_name", "ТОО «Тест»")
        fields.setdefault("wage_band", "150k_300k")
    day = dt.date(graduation.date.year + (1 if months == 12 else 0), 6 if months == 12 else 12, 30)
    return EmploymentRecord.objects.create(graduation=graduation, months_after=months, status=status,
                                           recorded_on=fields.pop("recorded_on", day), **fields)


@pytest.fixture
def graduated(college, programme, technician):
    """A graduate of 2024 whose employment the college admin may record."""
    return make_graduation(college, programme, technician, year=2024, last_name="Жұмабаев")


def sign_contract(graduation, enterprise, status="signed"):
    """A dual-training contract of the graduate with the enterprise (read by the figures, built by the dual app)."""
    from kasip.dual.models import Contract
    from kasip.registry.models import EnterpriseSite

    site, _ = EnterpriseSite.objects.get_or_create(enterprise=enterprise, name="Цех №1",
                                                   defaults={"district": enterprise.district})
    return Contract.objects.create(
        number=f"ДД-{graduation.pk}", origin="group", student=graduation.student, college=graduation.student.college,
        enterprise=enterprise, site=site, programme=graduation.programme, starts_on=dt.date(2023, 9, 1),
        ends_on=dt.date(2024, 5, 31), enterprise_hours=600, monthly_payment=0, payment_reason="стипендия колледжа",
        status=status)


@pytest.fixture
def outcomes_region(college, other_college, programme, technician, worker, enterprise):
    """Graduates of 2024 with their records at 12 months (and a few at 6 months, and one of 2023).

    College A, programme of technicians (not dual): 4 employed (one with a signed dual contract, so dual),
    1 unemployed, 1 in further study, 1 unknown. College A, dual programme of workers: 4 employed, 1 in
    military service. College B, programme of workers (not dual): 1 employed, 1 on parental leave.
    At 12 months: 14 records, 3 left out of the rate, 9 of 11 employed.
    """
    dual_programme = programme_at(college, worker)
    dual_programme.is_dual = True
    dual_programme.save()
    other_programme = programme_at(other_college, worker)
    g = {}
    for name, status, specialty in (("g1", "employed", True), ("g2", "employed", True), ("g3", "employed", False),
                                    ("g4", "unemployed", None), ("g5", "further_study", None),
                                    ("g6", "unknown", None), ("g7", "employed", True)):
        g[name] = make_graduation(college, programme, technician, last_name=f"Техник{name}")
        make_record(g[name], 12, status, **({"in_specialty": specialty} if status == "employed" else {}))
    sign_contract(g["g7"], enterprise)
    for i in range(1, 5):
        g[f"d{i}"] = make_graduation(college, dual_programme, worker, last_name=f"Дуал{i}")
        make_record(g[f"d{i}"], 12, "employed", in_specialty=True, wage_band="300k_500k")
    g["d5"] = make_graduation(college, dual_programme, worker, last_name="Солдат")
    make_record(g["d5"], 12, "military_service")
    g["b1"] = make_graduation(other_college, other_programme, worker, last_name="Петров")
    make_record(g["b1"], 12, "employed")
    g["b2"] = make_graduation(other_college, other_programme, worker, last_name="Петрова", sex="F")
    make_record(g["b2"], 12, "parental_leave")
    for name in ("g1", "g2", "d1"):
        make_record(g[name], 6, "employed", in_specialty=True)
    make_record(g["g4"], 6, "unemployed")
    old = make_graduation(college, programme, technician, year=2023, last_name="Прошлый")
    make_record(old, 12, "unemployed")
    return {"graduations": g, "dual_programme": dual_programme, "other_programme": other_programme, "old": old}
