"""Fixtures of the logbook's tests: a mentor of the enterprise (the `mentor` account's record), signed
contracts of students of any age, learning outcomes of the qualification. Test modules import them with
`from tests.dual.logbook_fixtures import *`; they build on tests/conftest.py and tests/dual/conftest.py."""

import datetime as dt
import itertools

import pytest
from django.utils import timezone

from kasip.dual.models import Contract, ContractStatus, LearningOutcome, Mentor

_numbers = itertools.count(1)


def today() -> dt.date:
    return timezone.localdate()


def last_monday(weeks_back: int = 2) -> dt.date:
    """A Monday some weeks ago: inside the contracts' period and never in the future."""
    day = today() - dt.timedelta(weeks=weeks_back)
    return day - dt.timedelta(days=day.weekday())


def born_aged(years: int, extra_days: int = 200) -> dt.date:
    """A date of birth that makes a person `years` old two weeks ago and still today."""
    day = today() - dt.timedelta(days=extra_days)
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return (day - dt.timedelta(days=1)).replace(year=day.year - years)


@pytest.fixture
def mentor(users, enterprise):
    return Mentor.objects.create(enterprise=enterprise, user=users["mentor"], last_name="Ментор", first_name="Ерлан",
                                 position="мастер цеха", max_trainees=3)


@pytest.fixture
def outcomes(qualification):
    return [LearningOutcome.objects.create(qualification=qualification, code=f"РО{i}", name_kk=f"Нәтиже {i}",
                                           name_ru=f"Результат {i}", position=i) for i in (1, 2, 3)]


@pytest.fixture
def make_contract(college, enterprise, site, group, make_student, mentor):
    def make(student=None, *, born=None, status=ContractStatus.SIGNED, ready=True, mentor=mentor, user=None,
             **extra) -> Contract:
        if student is None:
            student = make_student(born or born_aged(20), user=user)
        fields = {"number": f"ДО-{next(_numbers):04d}", "origin": "group", "student": student, "college": college,
                  "enterprise": enterprise, "site": site, "programme": group.programme, "mentor": mentor,
                  "starts_on": today() - dt.timedelta(days=60), "ends_on": today() + dt.timedelta(days=300),
                  "enterprise_hours": 800, "monthly_payment": 50000, "status": status}
        if ready:
            fields.update(safety_briefing_on=today() - dt.timedelta(days=59), safety_briefing_by="Инженер ОТ",
                          medical_exam_on=today() - dt.timedelta(days=59), medical_exam_ref="МС-1")
        fields.update(extra)
        return Contract.objects.create(**fields)

    return make


@pytest.fixture
def contract(make_contract, users):
    """The `student` account's signed contract, briefing and medical examination recorded, with the `mentor`."""
    return make_contract(user=users["student"])
