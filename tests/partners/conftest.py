"""Fixtures of the partnership tests: a second enterprise and a need of each; agreements and documents."""

import datetime as dt

import pytest

from kasip.core.validators import make_bin
from kasip.partners.models import Agreement, AgreementKind, AgreementStatus, WorkforceNeed
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


# --- agreements -------------------------------------------------------------------------
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
JPG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40


def make_agreement(college, enterprise, number="ДО-1/2025", **fields):
    values = {"kind": AgreementKind.DUAL_TRAINING, "signed_on": dt.date(2025, 5, 20),
              "valid_from": dt.date(2025, 9, 1), "valid_until": dt.date(2029, 6, 30),
              "status": AgreementStatus.ACTIVE, "students_covered": 25}
    values.update(fields)
    return Agreement.objects.create(college=college, enterprise=enterprise, number=number, **values)


@pytest.fixture
def agreement(college, enterprise):
    """An agreement in force between the accounts' own college and enterprise."""
    return make_agreement(college, enterprise)


@pytest.fixture
def other_agreement(other_college, other_enterprise):
    """An agreement of another college with another enterprise."""
    return make_agreement(other_college, other_enterprise, "М-7/2024", kind=AgreementKind.MEMORANDUM,
                          valid_until=None, students_covered=None)
