"""A matching round runs on the worker, never inside the request: the page's "Run" and the API queue a job,
the round's page follows its status and shows the result; what can be checked up front is refused at once,
other failures are recorded on the job."""

import pytest
from django.core.exceptions import ValidationError

from kasip.core.models import Job, JobStatus
from kasip.core.services import create_api_token
from kasip.dual import services, tasks
from kasip.dual.models import Placement, Preference, RoundStatus


@pytest.fixture
def locked_round(make_student, make_place, users, college, deadline):
    place = make_place(capacity=1)
    Preference.objects.create(student=make_student(), place=place, rank=1)
    round_ = services.create_round(None, name="Осень", deadline=deadline, college=college, places=[place], seed=3)
    return services.lock_round(None, round_)


def test_the_run_button_queues_a_job_and_the_page_follows_it(client_for, locked_round):
    admin = client_for("college_admin")
    response = admin.post(f"/rounds/{locked_round.pk}/run/", follow=True)
    body = response.content.decode()
    assert "runs in the background" in body
    job = Job.objects.get(kind=services.RUN_ROUND_JOB)
    assert job.status == JobStatus.QUEUED and job.params == {"round": locked_round.pk}
    locked_round.refresh_from_db()
    assert locked_round.status == RoundStatus.LOCKED and not Placement.objects.exists()  # not in the request
    assert f'hx-get="/rounds/{locked_round.pk}/job/"' in body and "Run again" not in body
    assert "already running" in admin.post(f"/rounds/{locked_round.pk}/run/", follow=True).content.decode()

    services.execute_run_round(job.pk)  # the worker
    poll = admin.get(f"/rounds/{locked_round.pk}/job/", HTTP_HX_REQUEST="true")
    assert poll["HX-Refresh"] == "true" and "1 of 1 students matched" in poll.content.decode()
    body = admin.get(f"/rounds/{locked_round.pk}/").content.decode()
    assert "The round has run: 1 of 1 students matched" in body and "hx-get" not in body
    assert "Publish and notify" in body
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and job.progress == job.total == services.RUN_STEPS
    assert job.result["matched"] == 1 and job.finished_at is not None
    analyst = client_for("analyst").get(f"/rounds/{locked_round.pk}/job/").content.decode()
    assert "1 of 1 students matched" in analyst


def test_an_open_round_is_refused_before_anything_is_queued(client_for, users, college, deadline,
                                                            django_capture_on_commit_callbacks):
    round_ = services.create_round(None, name="Открытый", deadline=deadline, college=college)
    with django_capture_on_commit_callbacks() as callbacks:
        body = client_for("college_admin").post(f"/rounds/{round_.pk}/run/", follow=True).content.decode()
    assert "Lock the round before running it" in body
    assert not callbacks and not Job.objects.exists()
    key = create_api_token(users["region_admin"], "t")[1]
    from django.test import Client

    response = Client().post(f"/api/v1/rounds/{round_.pk}/run", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 422 and "Lock the round" in response.json()["detail"][0]["msg"]
    assert client_for("enterprise_hr").post(f"/rounds/{round_.pk}/run/").status_code == 403
    assert not Job.objects.exists()


def test_a_failure_on_the_worker_is_recorded_on_the_job(locked_round, users, monkeypatch):
    job = services.start_run_round(users["region_admin"], locked_round, enqueue=False)
    with pytest.raises(ValidationError, match="already running"):
        services.start_run_round(users["region_admin"], locked_round, enqueue=False)
    monkeypatch.setattr(services.matching, "match", lambda *a: (_ for _ in ()).throw(RuntimeError("out of memory")))
    job = services.execute_run_round(job.pk)
    assert job.status == JobStatus.FAILED and "out of memory" in job.message
    assert not Placement.objects.exists()
    monkeypatch.undo()

    # queued, then the round was published before the worker got to it: refused, and said so on the job
    services.run_round(None, locked_round)
    job = services.start_run_round(users["region_admin"], locked_round, enqueue=False)
    services.publish_round(None, locked_round)
    job = services.execute_run_round(job.pk)
    assert job.status == JobStatus.FAILED and "published round does not run again" in job.message


def test_the_task_runs_the_job(locked_round, users):
    job = services.start_run_round(users["college_admin"], locked_round, enqueue=False)
    stats = tasks.run_round.delay(locked_round.pk, users["college_admin"].pk, job.pk).get()
    assert stats["matched"] == 1
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and job.created_by == users["college_admin"]
    locked_round.refresh_from_db()
    assert locked_round.status == RoundStatus.RUN


def test_the_job_page_speaks_of_the_round_not_of_an_import(client_for, locked_round):
    admin = client_for("college_admin")
    admin.post(f"/rounds/{locked_round.pk}/run/")
    job = Job.objects.get(kind=services.RUN_ROUND_JOB)
    services.execute_run_round(job.pk)
    body = admin.get(f"/jobs/{job.pk}/").content.decode()
    assert "The round has run: 1 of 1 students matched" in body and "Import finished" not in body
    assert f'href="/rounds/{locked_round.pk}/"' in body
