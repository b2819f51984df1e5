"""Imports run as background jobs in a Celery worker, with progress in the database."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError

from kasip.celery import app
from kasip.core.models import Job
from kasip.core.validators import make_bin
from kasip.registry.models import College
from tests.conftest import csv_bytes

HEADER = ["BIN", "Name (Kazakh)", "District КАТО", "Languages of instruction"]


def use_broker(url: str, options: dict, eager: bool) -> None:
    """Point the app at another broker, dropping connections it may already hold."""
    app.conf.update(broker_url=url, broker_transport_options=options, task_always_eager=eager)
    # kombu keeps one pool per broker URL process-wide: drop our references, close nothing
    app._pool = None
    app.amqp._producer_pool = None


def college_file(n: int) -> bytes:
    return csv_bytes([HEADER] + [[make_bin(2010, 1 + i % 12, 10 + i), f"Колледж {i}", "351010000", "kk"]
                                 for i in range(n)])


@pytest.mark.django_db(transaction=True)
def test_a_worker_runs_the_import_and_reports_progress(users, client_for, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    use_broker("memory://", {}, eager=False)
    client = client_for("region_admin")
    upload = SimpleUploadedFile("colleges.csv", college_file(300), content_type="text/csv")
    response = client.post("/imports/colleges/", {"file": upload})
    job = Job.objects.get()
    assert response["Location"] == f"/jobs/{job.pk}/"
    # queued, not yet run: the page shows a progress bar that polls for news
    page = client.get(f"/jobs/{job.pk}/status/", HTTP_HX_REQUEST="true").content.decode()
    assert "<progress" in page and 'hx-trigger="every 1s"' in page
    assert College.objects.filter(name_kk__startswith="Колледж ").count() == 0
    try:
        with start_worker(app, perform_ping_check=False, pool="solo", shutdown_timeout=10):
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                time.sleep(0.5)
                try:
                    job.refresh_from_db()
                except OperationalError:  # SQLite's shared in-memory test database: the worker is writing
                    continue
                if job.is_finished:
                    break
    finally:
        use_broker(settings.CELERY_BROKER_URL, settings.CELERY_BROKER_TRANSPORT_OPTIONS, eager=True)
    assert job.status == "succeeded", job.message
    assert job.progress == job.total == 300
    assert job.started_at and job.finished_at
    assert College.objects.filter(name_kk__startswith="Колледж ").count() == 300
    page = client.get(f"/jobs/{job.pk}/status/").content.decode()
    assert "300 created" in page and "<progress" not in page


def test_a_failed_import_job_keeps_its_report(users, client_for, django_capture_on_commit_callbacks):
    rows = [HEADER, [make_bin(2010, 1, 5), "", "351010000", "kk"]]
    client = client_for("region_admin")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/imports/colleges/", {"file": SimpleUploadedFile("c.csv", csv_bytes(rows))})
    job = Job.objects.get()
    assert job.status == "failed"
    assert job.report == [{"row": 2, "column": "Name (Kazakh)", "message": "The Kazakh name is required."}]
    report = client.get(f"/jobs/{job.pk}/errors.csv").content.decode("utf-8-sig")
    assert "Name (Kazakh)" in report and "The Kazakh name is required." in report


def test_an_upload_that_is_not_a_spreadsheet_is_refused_at_once(users, client_for):
    client = client_for("region_admin")
    response = client.post("/imports/colleges/", {"file": SimpleUploadedFile("photo.jpg", b"\xff\xd8\xff\xe0jpeg")})
    assert response.status_code == 200
    assert "Only CSV and XLSX files can be imported." in response.content.decode()
    assert not Job.objects.exists()


def test_an_oversized_upload_is_refused_with_the_limit(users, client_for, settings):
    settings.KASIP_IMPORT_MAX_BYTES = 2048
    response = client_for("region_admin").post("/imports/colleges/", {
        "file": SimpleUploadedFile("big.csv", college_file(200))})
    assert "the limit is 0.0 MB" in response.content.decode() or "too large" in response.content.decode()
    assert not Job.objects.exists()
