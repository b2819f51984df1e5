"""Rows of the permissions matrix (tests/test_permissions_matrix.py) for the coding queue.

Only the region admin and the analysts see the queue, add titles, code, skip and retrain the coder; everyone
else is refused (403), the public is sent to log in (pages) or answered 401 (API). No coder is built here:
the titles added are already items (they only add to the counts), and a training started in a test's
transaction is never run (the worker is told on commit)."""

from __future__ import annotations

from django.utils import timezone

from kasip.core.models import Job, JobStatus, Role
from kasip.labour.models import CodingItem, CodingSource, Occupation
from kasip.labour.services import TRAIN_JOB, normalise_title

EDITORS = ("region_admin", "analyst")
TITLES = ("Мастер смены", "Оператор установки", "Жұмысшы")


def only(*roles, ok=200, denied=403, anon=302):
    return {None: anon, **{r.value: (ok if r.value in roles else denied) for r in Role}}


def api(*roles, ok=200, denied=403):
    return {None: 401, **{r.value: (ok if r.value in roles else denied) for r in Role}}


PAGES = {
    "coding-queue": ("get", lambda f: "/occupations/coding/", only(*EDITORS)),
    "coding-queue-job": ("get", lambda f: "/occupations/coding/job/", only(*EDITORS)),
    "coding-queue-add": ("post", lambda f: "/occupations/coding/add/", only(*EDITORS, ok=302)),
    "coding-queue-train": ("post", lambda f: "/occupations/coding/train/", only(*EDITORS, ok=302)),
    # an empty code is refused with a message: the status depends on the permission only
    "coding-queue-code": ("post", lambda f: f"/occupations/coding/{f['ids']['coding_item_id']}/code/",
                          only(*EDITORS, ok=302)),
    "coding-queue-skip": ("post", lambda f: f"/occupations/coding/{f['ids']['coding_skip_id']}/skip/",
                          only(*EDITORS, ok=302)),
}

API = {
    ("GET", "/api/v1/coder/queue"): api(*EDITORS),
    ("POST", "/api/v1/coder/queue"): api(*EDITORS),
    ("POST", "/api/v1/coder/queue/{item_id}"): api(*EDITORS),
    ("POST", "/api/v1/coder/train"): api(*EDITORS, ok=202),
    ("GET", "/api/v1/coder/train"): api(*EDITORS),
}


def _enqueue(client, f, role, headers):
    return client.post("/api/v1/coder/queue", {"titles": list(TITLES[:2]), "source": "api"},
                       content_type="application/json", **headers)


def _code(client, f, role, headers):
    return client.post(f"/api/v1/coder/queue/{f['ids']['coding_skip_id']}", {"skip": True},
                       content_type="application/json", **headers)


def _train(client, f, role, headers):
    return client.post("/api/v1/coder/train", content_type="application/json", **headers)


API_CALLS = {
    ("POST", "/api/v1/coder/queue"): _enqueue,
    ("POST", "/api/v1/coder/queue/{item_id}"): _code,
    ("POST", "/api/v1/coder/train"): _train,
}


def add_fixtures(f, users):
    parent = None
    for code, title in (("3", "Technicians and associate professionals"), ("31", "Science and engineering associate "
                        "professionals"), ("312", "Mining, manufacturing and construction supervisors"),
                        ("3122", "Manufacturing supervisors")):
        parent, _ = Occupation.objects.get_or_create(code=code, defaults={"level": len(code), "parent": parent,
                                                                          "title_en": title})
    items = []
    for n, title in enumerate(TITLES):
        _clean, key, language = normalise_title(title)
        items.append(CodingItem.objects.create(
            title=title, normalised=key, language=language, source=CodingSource.VACANCY, count=5 - n,
            suggestions=[{"code": "3122", "confidence": 0.5}, {"code": "7212", "confidence": 0.3}],
            confidence=0.41))
    f["ids"]["coding_item_id"] = items[0].pk
    f["ids"]["coding_skip_id"] = items[1].pk
    now = timezone.now()
    Job.objects.create(kind=TRAIN_JOB, status=JobStatus.SUCCEEDED, created_by=users["analyst"], progress=5, total=5,
                       started_at=now, finished_at=now, result={"codings": 0, "right_after": 0})
