"""Retraining the coder with the analysts' codings: the new coder codes a corrected title as the analyst did; the
worker's job records its progress and result; the nightly run retrains only when there is something new; the
command prints its summary. The full build (~90 s) is replaced by a tiny coder."""

from __future__ import annotations

import os
from io import StringIO

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from kasip.core.models import Job, JobStatus
from kasip.labour import coder_file, selectors, services, tasks
from kasip.labour.models import AliasSource, CodingItem, CodingStatus, OccupationAlias
from tests.labour.coding_fixtures import tiny_build, tiny_coder, unit_groups  # noqa: F401  (fixtures)

QUEUE = "/occupations/coding/"


@pytest.fixture
def corrected(users, unit_groups, tiny_coder, tiny_build):  # noqa: F811
    """“Мастер смены” corrected by the analyst to 3122 (the tiny coder said 5142)."""
    services.enqueue_titles(["Мастер смены", "кочегар"], source="vacancy")
    item = CodingItem.objects.get(title="Мастер смены")
    assert item.top_code == "5142"
    return services.confirm_coding(users["analyst"], item, "3122")


def test_training_with_a_corrected_coding_makes_the_coder_code_the_title_as_the_analyst_did(corrected, users):
    assert coder_file.get_coder().predict(["Мастер смены"]) == ["5142"]
    result = services.train_coder(users["analyst"])
    assert result["codings"] == 1 and result["corrected"] == 1 and result["confirmed"] == 0
    assert result["right_before"] == 0 and result["right_after"] == 1
    assert result["path"] == django_settings.KASIP_CODER_PATH or result["path"].endswith("coder.pkl")
    assert coder_file.get_coder().predict(["Мастер смены", "мастер смены 5 разряда"]) == ["3122", "3122"]
    # the training is on record for the nightly run, and the coding is a job title of its group now
    job = selectors.last_training()
    assert job.created_by == users["analyst"] and job.result["right_after"] == 1
    assert OccupationAlias.objects.filter(source=AliasSource.CONFIRMED, alias="Мастер смены",
                                          occupation__code="3122").exists()
    assert selectors.codings_since_last_training() == 0


def test_a_dry_run_measures_without_replacing_the_coder(corrected, users, settings):
    before = os.stat(settings.KASIP_CODER_PATH).st_mtime_ns
    result = services.train_coder(users["analyst"], dry_run=True)
    assert result["right_after"] == 1 and result["path"] == "" and result["dry_run"]
    assert os.stat(settings.KASIP_CODER_PATH).st_mtime_ns == before
    assert coder_file.get_coder().predict(["Мастер смены"]) == ["5142"]
    assert selectors.last_training() is None


def test_the_waiting_titles_get_the_new_coders_suggestions(corrected, users, monkeypatch):
    from tests.labour.coding_fixtures import fit_tiny

    stoker = CodingItem.objects.get(title="кочегар")
    assert stoker.top_code == "8182"
    monkeypatch.setattr(coder_file, "build_coder", lambda reference=None: fit_tiny([("кочегар котельной", "8182"),
                                                                                      ("истопник", "9629")]))
    result = services.train_coder(users["analyst"])
    assert result["refreshed"] == 1
    stoker.refresh_from_db()
    assert stoker.confidence > 0.9


def test_the_task_records_progress_and_the_result_in_a_job(corrected, users, monkeypatch):
    seen = []
    original = services.coding.train_coder

    def spy(actor=None, job=None, **kwargs):
        def progress(done, total):
            seen.append(Job.objects.values_list("progress", "total").get(pk=job.pk))

        return original(actor, job, progress=progress, **kwargs)

    monkeypatch.setattr(services.coding, "train_coder", spy)
    job, started = services.start_training(users["analyst"], enqueue=False)
    assert started and job.status == JobStatus.QUEUED
    again, started = services.start_training(users["region_admin"], enqueue=False)
    assert again == job and not started  # one training at a time
    answer = tasks.train_coder.delay(job_id=job.pk).get()
    job.refresh_from_db()
    assert seen == [(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]
    assert job.status == JobStatus.SUCCEEDED and (job.progress, job.total) == (5, 5)
    assert job.result["codings"] == 1 and job.result["right_after"] == 1 and job.finished_at is not None
    assert job.message == "The coder was retrained with 1 codings; it codes 1 of them as the analysts did."
    assert answer["status"] == "succeeded"


def test_the_job_page_tells_the_training_not_an_import(corrected, users, client_for):
    job, _started = services.start_training(users["analyst"], enqueue=False)
    body = client_for("analyst").get(f"/jobs/{job.pk}/").content.decode()
    assert "step 0 of 5" in body and "rows checked" not in body
    services.execute_training(job.pk)
    body = client_for("region_admin").get(f"/jobs/{job.pk}/").content.decode()
    assert "The coder was retrained with 1 codings; it codes 1 of them as the analysts did." in body
    assert "Import finished" not in body and 'href="/occupations/coding/"' in body


def test_a_failed_build_is_told_in_the_job(corrected, users, monkeypatch):
    def broken(reference=None):
        raise MemoryError("out of memory")

    monkeypatch.setattr(coder_file, "build_coder", broken)
    job, _started = services.start_training(users["analyst"], enqueue=False)
    job = services.execute_training(job.pk)
    assert job.status == JobStatus.FAILED and "out of memory" in job.message
    assert coder_file.get_coder().predict(["Мастер смены"]) == ["5142"]  # the site keeps its coder


def test_the_page_starts_the_training_and_shows_its_result(corrected, client_for, django_capture_on_commit_callbacks):
    client = client_for("analyst")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{QUEUE}train/", {"next": QUEUE})
    assert response.status_code == 302 and response["Location"] == QUEUE
    body = client.get(QUEUE).content.decode()
    assert "The coder is being retrained in the background" in body
    assert "The coder was retrained with 1 codings; it codes 1 of them as the analysts did." in body
    job = selectors.latest_training_job()
    assert job.status == JobStatus.SUCCEEDED and job.created_by.username == "analyst"
    partial = client.get(f"{QUEUE}job/", HTTP_HX_REQUEST="true")
    assert partial["HX-Refresh"] == "true"


def test_the_page_follows_a_training_under_way(corrected, client_for, users):
    job, _started = services.start_training(users["region_admin"], enqueue=False)
    client = client_for("analyst")
    body = client.get(QUEUE).content.decode()
    assert 'hx-get="/occupations/coding/job/"' in body and f'id="coding-progress-{job.pk}"' in body
    response = client.post(f"{QUEUE}train/", follow=True)
    assert f"The coder is already being retrained (job {job.pk})." in [str(m) for m in response.context["messages"]]
    assert Job.objects.filter(kind=services.TRAIN_JOB).count() == 1


def test_only_the_region_admin_and_the_analysts_retrain(corrected, users, client_for):
    for role in ("college_admin", "dual_coordinator", "customer", "student"):
        with pytest.raises(PermissionDenied):
            services.start_training(users[role])
        with pytest.raises(PermissionDenied):
            services.train_coder(users[role])
        assert client_for(role).post(f"{QUEUE}train/").status_code == 403
    assert not Job.objects.exists()


def test_the_nightly_run_retrains_only_when_there_are_new_codings(users, unit_groups, tiny_coder, tiny_build):  # noqa: F811
    assert tasks.train_coder(only_if_new=True) == {"skipped": "no new codings since the last training"}
    services.enqueue_titles(["Мастер смены"], source="vacancy")
    item = CodingItem.objects.get()
    assert tasks.train_coder(only_if_new=True)["skipped"]  # waiting, not coded: nothing to learn
    services.confirm_coding(users["analyst"], item, "3122")
    answer = tasks.train_coder(only_if_new=True)
    assert answer["status"] == "succeeded" and answer["codings"] == 1
    assert Job.objects.get(kind=services.TRAIN_JOB).created_by is None
    assert tasks.train_coder(only_if_new=True)["skipped"]  # nothing new since
    assert len(tiny_build) == 1


def test_the_nightly_run_is_in_the_beat_schedule():
    entry = django_settings.CELERY_BEAT_SCHEDULE["labour-train-coder"]
    assert entry["task"] == "kasip.labour.train_coder" and entry["kwargs"] == {"only_if_new": True}
    assert entry["schedule"].hour == {django_settings.KASIP_CODER_TRAIN_HOUR}


def test_the_api_starts_the_training_and_answers_with_its_job(corrected, users):
    from django.test import Client

    from kasip.core.services import create_api_token

    client = Client(HTTP_AUTHORIZATION=f"Bearer {create_api_token(users['analyst'], 't')[1]}")
    assert client.get("/api/v1/coder/train").status_code == 404
    response = client.post("/api/v1/coder/train")
    assert response.status_code == 202
    body = response.json()
    assert body["status"] == "queued" and body["started"] is True and body["status_url"] == "/api/v1/coder/train"
    assert client.get("/api/v1/coder/train").json()["job_id"] == body["job_id"]
    assert client.post("/api/v1/coder/train").json() | {"started": True} == body  # the same job, not a second


# --- the commands ------------------------------------------------------------------------------------------
def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_the_command_prints_its_summary(corrected, settings):
    out = run("coder-train")
    assert "codings used: 1 (0 confirmed, 1 corrected)" in out
    assert "agreement before: 0/1 (0.0 %)" in out
    assert "agreement after: 1/1 (100.0 %)" in out
    assert "seconds: " in out and f"written: {settings.KASIP_CODER_PATH}" in out
    assert coder_file.get_coder().predict(["Мастер смены"]) == ["3122"]
    assert selectors.last_training() is not None


def test_the_commands_dry_run_writes_nothing(corrected):
    out = run("coder-train", "--dry-run")
    assert "agreement after: 1/1 (100.0 %)" in out and "dry run: nothing written" in out
    assert coder_file.get_coder().predict(["Мастер смены"]) == ["5142"]


def test_the_command_acts_as_a_user_under_the_policy(corrected, users):
    with pytest.raises(CommandError, match="--as college_admin: You may not retrain"):
        run("coder-train", "--as", "college_admin")
    with pytest.raises(CommandError, match="no user “nobody”"):
        run("coder-train", "--as", "nobody")


def test_the_queue_command_adds_lists_and_counts(users, unit_groups, tiny_coder, tmp_path):  # noqa: F811
    titles = tmp_path / "titles.txt"
    titles.write_text("Мастер смены\nсварщик\n\nкочегар\nмастер смены\n", encoding="utf-8")
    out = run("coding-queue", "add", str(titles))
    assert "titles: 4; coded: 1; queued: 3 (2 new items); already queued: 0; cannot code: 0" in out
    assert CodingItem.objects.get(title="Мастер смены").source_ref == "titles.txt"
    table = tmp_path / "ads.csv"
    table.write_text("Должность;Количество\nводитель;7\nкочегар;2\n", encoding="utf-8")
    out = run("coding-queue", "add", str(table))
    assert "titles: 9; coded: 0; queued: 7 (1 new items); already queued: 2" in out
    out = run("coding-queue", "add", "--title", "Жұмысшы жұмысшы", "--title", "!!!", "--as", "analyst")
    assert "titles: 2;" in out and "cannot code: 1" in out
    listing = run("coding-queue", "list")
    assert listing.splitlines()[0].split()[1:3] == ["7", "55%"] and "водитель" in listing.splitlines()[0]
    assert "[8331 55%, 8332 45%, 8182 0%]" in listing
    stats = run("coding-queue", "stats")
    assert "pending: 3" in stats and "ads waiting: 12" in stats and "last training: never" in stats


@pytest.mark.parametrize(("args", "message"), [
    (("add",), "give a FILE of titles or at least one --title."),
    (("add", "/no/such/file.txt"), "/no/such/file.txt: no such file."),
    (("add", "x.txt", "--title", "сварщик"), "give a FILE or --title, not both."),
    (("list", "--limit", "0"), "--limit must be at least 1."),
    (("add", "--title", "сварщик", "--as", "student"), "You may not add titles to the coding queue."),
])
def test_the_queue_command_explains_bad_arguments(users, unit_groups, tiny_coder, args, message):  # noqa: F811
    with pytest.raises(CommandError, match=message.replace(".", r"\.").replace("-", r"\-")):
        run("coding-queue", *args)


def test_the_queue_command_explains_a_bad_table(users, tiny_coder, tmp_path):  # noqa: F811
    table = tmp_path / "ads.csv"
    table.write_text("a,b\nсварщик,x\n", encoding="utf-8")
    with pytest.raises(CommandError, match="no title column"):
        run("coding-queue", "add", str(table))
    table.write_text("title,count\nсварщик,many\n", encoding="utf-8")
    with pytest.raises(CommandError, match="row 2: count “many” is not a positive whole number"):
        run("coding-queue", "add", str(table))


def test_the_queue_command_says_how_to_build_a_missing_coder(users, settings, tmp_path):
    settings.KASIP_CODER_PATH = str(tmp_path / "missing.pkl")
    coder_file.forget()
    with pytest.raises(CommandError, match="does not exist: build it with"):
        run("coding-queue", "add", "--title", "кочегар")


def test_statuses_stay_as_the_analysts_left_them_after_training(corrected, users):
    stoker = CodingItem.objects.get(title="кочегар")
    services.skip_coding(users["analyst"], stoker)
    services.train_coder(None)
    assert dict(CodingItem.objects.values_list("title", "status")) == {
        "Мастер смены": CodingStatus.CORRECTED, "кочегар": CodingStatus.SKIPPED}
