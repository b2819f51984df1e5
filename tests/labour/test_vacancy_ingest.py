"""Ingesting files of job ads: reading the exports as officials have them, skipping re-posts, coding each title
once, the coding queue, demand counted per occupation × district × month, and bad files refused whole."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from kasip.core.models import AuditEntry
from kasip.labour import services
from kasip.labour.models import (
    CodingItem,
    CodingMethod,
    CodingStatus,
    DemandCell,
    Vacancy,
    VacancyBatch,
)
from kasip.registry.models import District
from tests.helpers import csv_bytes, xlsx_bytes
from tests.labour.coding_fixtures import tiny_coder, unit_groups  # noqa: F401

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 27)
HEADER_RU = ["Должность", "Работодатель", "Район", "Дата публикации", "Код профессии", "Количество"]


def ingest(data: bytes, name: str = "ads.csv", **kwargs) -> services.IngestResult:
    kwargs.setdefault("today", TODAY)
    return services.ingest_vacancies(None, data, name, source="enbek", **kwargs)


def cells() -> dict[tuple[str, str, str], tuple[int, int]]:
    return {(c.isco08, c.district.kato, c.month.isoformat()[:7]): (c.postings, c.positions)
            for c in DemandCell.objects.select_related("district")}


@pytest.fixture
def ready(region, unit_groups, tiny_coder):  # noqa: F811
    return region


def test_it_stores_coded_ads_and_counts_demand_by_occupation_district_and_month(ready):
    data = csv_bytes([
        HEADER_RU,
        ["Требуется электросварщик 5 разряда", "ТОО «Болат»", "351010000", "05.03.2025", "", "2"],
        ["Сварщик", "ТОО Уголь", "Караганда", "2025-03-20", "", ""],
        ["Повар, вахта 15/15", "Асхана", "Темиртау", "2025-04-02", "", "1"],
        ["Главный инженер-технолог", "ТОО Болат", "352410000", "2025-04-10", "2149", "3"],
    ], encoding="cp1251", delimiter=";")
    result = ingest(data)
    assert result.ok, result.errors
    assert (result.rows, result.stored, result.duplicates) == (4, 4, 0)
    assert result.encoding == "cp1251"
    assert result.coding == {"coder": 3, "given": 1}
    ads = {v.title: v for v in Vacancy.objects.all()}
    assert ads["Требуется электросварщик 5 разряда"].isco08 == "7212"
    assert ads["Главный инженер-технолог"].coding == CodingMethod.GIVEN
    assert ads["Главный инженер-технолог"].isco08 == "2149"
    assert cells() == {("7212", "351010000", "2025-03"): (2, 3), ("5120", "352410000", "2025-04"): (1, 1),
                       ("2149", "352410000", "2025-04"): (1, 3)}
    batch = VacancyBatch.objects.get()
    assert (batch.stored, batch.first_posted, batch.last_posted) == (4, dt.date(2025, 3, 5), dt.date(2025, 4, 10))


def test_a_national_code_is_mapped_to_its_isco_unit_group(ready):
    from kasip.labour.models import NationalOccupation, Occupation

    NationalOccupation.objects.create(code="7212-1", title_ru="Электросварщик", isco=Occupation.objects.get(code="7212"))
    result = ingest(csv_bytes([["title", "district", "date", "occupation code"],
                               ["Электрогазосварщик", "351010000", "2025-01-09", "7212-1"]]))
    assert result.ok, result.errors
    ad = Vacancy.objects.get()
    assert (ad.given_code, ad.isco08, ad.coding) == ("7212-1", "7212", CodingMethod.GIVEN)


def test_re_posts_within_the_window_are_skipped_and_a_second_load_adds_nothing(ready):
    rows = [
        ["title", "employer", "district", "date"],
        ["Повар", "ТОО «Дәм»", "351010000", "2025-05-01"],
        ["Требуется повар", "Дәм ТОО", "351010000", "2025-05-20"],  # same employer, title and district: re-post
        ["Повар", "ТОО «Дәм»", "351010000", "2025-06-10"],  # 40 days after the kept one: a new ad
        ["Повар", "ТОО «Дәм»", "352410000", "2025-05-02"],  # another district
        ["Повар", "ТОО «Береке»", "351010000", "2025-05-03"],  # another employer
    ]
    first = ingest(csv_bytes(rows))
    assert (first.stored, first.duplicates) == (4, 1)
    assert cells()[("5120", "351010000", "2025-05")] == (2, 2)
    again = ingest(csv_bytes(rows), name="again.csv")
    assert again.ok and (again.stored, again.duplicates) == (0, 5)
    assert Vacancy.objects.count() == 4
    assert cells()[("5120", "351010000", "2025-05")] == (2, 2)


def test_the_window_is_configurable(ready, settings):
    settings.KASIP_VACANCY_DEDUP_DAYS = 10
    result = ingest(csv_bytes([["title", "employer", "district", "date"],
                               ["Повар", "Дәм", "351010000", "2025-05-01"],
                               ["Повар", "Дәм", "351010000", "2025-05-20"]]))
    assert (result.stored, result.duplicates) == (2, 0)


def test_an_ad_posted_shortly_before_a_stored_one_is_its_re_post(ready):
    ingest(csv_bytes([["title", "employer", "district", "date"], ["Повар", "Дәм", "351010000", "2025-05-20"]]))
    earlier = ingest(csv_bytes([["title", "employer", "district", "date"], ["Повар", "Дәм", "351010000", "2025-05-05"]]))
    assert (earlier.stored, earlier.duplicates) == (0, 1)


def test_an_id_at_the_source_is_stored_once(ready):
    rows = [["id", "title", "district", "date"], ["A-1", "Повар", "351010000", "2025-01-05"],
            ["A-1", "Сварщик", "351010000", "2025-02-05"]]
    result = ingest(csv_bytes(rows))
    assert (result.stored, result.duplicates) == (1, 1)
    assert ingest(csv_bytes(rows[:2])).duplicates == 1


def test_titles_the_coder_is_unsure_of_wait_in_the_queue_and_an_analysts_code_reaches_the_ads(ready, users):
    rows = [["title", "employer", "district", "date"]]
    rows += [["Кочегар", f"Котельная {i}", "351010000", "2025-02-03"] for i in range(3)]
    result = ingest(csv_bytes(rows))
    assert result.ok and result.coding == {"unsure": 3}
    item = CodingItem.objects.get()
    assert (item.title, item.count, item.status, item.source) == ("Кочегар", 3, CodingStatus.PENDING, "vacancy")
    services.confirm_coding(users["analyst"], item, "8182")
    assert set(Vacancy.objects.values_list("isco08", "coding")) == {("8182", CodingMethod.ANALYST)}
    assert cells() == {("8182", "351010000", "2025-02"): (3, 3)}
    # the next file with that title takes the analyst's code without asking the coder
    later = ingest(csv_bytes([["title", "employer", "district", "date"], ["кочегар", "Жылу", "351010000",
                                                                           "2025-03-01"]]))
    assert later.coding == {"analyst": 1} and CodingItem.objects.get().count == 3


def test_a_file_with_bad_rows_names_each_and_writes_nothing(ready):
    data = csv_bytes([
        ["title", "district", "date", "occupation code", "positions", "bin"],
        ["", "351010000", "2025-01-05", "", "", ""],
        ["Повар", "Атлантида", "2025-01-05", "", "", ""],
        ["Повар", "351010000", "31.02.2025", "", "", ""],
        ["Повар", "351010000", "2025-01-05", "9999", "", ""],
        ["Повар", "351010000", "2025-01-05", "", "много", ""],
        ["Повар", "351010000", "2027-01-05", "", "", ""],
        ["Повар", "351010000", "2025-01-05", "", "", "123456789012"],
        ["Повар", "351010000", "2025-01-05", "", "", ""],
    ])
    result = ingest(data)
    assert not result.ok
    found = {(e["row"], e["column"]) for e in result.errors}
    assert found == {(2, "job title"), (3, "district"), (4, "date posted"), (5, "occupation code"),
                     (6, "positions"), (7, "date posted"), (8, "employer's BIN")}
    assert "Атлантида" in next(e["message"] for e in result.errors if e["row"] == 3)
    assert not Vacancy.objects.exists() and not VacancyBatch.objects.exists() and not DemandCell.objects.exists()


def test_a_line_in_a_broken_encoding_is_a_bad_row(ready):
    good = csv_bytes([["title", "district", "date"], ["Повар", "351010000", "2025-01-05"]])
    data = good + "Сварщик,351010000,2025-01-06\n".encode("cp1251") + "Аспаз,351010000,2025-01-07\n".encode()
    result = ingest(data)
    assert not result.ok
    assert [(e["row"], "UTF-8" in e["message"]) for e in result.errors] == [(3, True)]
    assert not Vacancy.objects.exists()


@pytest.mark.parametrize(("data", "name", "message"), [
    (b"", "ads.csv", "The file is empty."),
    (csv_bytes([["title", "district", "date"]]), "ads.csv", "no data rows"),
    (csv_bytes([["vacancy", "city"], ["Повар", "351010000"]]), "ads.csv", "The file's columns: vacancy, city"),
    (b"title,district,date\n", "ads.pdf", "CSV, XLSX or JSON Lines"),
    ('{"title": "Повар"}\nnot json\n'.encode(), "ads.jsonl", "Lines 2"),
    ('{"title": {"ru": "Повар"}, "district": "1", "date": "2025-01-01"}\n'.encode(), "ads.jsonl", "nested"),
])
def test_a_file_it_cannot_use_is_refused_whole(ready, data, name, message):
    result = ingest(data, name=name)
    assert not result.ok and message in result.file_error
    assert not VacancyBatch.objects.exists()


def test_it_reads_json_lines_and_xlsx(ready):
    lines = [{"id": 7, "title": "Аспаз", "district": "Қарағанды", "published_at": "2025-02-01T10:00:00",
              "salary": 250000},
             {"id": 8, "title": "Welder", "district": "Temirtau", "published_at": "2025-02-03", "salary": None}]
    jsonl = "\n".join(json.dumps(line, ensure_ascii=False) for line in lines).encode()
    result = ingest(jsonl, name="enbek.jsonl")
    assert result.ok, (result.file_error, result.errors)
    assert sorted(Vacancy.objects.values_list("external_id", "district__kato", "salary_min")) == [
        ("7", "351010000", 250000), ("8", "352410000", None)]
    xlsx = xlsx_bytes([["Лауазым", "Аудан", "Күні"], ["Дәнекерлеуші", "Теміртау", dt.date(2025, 3, 1)]])
    assert ingest(xlsx, name="needs.xlsx").stored == 1
    assert Vacancy.objects.get(title="Дәнекерлеуші").district == District.objects.get(kato="352410000")


def test_deleting_a_file_takes_its_ads_out_of_demand(ready, users):
    ingest(csv_bytes([["title", "district", "date"], ["Повар", "351010000", "2025-01-05"]]))
    second = ingest(csv_bytes([["title", "district", "date"], ["Аспаз", "351010000", "2025-01-25"]]), name="b.csv")
    assert cells() == {("5120", "351010000", "2025-01"): (2, 2)}
    assert services.delete_batch(users["region_admin"], VacancyBatch.objects.get(pk=second.batch)) == 1
    assert cells() == {("5120", "351010000", "2025-01"): (1, 1)}
    assert AuditEntry.objects.filter(action="delete", object_repr="job ads: b.csv").exists()


def test_only_the_region_admin_and_analysts_load_ads(ready, users):
    from django.core.exceptions import PermissionDenied

    data = csv_bytes([["title", "district", "date"], ["Повар", "351010000", "2025-01-05"]])
    for role in ("college_admin", "enterprise_hr", "student", "customer"):
        with pytest.raises(PermissionDenied):
            services.ingest_vacancies(users[role], data, "ads.csv", today=TODAY)
    assert services.ingest_vacancies(users["analyst"], data, "ads.csv", today=TODAY).ok


def test_a_bad_row_of_json_lines_is_named_by_its_line(ready):
    lines = ['{"title": "Повар", "district": "351010000", "date": "2025-01-05"}', "",
             '{"title": "Повар", "district": "Атлантида", "date": "2025-01-05"}', "[1, 2]"]
    refused = ingest("\n".join(lines).encode(), name="ads.jsonl")
    assert "Lines 4" in refused.file_error
    result = ingest("\n".join(lines[:3]).encode(), name="ads.jsonl")
    assert [(e["row"], e["column"]) for e in result.errors] == [(3, "district")]


def test_an_ads_industry_comes_from_the_file_or_the_employers_record(ready, enterprise):
    from kasip.labour import selectors

    rows = [["title", "district", "date", "bin", "industry"],
            ["Повар", "351010000", "2025-01-05", "", "56101"],
            ["Сварщик", "351010000", "2025-01-06", enterprise.bin, ""],  # the registry: ОКЭД 24100
            ["Водитель", "351010000", "2025-01-07", "", "C"],
            ["Продавец", "351010000", "2025-01-08", "", ""]]
    assert ingest(csv_bytes(rows)).ok
    assert dict(Vacancy.objects.values_list("title", "industry")) == {
        "Повар": "I", "Сварщик": "C", "Водитель": "C", "Продавец": ""}
    by_industry = selectors.demand_by_industry(months=1, last=dt.date(2025, 1, 1))
    assert [(r["industry"], r["postings"]) for r in by_industry] == [("C", 2), ("I", 1), ("", 1)]
    bad = ingest(csv_bytes([rows[0], ["Повар", "351010000", "2025-01-05", "", "04"]]), name="bad.csv")
    assert [(e["row"], e["column"]) for e in bad.errors] == [(2, "industry")]


def test_ads_that_name_no_employer_are_never_taken_for_re_posts(ready):
    rows = [["title", "district", "date"]] + [["Повар", "351010000", f"2025-01-{day:02d}"] for day in range(1, 11)]
    result = ingest(csv_bytes(rows))
    assert (result.stored, result.duplicates) == (10, 0)
    with_ids = [["id", "title", "district", "date"], ["7", "Повар", "351010000", "2025-02-01"],
                ["7", "Повар", "351010000", "2025-02-03"]]
    assert ingest(csv_bytes(with_ids), name="ids.csv").duplicates == 1  # the same id: the same ad


def test_a_nul_character_is_dropped_from_a_value(ready):
    line = json.dumps({"title": "Пов\u0000ар", "district": "351010000", "date": "2025-01-05"}, ensure_ascii=False)
    assert ingest(line.encode(), name="ads.jsonl").ok
    assert Vacancy.objects.get().title == "Повар"
