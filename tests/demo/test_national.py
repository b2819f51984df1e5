"""The national generator at a tiny size (the same code path as B4's 500 000 students)."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import F

from kasip.core.models import AuditEntry
from kasip.core.validators import iin_birth_date, iin_sex, validate_bin
from kasip.demo.national import NationalSetExists, NationalSize, load_national
from kasip.registry.models import (
    College,
    District,
    Enterprise,
    EnterpriseSite,
    Group,
    Programme,
    ProgrammeIntake,
    Region,
    Student,
    StudentEvent,
)

TINY = dict(regions=2, colleges=5, students=200, enterprises=50, vacancies=0)


def test_a_tiny_national_set_has_the_asked_counts(db):
    summary = load_national(NationalSize(**TINY), progress=lambda message: None)
    counts = summary["counts"]
    assert (Region.objects.count(), College.objects.count(), Student.objects.count(), Enterprise.objects.count()) \
        == (2, 5, 200, 50)
    assert counts["students"] == 200 and counts["colleges"] == 5 and counts["enterprises"] == 50
    assert District.objects.count() == counts["districts"] >= 2 * 7
    assert EnterpriseSite.objects.count() == 50 and StudentEvent.objects.count() == 200
    assert Programme.objects.count() == counts["programmes"] >= 5 * 3
    assert ProgrammeIntake.objects.count() == counts["intakes"] > 0
    assert not Programme.objects.exclude(hours_total=F("hours_theory") + F("hours_practice")).exists()
    assert not Student.objects.exclude(college=F("group__college")).exists()
    assert not Group.objects.exclude(college=F("programme__college")).exists()
    for iin, born, sex in Student.objects.values_list("iin", "birth_date", "sex"):
        assert iin_birth_date(iin) == born and iin_sex(iin) == sex
    for college in College.objects.all():  # child and parent rows share the key
        validate_bin(college.bin)
        assert college.kind == "college" and college.nobd_id.startswith("NAT-") and "(демо)" in college.name_ru
        college.full_clean(validate_unique=False)
    for enterprise in Enterprise.objects.all()[:20]:
        assert enterprise.kind == "enterprise" and enterprise.sites.count() == 1
        enterprise.full_clean(validate_unique=False)
    for student in Student.objects.all()[:50]:
        student.full_clean(validate_unique=False)
    assert AuditEntry.objects.filter(action="import").count() == 1


def test_it_refuses_to_load_a_second_national_set(db):
    load_national(NationalSize(**TINY), progress=lambda message: None)
    with pytest.raises(NationalSetExists, match="already loaded"):
        load_national(NationalSize(**TINY), progress=lambda message: None)
    assert Student.objects.count() == 200


def test_the_command_loads_it_beside_the_demo_region_and_says_so(db, capsys):
    call_command("demo", "--students", "300", "--quiet-logins")
    demo_students = Student.objects.count()
    call_command("demo", "--scale", "national", "--regions", "2", "--colleges", "4", "--students", "150",
                 "--enterprises", "30", "--vacancies", "0")
    out = capsys.readouterr().out
    assert "colleges 4" in out and "students 150" in out and "[" in out  # progress lines
    assert Student.objects.count() == demo_students + 150
    assert Region.objects.filter(kato="350000000").count() == 1  # the demo's region is reused
    with pytest.raises(CommandError, match="already loaded"):
        call_command("demo", "--scale", "national", "--regions", "2", "--colleges", "4", "--students", "150")
    with pytest.raises(CommandError, match="regions must be"):
        call_command("demo", "--scale", "national", "--regions", "40")
    with pytest.raises(CommandError, match="national only"):
        call_command("demo", "--colleges", "3")


def test_the_national_set_has_job_ads_in_every_region(db, site_coder):
    from kasip.labour.models import DemandCell, Vacancy

    summary = load_national(NationalSize(**{**TINY, "vacancies": 800}), progress=lambda message: None)
    stored = summary["counts"]["job_ads"]
    assert 650 < stored < 800  # a tenth are re-posts
    assert Vacancy.objects.count() == stored
    assert Vacancy.objects.values("district__region").distinct().count() == 2
    assert sum(DemandCell.objects.values_list("postings", flat=True)) == stored
