"""Job ads and demand through the browser's pages, the API and the CLI: an analyst loads a file and follows the
job, sees the ads and the demand they make, deletes a file; bad files and arguments get a message naming the
problem."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from kasip.labour.models import DemandCell, Vacancy, VacancyBatch
from tests.helpers import csv_bytes
from tests.labour.coding_fixtures import tiny_coder, unit_groups  # noqa: F401

pytestmark = pytest.mark.django_db
ROWS = [
    ["Должность", "Работодатель", "Район", "Дата публикации"],
    ["Электросварщик 5 разряда", "ТОО Болат", "351010000", "2025-03-05"],
    ["Сварщик", "ТОО Уголь", "Караганда", "2025-03-20"],
    ["Требуется сварщик", "ТОО Уголь", "Караганда", "2025-03-28"],  # a re-post of the one before
    ["Повар", "Асхана", "Темиртау", "2025-04-02"],
]


@pytest.fixture
def ready(region, unit_groups, tiny_coder):  # noqa: F811
    return region


def upload(rows=ROWS, name="ads.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, csv_bytes(rows), content_type="text/csv")


def test_an_analyst_loads_a_file_and_follows_the_job_to_the_ads(ready, client_for, django_capture_on_commit_callbacks):
    client = client_for("analyst")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/vacancies/", {"file": upload(), "source": "enbek"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "3 job ads stored, 1 re-posts skipped" in page
    batch = VacancyBatch.objects.get()
    assert batch.created_by.username == "analyst" and batch.source == "enbek"
    listing = client.get("/vacancies/").content.decode()
    assert "ads.csv" in listing and "Electronic labour exchange (Enbek)".lower() in listing.lower()
    ads = client.get("/vacancies/ads/", {"isco08": "7212"}).content.decode()
    assert "Электросварщик 5 разряда" in ads and "Повар" not in ads and "2 job ads" in ads


def test_a_bad_file_s_job_lists_the_bad_rows(ready, client_for, django_capture_on_commit_callbacks):
    client = client_for("region_admin")
    bad = [ROWS[0], ["", "ТОО", "351010000", "2025-03-05"], ["Повар", "ТОО", "Атлантида", "2025-03-05"]]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/vacancies/", {"file": upload(bad), "source": "enbek"})
    page = client.get(response["Location"]).content.decode()
    assert "Nothing was saved." in page
    assert "The job title is missing." in page and "Unknown district “Атлантида”" in page
    assert not Vacancy.objects.exists()


def test_the_upload_form_refuses_a_file_it_cannot_read(ready, client_for):
    response = client_for("analyst").post("/vacancies/", {"file": upload(name="ads.pdf"), "source": "enbek"})
    assert response.status_code == 200
    assert "Vacancy files are read from CSV, XLSX or JSON Lines" in response.content.decode()


def test_demand_pages_show_the_occupations_their_change_and_a_chart(ready, client_for):
    from kasip.labour import services

    services.ingest_vacancies(None, csv_bytes(ROWS), "ads.csv", source="enbek", today=dt.date(2026, 1, 1))
    page = client_for("college_admin").get("/demand/", {"months": "3"}).content.decode()
    assert "2025-02 to 2025-04: 3 job ads" in page
    assert page.index("7212") < page.index("5120")  # most ads first
    assert "<svg" in page
    assert "By industry" in page and "not known" in page  # the test file gives no industry, nor a BIN
    detail = client_for("dual_coordinator").get("/demand/7212/").content.decode()
    assert "Karaganda" in detail and "2025-03" in detail
    assert client_for("analyst").get("/demand/9999/").status_code == 404
    assert client_for("enterprise_hr").get("/demand/").status_code == 403  # needs by district name competitors


def test_deleting_a_file_asks_first(ready, client_for):
    from kasip.labour import services

    result = services.ingest_vacancies(None, csv_bytes(ROWS), "ads.csv", today=dt.date(2026, 1, 1))
    client = client_for("analyst")
    assert "will be deleted" in client.get(f"/vacancies/files/{result.batch}/delete/").content.decode()
    assert VacancyBatch.objects.exists()
    response = client.post(f"/vacancies/files/{result.batch}/delete/", follow=True)
    assert "3 job ads of “ads.csv” deleted" in response.content.decode()
    assert not Vacancy.objects.exists() and not DemandCell.objects.exists()


def _bearer(users, role):
    from kasip.core.services import create_api_token as make

    return {"HTTP_AUTHORIZATION": f"Bearer {make(users[role], 't')[1]}"}


def test_the_api_loads_a_file_as_a_job_and_answers_ads_and_demand(ready, users, django_capture_on_commit_callbacks):
    from django.test import Client

    client, auth = Client(), _bearer(users, "analyst")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/vacancies/ingest", {"file": upload(), "source": "job_board"}, **auth)
    assert response.status_code == 202
    job = client.get(f"/api/v1/jobs/{response.json()['id']}", **auth).json()
    assert job["status"] == "succeeded" and job["result"]["stored"] == 3 and job["result"]["duplicates"] == 1
    ads = client.get("/api/v1/vacancies", {"district": "352410000"}, **auth).json()
    assert [(a["title"], a["isco08"], a["source"]) for a in ads["items"]] == [("Повар", "5120", "job_board")]
    demand = client.get("/api/v1/demand", {"months": 2}, **auth).json()
    assert (demand["first_month"], demand["last_month"]) == ("2025-03-01", "2025-04-01")
    assert [(r["code"], r["postings"]) for r in demand["rows"]] == [("7212", 2), ("5120", 1)]
    one = client.get("/api/v1/demand/7212", **auth).json()
    assert one["months"] == [{"month": "2025-03-01", "postings": 2, "positions": 2},
                             {"month": "2025-04-01", "postings": 0, "positions": 0}]
    files = client.get("/api/v1/vacancies/files", **auth).json()["items"]
    assert client.delete(f"/api/v1/vacancies/files/{files[0]['id']}", **auth).status_code == 204
    assert not Vacancy.objects.exists()


def test_the_api_names_what_is_wrong(ready, users):
    from django.test import Client

    client, auth = Client(), _bearer(users, "analyst")
    wrong_type = client.post("/api/v1/vacancies/ingest", {"file": upload(name="ads.doc")}, **auth)
    assert wrong_type.status_code == 422 and "file" in wrong_type.content.decode()
    wrong_source = client.post("/api/v1/vacancies/ingest", {"file": upload(), "source": "telegram"}, **auth)
    assert wrong_source.status_code == 422 and "source" in wrong_source.content.decode()
    unknown = client.get("/api/v1/demand", {"district": "999999999"}, **auth)
    assert unknown.status_code == 422 and "999999999" in unknown.content.decode()
    backwards = client.get("/api/v1/vacancies", {"since": "2025-05-01", "until": "2025-01-01"}, **auth)
    assert backwards.status_code == 422 and "until" in backwards.content.decode()


def test_the_command_loads_a_file_with_a_summary(ready, tmp_path):
    path = tmp_path / "ads.csv"
    path.write_bytes(csv_bytes(ROWS))
    out, err = io.StringIO(), io.StringIO()
    call_command("ingest-vacancies", str(path), "--source", "enbek", stdout=out, stderr=err)
    text = out.getvalue()
    assert "ads stored: 3" in text and "re-posts skipped: 1" in text and "coding: coder 3" in text
    assert "storing" in err.getvalue()  # the progress bar
    assert Vacancy.objects.count() == 3


def test_the_command_lists_bad_rows_and_stores_nothing(ready, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes([ROWS[0], ["Повар", "ТОО", "351010000", "вчера"]]))
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 bad rows; nothing was stored"):
        call_command("ingest-vacancies", str(path), stderr=err, verbosity=0)
    assert "row 2, date posted: “вчера” is not a date" in err.getvalue()
    with pytest.raises(CommandError, match="no such file"):
        call_command("ingest-vacancies", str(tmp_path / "missing.csv"), verbosity=0)
    assert not Vacancy.objects.exists()


def test_refresh_demand_recounts_every_cell(ready, tmp_path):
    from kasip.labour import services

    services.ingest_vacancies(None, csv_bytes(ROWS), "ads.csv", today=dt.date(2026, 1, 1))
    DemandCell.objects.all().delete()
    out = io.StringIO()
    call_command("refresh-demand", stdout=out)
    assert "demand cells: 2" in out.getvalue()
    assert DemandCell.objects.get(isco08="7212").postings == 2


def test_the_sample_file_loads_as_it_is(ready, client_for):
    from kasip.labour import services

    client = client_for("analyst")
    sample = client.get("/vacancies/", {"template": "csv"})
    assert sample["Content-Disposition"].endswith('template.csv"')
    result = services.ingest_vacancies(None, sample.content, "template.csv", today=dt.date(2026, 11, 27))
    assert result.ok and result.stored == 2 and result.ignored_columns == []
    assert client_for("college_admin").get("/vacancies/", {"template": "csv"}).status_code == 403
