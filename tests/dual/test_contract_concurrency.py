"""R4: capacity is never over-booked, also when many accept at once. 200 acceptance attempts through 40
concurrent connections (half through the service, half through the web page) against places with a total
capacity of 50, on PostgreSQL: exactly 50 contracts, every refused attempt told the place is full, no error
page and no exception (no deadlock shown to anyone)."""

from __future__ import annotations

import datetime as dt
import queue
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client

from kasip.core.validators import make_iin
from kasip.dual import services
from kasip.dual.models import OPEN_CONTRACT_STATUSES, Contract, PlaceStatus, TrainingPlace
from kasip.registry.models import Student

from .contract_fixtures import publish_placements

THREADS = 40
ATTEMPTS = 200
CAPACITIES = [5, 8, 10, 12, 15]  # 50 seats in all

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="row locks under concurrency are checked on PostgreSQL (CI runs the suite on it too); "
                              "SQLite serialises every write transaction anyway"),
]


def test_two_hundred_concurrent_acceptances_fill_fifty_seats_exactly(users, college, group, site, qualification):
    places = []
    for n, capacity in enumerate(CAPACITIES):
        place = TrainingPlace.objects.create(
            title=f"Место {n}", enterprise=site.enterprise, site=site, district=site.district, capacity=capacity,
            starts_on=dt.date(2026, 9, 1), ends_on=dt.date(2026, 12, 31), monthly_payment=80000,
            status=PlaceStatus.APPROVED)
        place.qualifications.set([qualification])
        places.append(place)
    students = [Student.objects.create(iin=make_iin(dt.date(2005, 1, 1) + dt.timedelta(days=i), "F", 300 + i),
                                       last_name=f"Студент{i:03d}", first_name="Айгерим", birth_date=dt.date(2005, 1, 1)
                                       + dt.timedelta(days=i), sex="F", college=college, group=group, base="9",
                                       funding="state") for i in range(ATTEMPTS)]
    placements = publish_placements(college, [(s, places[i % len(places)]) for i, s in enumerate(students)])
    work: queue.Queue = queue.Queue()
    for i, placement in enumerate(placements):
        work.put((i, placement))
    outcomes: list[tuple[str, str]] = []
    lock = threading.Lock()
    start = threading.Barrier(THREADS)

    def worker():
        client = Client()
        client.force_login(users["dual_coordinator"], backend="django.contrib.auth.backends.ModelBackend")
        start.wait()
        try:
            while True:
                try:
                    i, placement = work.get_nowait()
                except queue.Empty:
                    return
                try:
                    if i % 2:
                        response = client.post(f"/contracts/accept/{placement.pk}/", follow=True)
                        page = response.content.decode()
                        if response.status_code != 200:
                            outcome = ("error page", f"{response.status_code}")
                        elif "is drafted" in page:
                            outcome = ("contract", "")
                        elif "is full: all" in page:
                            outcome = ("full", "")
                        else:
                            outcome = ("other", page[:300])
                    else:
                        try:
                            services.accept_placement(None, placement)
                            outcome = ("contract", "")
                        except ValidationError as exc:
                            full = all("is full: all" in m for m in exc.messages)
                            outcome = ("full", "") if full else ("other", "; ".join(exc.messages))
                except Exception as exc:  # noqa: BLE001 — the test reports any exception as a failure
                    outcome = ("exception", repr(exc))
                with lock:
                    outcomes.append(outcome)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)

    kinds = [kind for kind, _detail in outcomes]
    problems = [o for o in outcomes if o[0] not in ("contract", "full")]
    assert problems == []
    assert len(outcomes) == ATTEMPTS
    assert kinds.count("contract") == sum(CAPACITIES) == 50
    assert kinds.count("full") == ATTEMPTS - 50
    for place, capacity in zip(places, CAPACITIES, strict=True):
        assert Contract.objects.filter(place=place, status__in=OPEN_CONTRACT_STATUSES).count() == capacity
    assert Contract.objects.count() == 50
    assert Contract.objects.values("number").distinct().count() == 50
