"""Importing graduates' employment: headers and words in kk, ru or en; a file with bad rows writes nothing and
reports each row; importing the same graduate and months again updates the record."""

import datetime as dt

import pytest

from kasip.core.imports import run_import
from kasip.core.models import AuditEntry
from kasip.outcomes.models import EmploymentRecord
from tests.conftest import csv_bytes, xlsx_bytes

from .conftest import make_graduation, make_record, make_student

HEADER_EN = ["Graduate's IIN", "Diploma number", "Months after graduation", "Status", "Employer", "Employer's BIN",
             "Occupation code", "Occupation", "In the specialty", "Wage band", "Source", "Date of the record"]
HEADER_RU = ["ИИН выпускника", "Номер диплома", "Месяцев после выпуска", "Статус", "Работодатель",
             "БИН работодателя", "Код профессии", "Должность", "По специальности", "Заработная плата", "Источник",
             "Дата сведений"]
HEADER_KK = ["Түлектің ЖСН", "Диплом нөмірі", "Бітіргеннен кейінгі ай", "Мәртебе", "Жұмыс беруші",
             "Жұмыс берушінің БСН", "Кәсіп коды", "Лауазым", "Мамандығы бойынша", "Жалақы", "Дереккөз", "Күні"]


@pytest.fixture
def graduates(college, programme, technician):
    return [make_graduation(college, programme, technician, last_name=name) for name in ("Асанов", "Бекова", "Ким")]


def rows_ru(graduates, enterprise):
    first, second, third = graduates
    return [
        [first.student.iin, "", "12", "работает", "", enterprise.bin, "7212-1", "Электрогазосварщик", "да",
         "150 000–300 000", "ЕСУТД", "30.06.2025"],
        ["", second.diploma_number, "6", "декретный отпуск", "", "", "", "", "", "", "опрос", "2024-12-28"],
        [third.student.iin, third.diploma_number, "12 месяцев", "продолжает обучение", "", "", "", "", "", "",
         "", "01.07.2025"],
    ]


@pytest.mark.parametrize("header", ["en", "ru", "kk"])
def test_it_imports_records_with_headers_in_any_language(header, users, graduates, enterprise):
    headers = {"en": HEADER_EN, "ru": HEADER_RU, "kk": HEADER_KK}[header]
    result = run_import("employment", csv_bytes([headers, *rows_ru(graduates, enterprise)]), "outcomes.csv",
                        users["college_admin"])
    assert result.ok, (result.file_error, [e.as_dict() for e in result.errors])
    assert (result.created, result.updated) == (3, 0)
    employed = EmploymentRecord.objects.get(graduation=graduates[0])
    assert (employed.months_after, employed.status, employed.employer, employed.employer_name,
            employed.occupation_code, employed.in_specialty, employed.wage_band, employed.source,
            employed.recorded_on) == (12, "employed", enterprise, enterprise.name, "7212-1", True, "150k_300k",
                                      "contracts", dt.date(2025, 6, 30))
    leave = EmploymentRecord.objects.get(graduation=graduates[1])
    assert (leave.months_after, leave.status, leave.source, leave.wage_band) == (6, "parental_leave", "survey", "")
    assert EmploymentRecord.objects.get(graduation=graduates[2]).status == "further_study"
    assert AuditEntry.objects.filter(action="create", object_type="outcomes.employmentrecord").count() == 3


@pytest.mark.parametrize("word,status", [
    ("employed", "employed"), ("жұмыс істейді", "employed"), ("трудоустроен", "employed"),
    ("military_service", "military_service"), ("служба в армии", "military_service"), ("әскери қызмет", "military_service"),
    ("жұмыссыз", "unemployed"), ("Безработный", "unemployed"), ("further study", "further_study"),
    ("белгісіз", "unknown"), ("нет сведений", "unknown"), ("бала күтімі бойынша демалыс", "parental_leave"),
])
def test_it_reads_statuses_as_words_or_codes(word, status, users, graduates):
    employer = "ТОО «Тест»" if status == "employed" else ""
    rows = [[graduates[0].student.iin, "", "6", word, employer, "", "", "", "", "", "", "31.12.2024"]]
    result = run_import("employment", csv_bytes([HEADER_EN, *rows]), "outcomes.csv", users["region_admin"])
    assert result.ok, [e.as_dict() for e in result.errors]
    assert EmploymentRecord.objects.get().status == status


@pytest.mark.parametrize("text,band", [("250000", "150k_300k"), ("до 150 000", "to_150k"),
                                       ("свыше 500 000", "over_500k"), ("300 000–500 000", "300k_500k"),
                                       ("", "unknown"), ("неизвестно", "unknown")])
def test_a_wage_is_read_as_its_band(text, band, users, graduates):
    rows = [[graduates[0].student.iin, "", "12", "employed", "ИП «Жанар»", "", "", "", "", text, "", "30.06.2025"]]
    result = run_import("employment", csv_bytes([HEADER_EN, *rows]), "outcomes.csv", users["region_admin"])
    assert result.ok, [e.as_dict() for e in result.errors]
    assert EmploymentRecord.objects.get().wage_band == band


def test_it_reports_every_bad_row_with_its_column_and_writes_nothing(users, graduates, college, other_graduation):
    not_graduated = make_student(college, last_name="Оқушы")
    first, second, third = graduates
    rows = [
        *rows_ru(graduates, graduates[0].student.college)[:1],                                     # 2: good
        ["123456789012", "", "12", "работает", "ТОО", "", "", "", "", "", "", ""],                 # 3: check digit
        [not_graduated.iin, "", "12", "unemployed", "", "", "", "", "", "", "", ""],               # 4: no graduation
        [other_graduation.student.iin, "", "12", "unemployed", "", "", "", "", "", "", "", ""],    # 5: other college
        [second.student.iin, "", "9", "sleeping", "", "", "", "", "", "", "", ""],                  # 6: months, status
        [third.student.iin, "", "6", "unemployed", "ТОО «Кайрат»", "", "7212", "", "да", "до 150 000", "",
         "30.12.2024"],                                                                             # 7: job fields
        ["", "", "6", "employed", "", "", "72", "", "maybe", "много", "радио", "31.02.2025"],      # 8: many
        [first.student.iin, "", "6", "employed", "", "123", "", "", "", "", "", "2020-01-01"],     # 9: BIN, date
        [first.student.iin, "ТКБ 0000000", "12", "employed", "ТОО", "", "", "", "", "", "", ""],   # 10: diploma
        ["", "НЕТ-ТАКОГО", "12", "unknown", "", "", "", "", "", "", "", ""],                        # 11: diploma
    ]
    result = run_import("employment", csv_bytes([HEADER_EN, *rows]), "outcomes.csv", users["college_admin"])
    assert not result.ok
    found = {(e.row, e.column) for e in result.errors}
    assert found == {
        (3, "Graduate's IIN"), (4, "Graduate's IIN"), (5, "Graduate's IIN"),
        (6, "Months after graduation"), (6, "Status"),
        (7, "Employer"), (7, "Occupation code"), (7, "In the specialty"), (7, "Wage band"),
        (8, "Graduate's IIN"), (8, "Employer"), (8, "Occupation code"), (8, "In the specialty"), (8, "Wage band"),
        (8, "Source"), (8, "Date of the record"),
        (9, "Employer's BIN"), (9, "Date of the record"),
        (10, "Diploma number"), (11, "Diploma number"),
    }
    messages = {(e.row, e.column): e.message for e in result.errors}
    assert "check digit" in messages[(3, "Graduate's IIN")]
    assert "has not graduated" in messages[(4, "Graduate's IIN")]
    assert other_graduation.student.iin in messages[(5, "Graduate's IIN")]
    assert "6 or 12" in messages[(6, "Months after graduation")] and "sleeping" in messages[(6, "Status")]
    assert "Only for an employed graduate" in messages[(7, "Employer")]
    assert "name or BIN" in messages[(8, "Employer")] and "7212-1" in messages[(8, "Occupation code")]
    assert "before the graduation" in messages[(9, "Date of the record")]
    assert not EmploymentRecord.objects.exists()


def test_an_employed_graduate_needs_the_employers_name_or_bin_and_a_valid_occupation(users, graduates):
    rows = [[graduates[0].student.iin, "", "12", "employed", "", "", "", "", "", "", "", "30.06.2025"],
            [graduates[1].student.iin, "", "12", "employed", "ТОО", "", "72121", "", "", "", "", "30.06.2025"]]
    result = run_import("employment", csv_bytes([HEADER_EN, *rows]), "outcomes.csv", users["region_admin"])
    assert [(e.row, e.column) for e in result.errors] == [(2, "Employer"), (3, "Occupation code")]
    assert "name or BIN" in result.errors[0].message


def test_a_graduate_and_months_repeated_in_the_file_is_refused(users, graduates):
    first = graduates[0]
    rows = [[first.student.iin, "", "12", "unemployed", "", "", "", "", "", "", "", "30.06.2025"],
            [first.student.iin, "", "6", "unemployed", "", "", "", "", "", "", "", "30.12.2024"],
            ["", first.diploma_number, "12", "unknown", "", "", "", "", "", "", "", "30.06.2025"]]
    result = run_import("employment", csv_bytes([HEADER_EN, *rows]), "outcomes.csv", users["region_admin"])
    assert [(e.row, e.column) for e in result.errors] == [(4, "Graduate's IIN")]
    assert "row 2" in result.errors[0].message
    assert not EmploymentRecord.objects.exists()


def test_importing_the_same_graduate_and_months_again_updates_the_record(users, graduates, enterprise):
    data = csv_bytes([HEADER_RU, *rows_ru(graduates, enterprise)])
    assert run_import("employment", data, "outcomes.csv", users["college_admin"]).created == 3
    again = run_import("employment", data, "outcomes.csv", users["college_admin"])
    assert again.ok and (again.created, again.updated) == (0, 0)  # the same file changes nothing
    assert EmploymentRecord.objects.count() == 3
    changed = rows_ru(graduates, enterprise)
    changed[2] = [graduates[2].student.iin, "", "12", "работает", "ТОО «Новый»", "", "", "", "нет", "", "опрос",
                  "01.07.2025"]
    result = run_import("employment", csv_bytes([HEADER_RU, *changed]), "outcomes.csv", users["college_admin"])
    assert result.ok and (result.created, result.updated) == (0, 1)
    record = EmploymentRecord.objects.get(graduation=graduates[2])
    assert (record.status, record.employer_name, record.in_specialty, record.wage_band) == (
        "employed", "ТОО «Новый»", False, "unknown")
    entry = AuditEntry.objects.get(action="update", object_type="outcomes.employmentrecord")
    assert entry.changes["status"] == ["further_study", "employed"]


def test_it_reads_xlsx_with_numbers_and_dates_in_their_cells(users, graduates):
    first = graduates[0]
    data = xlsx_bytes([HEADER_EN, [int(first.student.iin), None, 12, "employed", "ТОО «Тест»", None, 7212, None,
                                   "yes", 420000, "pension", dt.date(2025, 7, 1)]])
    result = run_import("employment", data, "outcomes.xlsx", users["region_admin"])
    assert result.ok, [e.as_dict() for e in result.errors]
    record = EmploymentRecord.objects.get()
    assert (record.occupation_code, record.wage_band, record.source, record.recorded_on) == (
        "7212", "300k_500k", "pension", dt.date(2025, 7, 1))


@pytest.mark.parametrize("role", ["analyst", "dual_coordinator", "enterprise_hr", "student", "customer"])
def test_other_roles_may_not_import_employment(client_for, role):
    assert client_for(role).get("/imports/employment/").status_code == 403


def test_the_export_imports_back_the_same_records(client_for, users, graduates, enterprise):
    assert run_import("employment", csv_bytes([HEADER_RU, *rows_ru(graduates, enterprise)]), "o.csv",
                      users["college_admin"]).ok
    columns = ("graduation_id", "months_after", "status", "employer_name", "employer_bin", "employer_id",
               "occupation_code", "occupation_title", "in_specialty", "wage_band", "source", "recorded_on")
    before = sorted(EmploymentRecord.objects.values_list(*columns))
    response = client_for("college_admin").get("/exports/employment.csv")
    assert response.status_code == 200
    assert response.content.decode("utf-8-sig").splitlines()[0] == ",".join(HEADER_EN)
    EmploymentRecord.objects.all().delete()
    result = run_import("employment", response.content, "o.csv", users["college_admin"])
    assert result.ok and result.created == 3, [e.as_dict() for e in result.errors]
    assert sorted(EmploymentRecord.objects.values_list(*columns)) == before


def test_a_college_exports_only_its_own_graduates_records(client_for, graduation, other_graduation):
    make_record(graduation, 12, "unemployed")
    make_record(other_graduation, 12, "unemployed")
    text = client_for("dual_coordinator").get("/exports/employment.csv").content.decode("utf-8-sig")
    assert graduation.student.iin in text and other_graduation.student.iin not in text
