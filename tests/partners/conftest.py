"""Fixtures of the workforce-need tests: a second enterprise and a need of each."""

import pytest

from kasip.core.validators import make_bin
from kasip.partners.models import WorkforceNeed
from kasip.registry.models import District, Enterprise, Qualification, Specialty


@pytest.fixture
def other_enterprise(region):
    return Enterprise.objects.create(bin=make_bin(2007, 8, 44), name_kk="Көмір разрезі", name_ru="Угольный разрез",
                                     district=District.objects.get(kato="351010000"), oked="05100")


@pytest.fixture
def qualification(db):
    specialty = Specialty.objects.create(code="07150500", name_kk="Дәнекерлеу ісі", name_ru="Сварочное дело")
    return Qualification.objects.create(code="3W07150501", specialty=specialty, name_kk="Электргаздәнекерлеуші",
                                        name_ru="Электрогазосварщик")


@pytest.fixture
def need(enterprise):
    return WorkforceNeed.objects.create(enterprise=enterprise, occupation_title="Электрогазосварщик",
                                        occupation_code="7212", count=12, year=2026, district=enterprise.district)


@pytest.fixture
def other_need(other_enterprise):
    return WorkforceNeed.objects.create(enterprise=other_enterprise, occupation_title="Машинист экскаватора",
                                        occupation_code="8342-1", count=4, year=2027,
                                        district=other_enterprise.district)
