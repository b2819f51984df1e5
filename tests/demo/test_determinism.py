"""Loads into a fresh database give the same records; a load keeps what users created."""

import datetime as dt

from django.core.management import call_command
from django.db import transaction

from kasip.core.validators import make_bin, make_iin
from kasip.demo.generator import generate_region
from kasip.demo.loader import load_demo_region
from kasip.registry.models import College, District, Student


class Rollback(Exception):
    pass


def fingerprint_of_a_fresh_load(students: int) -> str:
    try:
        with transaction.atomic():
            load_demo_region(students=students)
            rows = Student.objects.order_by("iin").values_list("iin", "last_name", "first_name", "patronymic",
                                                                 "group__code", "status", "funding")
            result = "\n".join("|".join(map(str, row)) for row in rows)
            raise Rollback
    except Rollback:
        return result


def test_two_fresh_loads_give_identical_students(db):
    first = fingerprint_of_a_fresh_load(600)
    assert Student.objects.count() == 0
    second = fingerprint_of_a_fresh_load(600)
    assert first == second and first.count("\n") + 1 == len(generate_region(students=600).students)


def test_a_load_keeps_what_users_created_and_completes_what_is_missing(db, capsys):
    load_demo_region(students=600)
    district = District.objects.get(kato="351010000")
    own = College.objects.create(bin=make_bin(2019, 5, 4321), name_kk="Жеке колледж", name_ru="Частный колледж",
                                 district=district, languages="ru")
    born = dt.date(2007, 3, 3)
    mine = Student.objects.create(iin=make_iin(born, "F", 9000), last_name="Пользователева", first_name="Анна",
                                  birth_date=born, sex="F", college=own, base="9", funding="paid")
    Student.objects.filter(status="studying", dual_placements__isnull=True, user__isnull=True).exclude(pk=mine.pk).order_by("pk").first().delete()
    before = Student.objects.count()
    call_command("demo", "--students", "600", "--quiet-logins")
    assert "students 1," in capsys.readouterr().out and Student.objects.count() == before + 1
    assert Student.objects.filter(pk=mine.pk).exists() and College.objects.filter(pk=own.pk).exists()
    call_command("demo", "--students", "600", "--quiet-logins")
    assert "nothing (already loaded)" in capsys.readouterr().out
    assert Student.objects.count() == before + 1
