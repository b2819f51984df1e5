"""Kazakhstan's classifier НК РК 01-2017 read from its file beside the reference data and mapped to
ISCO-08 through the crosswalk column."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from kasip.labour import services
from kasip.labour.models import NationalOccupation

pytestmark = pytest.mark.django_db

GOOD = """code,title_ru,title_kk,isco08
4110,Офисные служащие широкого профиля,Жалпы бейіндегі кеңсе қызметкерлері,4110
4110-9,"Другие офисные служащие широкого профиля, н.в.д.г.",,
7212-1,Электрогазосварщики,Электргаздәнекерлеушілер,
X1,Работники с неустановленным занятием,,
"""


def write(tmp_path, text):
    folder = tmp_path / "nkrk"
    folder.mkdir()
    (folder / "nkrk_01_2017.csv").write_text(text, encoding="utf-8")
    return tmp_path


def test_the_national_groups_load_with_their_isco_unit_group(tmp_path):
    report = services.import_reference(write(tmp_path, GOOD))
    assert report["national_occupations"] == 4
    assert NationalOccupation.objects.get(code="4110-9").isco.code == "4110"  # a group of occupations: its unit group
    assert NationalOccupation.objects.get(code="7212-1").isco.code == "7212"
    assert NationalOccupation.objects.get(code="X1").isco is None
    assert NationalOccupation.objects.get(code="7212-1").title_kk == "Электргаздәнекерлеушілер"


def test_loading_twice_gives_the_same_rows(tmp_path):
    root = write(tmp_path, GOOD)
    services.import_reference(root)
    services.import_reference(root)
    assert NationalOccupation.objects.count() == 4


def test_every_bad_row_is_reported_and_nothing_is_written(tmp_path):
    bad = GOOD + "41109,Без дефиса,,4110\n5120-1,,,\n8322-1,Водители,,9999\n4110,Дубль,,4110\n"
    with pytest.raises(ValidationError) as exc:
        services.import_reference(write(tmp_path, bad))
    text = "\n".join(exc.value.messages)
    assert "line 6, code: '41109'" in text
    assert "line 7, title_ru: empty" in text
    assert "line 8, isco08: '9999'" in text
    assert "line 9, code: 4110 appears twice" in text
    assert NationalOccupation.objects.count() == 0


def test_a_file_without_the_required_columns_is_refused_naming_what_it_has(tmp_path):
    root = write(tmp_path, "код,название\n4110,Офисные служащие\n")
    with pytest.raises(CommandError, match="title_ru missing; found: код, название"):
        call_command("import-reference", str(root), stdout=StringIO())
    assert NationalOccupation.objects.count() == 0


def test_the_command_reports_the_national_groups(tmp_path):
    out = StringIO()
    call_command("import-reference", str(write(tmp_path, GOOD)), stdout=out)
    assert "national_occupations: 4" in out.getvalue()
