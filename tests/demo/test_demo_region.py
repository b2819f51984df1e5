"""The demo region in the database: loaded once for this module (a few seconds), checked, reloaded."""

import re

import pytest
from django.core.management import call_command
from django.db.models import F

from kasip.core.models import AuditEntry, Organisation, Role, User
from kasip.core.validators import iin_birth_date, iin_sex
from kasip.demo.loader import DEMO_PASSWORD, load_demo_region
from kasip.outcomes.models import Graduation
from kasip.partners.models import WorkforceNeed
from kasip.registry.models import (
    QUALIFICATION_CODE,
    College,
    CompetenceCentre,
    Enterprise,
    EnterpriseSite,
    Group,
    Programme,
    ProgrammeIntake,
    Qualification,
    Student,
    StudentEvent,
    specialty_code_of,
)

MODELS = [Organisation, College, Enterprise, EnterpriseSite, CompetenceCentre, Qualification, Programme,
          ProgrammeIntake, Group, Student, StudentEvent, Graduation, WorkforceNeed, User, AuditEntry]


def counts():
    return {m.__name__: m.objects.count() for m in MODELS}


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The full demo, loaded twice; the test database is emptied again afterwards."""
    with django_db_blocker.unblock():
        first = load_demo_region()
        after_first = counts()
        second = load_demo_region()
        after_second = counts()
    yield {"first": first, "second": second, "after_first": after_first, "after_second": after_second}
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


def test_a_second_load_adds_nothing(loaded, db):
    assert loaded["second"]["created"] == {}
    assert loaded["after_second"] == loaded["after_first"]
    assert AuditEntry.objects.filter(action="import").count() == 1  # one summary entry, no per-row entries


def test_sizes(loaded, db):
    assert College.objects.count() == 37
    studying = Student.objects.exclude(status="graduated")
    assert studying.count() >= 18_000
    assert 6_000 <= studying.filter(group__programme__is_dual=True).count() <= 8_000
    assert Student.objects.filter(status="graduated").count() == Graduation.objects.count() > 5_000
    assert sorted({d.year for d in Graduation.objects.dates("date", "year")}) == [2023, 2024, 2025]
    assert StudentEvent.objects.filter(kind="admission").count() == Student.objects.count()
    assert 55 <= Enterprise.objects.count() <= 70 and 250 <= WorkforceNeed.objects.count() <= 350
    assert ProgrammeIntake.objects.values("year").distinct().count() == 3
    for college in College.objects.all():
        assert 3 <= college.programmes.count() <= 10


def test_every_birth_date_and_sex_come_from_the_iin(loaded, db):
    for iin, born, sex in Student.objects.values_list("iin", "birth_date", "sex").iterator():
        assert iin_birth_date(iin) == born and iin_sex(iin) == sex


def test_every_programme_adds_up_and_every_qualification_belongs_to_its_specialty(loaded, db):
    assert not Programme.objects.exclude(hours_total=F("hours_theory") + F("hours_practice")).exists()
    for code, specialty in Qualification.objects.values_list("code", "specialty__code"):
        assert QUALIFICATION_CODE.match(code) and specialty_code_of(code) == specialty
    assert not Group.objects.exclude(college=F("programme__college")).exists()
    assert not Student.objects.exclude(college=F("group__college")).exists()


def test_hazardous_sites_competence_centres_and_needs(loaded, db):
    assert EnterpriseSite.objects.filter(hazardous=True).exists()
    assert EnterpriseSite.objects.filter(hazardous=False).exists()
    assert not Enterprise.objects.filter(sites=None).exists()
    centres = set(CompetenceCentre.objects.values_list("name_en", flat=True))
    assert {"Artificial Intelligence Competence Centre", "Water Management Competence Centre",
            "Electric Vehicle and Drone Service Centre"} <= centres
    for code in WorkforceNeed.objects.values_list("occupation_code", flat=True):
        assert re.fullmatch(r"\d{4}", code)
    assert all("(демо)" in name for name in Enterprise.objects.values_list("name_ru", flat=True))


def test_every_role_has_its_login(loaded, db):
    first_college = College.objects.get(nobd_id="NOBD-350001")
    first_enterprise = Enterprise.objects.get(name_ru="ТОО «Темиртауский металлургический комбинат» (демо)")
    expected = {"region_admin": None, "analyst": None, "college_admin": first_college,
                "dual_coordinator": first_college, "student": first_college, "enterprise_hr": first_enterprise,
                "mentor": first_enterprise, "customer": None}
    for username, organisation in expected.items():
        user = User.objects.get(username=username)
        # hashed with the project's hasher outside the tests' settings: usable, and checked below
        assert user.role == username and user.is_active and user.has_usable_password()
        if organisation is not None:
            assert user.organisation_id == organisation.pk
    assert {u.role for u in User.objects.all()} >= set(Role.values)
    record = Student.objects.get(user__username="student")
    assert record.college == first_college and record.group.programme.is_dual


def test_the_demo_password_opens_a_login(loaded, db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    assert User.objects.get(username="college_admin").check_password(DEMO_PASSWORD)


def test_records_pass_the_models_own_validation(loaded, db):
    for model in (College, Enterprise, EnterpriseSite, Programme, Group, Student, StudentEvent, Graduation,
                  WorkforceNeed, ProgrammeIntake, Qualification):
        for obj in list(model.objects.order_by("pk")[:40]) + list(model.objects.order_by("-pk")[:40]):
            obj.full_clean(validate_unique=False)
