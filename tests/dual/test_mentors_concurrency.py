"""A mentor never gets more trainees than the maximum, also when many assignments run at once: 30 contracts
assigned to 3 mentors of at most 4 trainees each through 12 concurrent connections, on PostgreSQL: exactly 4
trainees each, every other attempt refused with the reason, no error."""

from __future__ import annotations

import queue
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from kasip.dual import services
from kasip.dual.models import Contract, Mentor
from tests.dual.logbook_fixtures import *  # noqa: F403

THREADS = 12

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="row locks under concurrency are checked on PostgreSQL (CI runs the suite on it too); "
                              "SQLite serialises every write transaction anyway"),
]


def test_concurrent_assignments_never_exceed_a_mentors_maximum(make_contract, enterprise):
    mentors = [Mentor.objects.create(enterprise=enterprise, last_name=f"Наставник{i}", first_name="Ерлан",
                                     max_trainees=4) for i in range(3)]
    contracts = [make_contract(mentor=None) for _ in range(30)]
    work: queue.Queue = queue.Queue()
    for i, contract in enumerate(contracts):
        work.put((contract, mentors[i % 3]))
    outcomes: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(THREADS)

    def worker():
        start.wait()
        try:
            while True:
                try:
                    contract, mentor = work.get_nowait()
                except queue.Empty:
                    return
                try:
                    services.assign_mentor(None, contract, mentor)
                    outcome = "assigned"
                except ValidationError as exc:
                    outcome = "full" if "the maximum" in " ".join(exc.messages) else f"other: {exc.messages}"
                except Exception as exc:  # noqa: BLE001 — any other error is the finding
                    outcome = f"error: {exc!r}"
                with lock:
                    outcomes.append(outcome)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(set(outcomes)) == ["assigned", "full"]
    assert outcomes.count("assigned") == 12
    for mentor in mentors:
        assert Contract.objects.filter(mentor=mentor).count() == 4
