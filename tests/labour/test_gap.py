"""Supply and the gap: graduates counted for the occupations their qualification leads to, demand (job-ad
positions and declared needs) against them, classified in-demand, balanced or surplus by the settings, and a
college's programmes placed on it. Figures checked against a fixture computed by hand."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from kasip.core.validators import make_iin
from kasip.labour import selectors
from kasip.labour.models import DemandCell, Occupation, QualificationOccupation
from kasip.outcomes.models import Graduation
from kasip.partners.models import WorkforceNeed
from kasip.registry.models import District, Programme, Qualification, Specialty, Student
from tests.labour.coding_fixtures import unit_groups  # noqa: F401

pytestmark = pytest.mark.django_db
_serial = itertools.count(500)


def _qualification(code: str, name: str, links: list[tuple[str, bool]]) -> Qualification:
    specialty, _ = Specialty.objects.get_or_create(code=code[2:8] + "00", defaults={"name_kk": name, "name_ru": name})
    qualification = Qualification.objects.create(code=code, specialty=specialty, name_kk=name, name_ru=name)
    for isco, main in links:
        QualificationOccupation.objects.create(qualification=qualification, occupation=Occupation.objects.get(code=isco),
                                               is_main=main)
    return qualification


def _graduate(college, qualification, n: int, year: int) -> Programme:
    programme, _ = Programme.objects.get_or_create(
        college=college, qualification=qualification, language="ru", base="9", form="full_time",
        defaults={"hours_theory": 1500, "hours_practice": 2000, "hours_total": 3500})
    for _i in range(n):
        serial = next(_serial)
        while Student.objects.filter(iin=make_iin(dt.date(2005, 1, 9), "M", serial)).exists():
            serial = next(_serial)
        student = Student.objects.create(iin=make_iin(dt.date(2005, 1, 9), "M", serial), last_name="Оспанов",
                                         first_name="Ерлан", birth_date=dt.date(2005, 1, 9), sex="M", college=college,
                                         base="9", funding="state")
        Graduation.objects.create(student=student, programme=programme, qualification=qualification,
                                  date=dt.date(year, 6, 30), diploma_number=f"ТКБ {serial:07d}")
    return programme


@pytest.fixture
def region_figures(unit_groups, college, other_college, enterprise):  # noqa: F811
    """2025: welders (7212) 12 graduates in Karaganda, 15 asked for (10 positions in ads + 5 declared);
    electricians (7411/7412, no main occupation: halves) 4 graduates in Temirtau, 30 positions for 7411;
    cooks (5120) 20 graduates, 3 positions; 2 graduates of a qualification mapped to nothing; one welder in 2024."""
    welder = _qualification("3W07150101", "Сварщик", [("7212", True), ("7214", False)])
    electrician = _qualification("3W07130201", "Электромонтер", [("7411", False), ("7412", False)])
    cook = _qualification("3W10130101", "Повар", [("5120", True)])
    unmapped = _qualification("3W02110101", "Дизайнер", [])
    _graduate(college, welder, 12, 2025)
    _graduate(college, welder, 1, 2024)
    _graduate(other_college, electrician, 4, 2025)
    _graduate(other_college, cook, 20, 2025)
    _graduate(college, unmapped, 2, 2025)
    karaganda, temirtau = District.objects.get(kato="351010000"), District.objects.get(kato="352410000")
    DemandCell.objects.create(isco08="7212", district=karaganda, month=dt.date(2025, 3, 1), postings=8, positions=10)
    DemandCell.objects.create(isco08="7411", district=temirtau, month=dt.date(2025, 9, 1), postings=20, positions=30)
    DemandCell.objects.create(isco08="5120", district=temirtau, month=dt.date(2025, 11, 1), postings=3, positions=3)
    DemandCell.objects.create(isco08="7411", district=temirtau, month=dt.date(2024, 12, 1), postings=9, positions=9)
    WorkforceNeed.objects.create(enterprise=enterprise, occupation_code="7212", occupation_title="Сварщик", count=5,
                                 year=2025, district=karaganda)
    return {"karaganda": karaganda, "temirtau": temirtau}


def test_supply_counts_graduates_for_the_main_occupation_or_shares_them(region_figures):
    assert selectors.supply(2025) == {"7212": 12, "7411": 2, "7412": 2, "5120": 20, "": 2}
    assert selectors.supply(2025, region_figures["karaganda"].pk) == {"7212": 12, "": 2}
    assert selectors.supply(2024) == {"7212": 1}


def test_the_gap_classifies_each_occupation_with_the_figures_behind_it(region_figures):
    rows = selectors.gap(2025)
    assert [(r.code, r.positions, r.declared, r.demand, r.graduates, r.gap, r.status) for r in rows] == [
        ("7411", 30, 0, 30, 2.0, 28.0, "in_demand"),
        ("7212", 10, 5, 15, 12.0, 3.0, "balanced"),
        ("7412", 0, 0, 0, 2.0, -2.0, "balanced"),
        ("5120", 3, 0, 3, 20.0, -17.0, "surplus"),
    ]
    temirtau = {r.code: r.status for r in selectors.gap(2025, region_figures["temirtau"].pk)}
    assert temirtau == {"7411": "in_demand", "7412": "balanced", "5120": "surplus"}


def test_a_withdrawn_need_no_longer_counts(region_figures):
    WorkforceNeed.objects.update(is_active=False)
    welders = {r.code: r for r in selectors.gap(2025)}["7212"]
    assert (welders.declared, welders.demand) == (0, 10)


def test_the_thresholds_are_settings(region_figures, settings):
    settings.KASIP_GAP_MIN = 2
    settings.KASIP_GAP_RATIO = 1.2
    assert {r.code: r.status for r in selectors.gap(2025)}["7212"] == "in_demand"  # 15 >= 1.2 x 12, 3 >= 2


def test_a_college_sees_where_its_programmes_stand(region_figures, client_for):
    page = client_for("college_admin").get("/demand/gap/", {"year": "2025"}).content.decode()
    assert "Programmes of" in page and "3W07150101" in page
    assert "2025: 1 occupations in demand, 2 balanced, 1 in surplus." in page
    analyst = client_for("analyst").get("/demand/gap/", {"year": "2025"}).content.decode()
    assert "Programmes of" not in analyst and "in surplus" in analyst


def _auth(users, role):
    from kasip.core.services import create_api_token

    return {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(users[role], 't')[1]}"}


def test_the_api_answers_the_gap_and_a_college_s_programmes(region_figures, users, college, other_college):
    from django.test import Client

    client = Client()
    gap = client.get("/api/v1/demand/gap", {"year": 2025, "district": "352410000"}, **_auth(users, "analyst")).json()
    assert [(r["code"], r["status"]) for r in gap["rows"]] == [("7411", "in_demand"), ("7412", "balanced"),
                                                               ("5120", "surplus")]
    mine = client.get("/api/v1/demand/programmes", {"year": 2025}, **_auth(users, "college_admin")).json()
    welder = next(p for p in mine if p["qualification"].startswith("3W07150101"))
    assert [(o["code"], o["region"]["status"] if o["region"] else None) for o in welder["occupations"]] == [
        ("7212", "balanced")]
    other = client.get("/api/v1/demand/programmes", {"college": other_college.pk}, **_auth(users, "college_admin"))
    assert other.status_code == 403
    missing = client.get("/api/v1/demand/programmes", **_auth(users, "analyst"))
    assert missing.status_code == 422 and "college" in missing.content.decode()
    chosen = client.get("/api/v1/demand/programmes", {"college": other_college.pk, "year": 2025},
                        **_auth(users, "analyst")).json()
    assert {p["qualification"][:10] for p in chosen} == {"3W07130201", "3W10130101"}
    assert client.get("/api/v1/demand/gap", **_auth(users, "student")).status_code == 403
