"""The demo generator on its own (no database): deterministic, valid, realistic in size."""

import collections
import datetime as dt
import re

import pytest

from kasip.core.validators import iin_birth_date, iin_sex, validate_iin
from kasip.demo import classifier, names, region
from kasip.demo.generator import REF_DATE, generate_region
from kasip.registry.models import QUALIFICATION_CODE, SPECIALTY_CODE, specialty_code_of

KAZAKH_LETTERS = set("әғқңөұүһі")


@pytest.fixture(scope="module")
def data():
    return generate_region()


def current(data):
    return [s for s in data.students if s.status != "graduated"]


def test_the_same_seed_gives_the_same_records_and_another_seed_others(data):
    assert generate_region().fingerprint() == data.fingerprint()
    assert generate_region(seed=7, students=500).fingerprint() != generate_region(students=500).fingerprint()


def test_the_region_has_its_size(data):
    now = current(data)
    assert 18_000 <= len(now) <= 22_000
    dual = sum(1 for s in now if data.programmes[data.groups[s.group].programme].is_dual)
    assert 6_000 <= dual <= 8_000
    per_college = collections.Counter(p.college for p in data.programmes)
    assert set(per_college) == set(range(len(region.COLLEGES))) and len(region.COLLEGES) == 37
    assert min(per_college.values()) >= 3 and max(per_college.values()) <= 10
    share = sum(p.is_dual for p in data.programmes) / len(data.programmes)
    assert 0.25 <= share <= 0.42
    statuses = collections.Counter(s.status for s in now)
    assert statuses["studying"] > 0.9 * len(now) and statuses["leave"] and statuses["expelled"]
    graduation_years = collections.Counter(s.graduation[0].year for s in data.students if s.graduation)
    assert sorted(graduation_years) == [2023, 2024, 2025]
    assert 250 <= len(data.needs) <= 350 and len(region.ENTERPRISES) >= 55


def test_every_iin_is_valid_unique_and_agrees_with_birth_date_sex_and_age(data):
    assert len({s.iin for s in data.students}) == len(data.students)
    assert len({s.nobd_id for s in data.students}) == len(data.students)
    for s in data.students:
        validate_iin(s.iin)
        assert iin_birth_date(s.iin) == s.birth_date and iin_sex(s.iin) == s.sex
        age = REF_DATE.year - s.birth_date.year - ((REF_DATE.month, REF_DATE.day) < (s.birth_date.month, s.birth_date.day))
        assert 15 <= age <= 22, s
        assert s.events[0].kind == "admission" and s.events[0].order_number and s.events[0].date >= s.events[0].order_date
        assert (s.consent_date is not None) == s.consent
        assert all(e.date <= REF_DATE for e in s.events)


def test_programme_hours_add_up_within_realistic_ranges(data):
    for p in data.programmes:
        assert p.hours_theory + p.hours_practice == p.hours_total
        assert 1400 <= p.hours_theory <= 2400 and 900 <= p.hours_practice <= 1900


def test_classifier_codes_have_the_format_and_belong_to_their_specialty():
    specialty_codes = {row[0] for row in classifier.SPECIALTIES}
    assert 30 <= len(specialty_codes) <= 45 and 50 <= len(classifier.QUALIFICATIONS) <= 75
    for code, ru, kk, _en, *_ in classifier.SPECIALTIES:
        assert SPECIALTY_CODE.match(code) and ru and kk
    assert classifier.SPECIALTY_BY_CODE["07150500"][1:3] == ("Сварочное дело", "Дәнекерлеу ісі")
    for code, ru, kk, _en, isco, _ok in classifier.QUALIFICATIONS:
        match = QUALIFICATION_CODE.match(code)
        assert match and match["kind"] in {"W", "S", "AB"}, code
        assert specialty_code_of(code) in specialty_codes and classifier.specialty_of(code) == specialty_code_of(code)
        assert ru and kk and re.fullmatch(r"\d{4}", isco)
    kazakh = [row for row in classifier.SPECIALTIES if KAZAKH_LETTERS & set(row[2].lower())]
    assert len(kazakh) > 0.7 * len(classifier.SPECIALTIES)  # real Kazakh, not Russian copied over


def test_groups_have_codes_like_sv_24_1_unique_per_college(data):
    assert {(g.college, g.code) for g in data.groups}.__len__() == len(data.groups)
    for g in data.groups:
        assert re.fullmatch(r"[А-ЯЁ]{2,3}-\d{2}-\d+", g.code), g.code
        assert g.code[-4:-2] != "" and int(g.code.split("-")[1]) == g.admission_year % 100
    assert {g.admission_year for g in data.groups if g.is_active} == {2022, 2023, 2024, 2025}


def test_names_are_kazakh_and_russian_with_some_patronymics_empty(data):
    students = data.students
    assert 0.01 < sum(1 for s in students if not s.patronymic) / len(students) < 0.15
    assert any(KAZAKH_LETTERS & set(s.first_name.lower() + s.last_name.lower()) for s in students)
    assert any(s.patronymic.endswith("қызы") for s in students) and any(s.patronymic.endswith("овна") for s in students)
    women = [s for s in students if s.sex == "F" and s.last_name.endswith(("ов", "ев", "ин"))]
    assert not women  # female surnames take the female form
    assert names.feminine("Иванов") == "Иванова" and names.feminine("Ким") == "Ким"


def test_sites_and_needs(data):
    industries = {e[6] for e in region.ENTERPRISES}
    assert {"steel", "coal", "copper", "energy", "construction", "transport", "services", "agriculture"} <= industries
    assert any(s.hazardous for s in data.sites) and not all(s.hazardous for s in data.sites)
    per_enterprise = collections.Counter(s.enterprise for s in data.sites)
    assert set(per_enterprise) == set(range(len(region.ENTERPRISES))) and max(per_enterprise.values()) <= 3
    for n in data.needs:
        assert re.fullmatch(r"\d{4}", n.occupation_code) and n.count >= 1 and n.year in (2024, 2025, 2026)
        assert not n.qualification or n.qualification in classifier.QUALIFICATION_BY_CODE


def test_a_smaller_region_for_quick_tests():
    small = generate_region(students=600)
    now = [s for s in small.students if s.status != "graduated"]
    assert 450 <= len(now) <= 750
    assert all(s.birth_date < dt.date(2011, 1, 1) for s in small.students)
