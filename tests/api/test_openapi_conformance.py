"""R2 reliability: the REST API keeps its OpenAPI contract under generated traffic.

Schemathesis 4 loads /api/v1/openapi.json from the WSGI application, Hypothesis generates requests for
every operation from that schema (derandomized, so CI sees the same requests every run), and each request
is sent in-process with `case.call_and_validate()`, which runs Schemathesis' default checks on the
response: not_a_server_error, status_code_conformance, content_type_conformance,
response_headers_conformance, response_schema_conformance, positive_data_acceptance, ignored_auth, ...

Both of Schemathesis' generation modes are used, as its CLI does by default: positive (requests the schema
allows; the API must not refuse them except for a business rule) and negative (requests the schema forbids;
the API must refuse them with a documented 4xx, checked by negative_data_rejection).

Three identities, each in its own database:

* the region admin (bearer token): ≥ 1 000 generated requests. Every operation gets fully generated
  requests; operations with a path parameter also get requests aimed at objects that exist (users,
  colleges, jobs, import/export kinds), and the create operations get requests whose identifiers are
  real (a BIN with its check digit, a known КАТО code, the organisation a role needs), so that the
  writes succeed and their 201/200 bodies are validated, not only the 4xx answers; then a negative
  sweep over every operation;
* a student (bearer token) and an anonymous client: a smaller positive and negative pass over every
  operation.

Failures are collected over the whole pass rather than stopping at the first, so that one run reports
every distinct contract break (with Schemathesis' curl reproduction); the test then fails listing them.

One deliberate setting: positive_data_acceptance also expects 422. A schema-valid request can still break
a rule the schema cannot express (an unknown КАТО code or BIN, an e-mail address Django rejects, a role
without its organisation's kind), and 422 with the documented ValidationErrorOut body is the right answer
to it; response_schema_conformance still checks that body.
"""

from __future__ import annotations

import collections
import time
from dataclasses import dataclass, field
from io import BytesIO

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import FailureGroup
from werkzeug import Client
from werkzeug.datastructures import FileStorage

from kasip.core import services
from kasip.core.models import JobStatus, Role
from kasip.core.validators import make_bin
from kasip.registry.models import College, District
from tests.conftest import csv_bytes

SCHEMA_PATH = "/api/v1/openapi.json"
MIN_ADMIN_REQUESTS = 1000

# Examples per operation and strategy. The admin pass: RANDOM_ADMIN positive and NEGATIVE_ADMIN negative
# requests for each of the 13 operations, plus the targeted strategies; the smaller passes: RANDOM_OTHERS
# positive and NEGATIVE_OTHERS negative requests per operation plus a few targeted ones.
RANDOM_ADMIN = 60
NEGATIVE_ADMIN = 20
RANDOM_OTHERS = 12
NEGATIVE_OTHERS = 6

HYPOTHESIS = dict(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                           HealthCheck.filter_too_much],
)
# positive_data_acceptance's defaults plus 422 (see the module docstring).
POSITIVE_ACCEPTANCE = ["2xx", "3xx", "401", "403", "404", "409", "422", "429", "5xx"]

# The organisation each role belongs to, by the conftest fixtures' names (None: no organisation).
ROLE_ORGANISATION = {
    Role.REGION_ADMIN: "department", Role.ANALYST: "department", Role.COLLEGE_ADMIN: "college",
    Role.DUAL_COORDINATOR: "college", Role.STUDENT: "college", Role.ENTERPRISE_HR: "enterprise",
    Role.MENTOR: "enterprise", Role.CUSTOMER: None,
}


# --- harness --------------------------------------------------------------------------
@pytest.fixture
def _connection_kept_open():
    """Keep the test's database connection across the WSGI requests, as Django's test client does.

    The WSGI handler closes "old" connections when a request starts and ends; inside the test's
    transaction that would drop the connection (on PostgreSQL) and everything written so far.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def schema(db, _connection_kept_open, site_coder):
    from kasip.wsgi import application

    config = SchemathesisConfig.from_dict(
        {"checks": {"positive_data_acceptance": {"expected-statuses": POSITIVE_ACCEPTANCE}}}
    )
    return schemathesis.openapi.from_wsgi(SCHEMA_PATH, application, config=config)


@dataclass
class Tally:
    """What one identity's pass sent and got back."""

    who: str
    calls: collections.Counter = field(default_factory=collections.Counter)  # label -> requests
    statuses: collections.Counter = field(default_factory=collections.Counter)  # (label, status) -> n
    failures: dict = field(default_factory=dict)  # (label, failure titles) -> first report
    failed_requests: int = 0
    seconds: float = 0.0

    @property
    def total(self) -> int:
        return sum(self.calls.values())

    def server_errors(self) -> int:
        return sum(n for (_, status), n in self.statuses.items() if status >= 500)

    def count(self, label: str, status_from: int, status_to: int) -> int:
        return sum(n for (lbl, status), n in self.statuses.items() if lbl == label and status_from <= status < status_to)

    def summary(self) -> str:
        lines = [f"{self.who}: {self.total} generated requests in {self.seconds:.1f} s, "
                 f"{self.failed_requests} failing, {self.server_errors()} with 5xx"]
        for label in sorted(self.calls):
            statuses = ", ".join(f"{status}: {n}" for (lbl, status), n in sorted(self.statuses.items()) if lbl == label)
            lines.append(f"  {label:<38} {self.calls[label]:>4} requests  ({statuses})")
        return "\n".join(lines)

    def report(self) -> str:
        parts = [self.summary(), f"{len(self.failures)} distinct failures:"]
        for (label, titles), message in self.failures.items():
            parts.append(f"--- {label}: {titles}\n{message}")
        return "\n".join(parts)


def _fuzz(tally: Tally, label: str, strategy, headers: dict[str, str], max_examples: int) -> None:
    """Send `max_examples` generated requests and validate each response with the default checks."""

    def record_status(ctx, response, case):  # an extra check: counts statuses, never fails
        tally.statuses[(label, response.status_code)] += 1

    @settings(max_examples=max_examples, **HYPOTHESIS)
    @given(case=strategy)
    def run(case):
        tally.calls[label] += 1
        try:
            case.call_and_validate(headers=headers, additional_checks=[record_status])
        except FailureGroup as group:
            tally.failed_requests += 1
            titles = " | ".join(sorted({f"{f.code} {f.title}" for f in group.exceptions}))
            tally.failures.setdefault((label, titles), str(group))

    run()


def _operations(schema) -> dict[str, object]:
    operations = {}
    for result in schema.get_all_operations():
        operation = result.ok()  # raises on an operation the schema does not define properly
        operations[operation.label] = operation
    return operations


def _negative_sweep(tally: Tally, operations: dict, headers: dict[str, str], max_examples: int) -> None:
    for label, operation in operations.items():
        _fuzz(tally, f"{label} [negative]", operation.as_strategy(generation_mode=GenerationMode.NEGATIVE),
              headers, max_examples)


def _with_path(operation, name: str, values: list):
    """Requests aimed at existing objects: the path parameter drawn from `values`, the rest generated."""
    return st.sampled_from(values).flatmap(lambda value: operation.as_strategy(path_parameters={name: value}))


def _bearer(user) -> dict[str, str]:
    _, key = services.create_api_token(user, "schemathesis")
    return {"Authorization": f"Bearer {key}"}


def _seed_jobs(actor) -> list[int]:
    """A finished import (succeeded) and a failed one with a row report, so job bodies have content."""
    good = csv_bytes([["bin", "name_kk", "district", "languages"],
                      [make_bin(2011, 2, 7), "Жаңа колледж", "351010000", "kk, ru"]])
    bad = csv_bytes([["bin", "name_kk", "district", "languages"], ["123", "", "999999999", "xx"]])
    ids = []
    for name, data, status in (("good.csv", good, JobStatus.SUCCEEDED), ("bad.csv", bad, JobStatus.FAILED)):
        job = services.execute_job(services.start_import(actor, "colleges", name, data, enqueue=False).pk)
        assert job.status == status, (job.status, job.message, job.report)
        ids.append(job.pk)
    return ids


def _assert_clean(tally: Tally, operations: dict, minimum: int) -> None:
    print("\n" + tally.summary())
    if tally.failures or tally.server_errors():
        pytest.fail(tally.report(), pytrace=False)
    assert tally.total >= minimum, tally.summary()
    untested = [label for label in operations if not tally.calls[label] or not tally.calls[f"{label} [negative]"]]
    assert not untested, f"operations without requests: {untested}"


# --- the passes -----------------------------------------------------------------------
def test_region_admin_thousand_requests_conform(schema, users, department, college, other_college, enterprise):
    admin = users[Role.REGION_ADMIN]
    headers = _bearer(admin)
    operations = _operations(schema)
    job_ids = _seed_jobs(admin)
    other_user_ids = [u.pk for u in users.values() if u.pk != admin.pk]
    college_ids = list(College.objects.values_list("pk", flat=True))
    organisation_bin = {"department": department.bin, "college": college.bin, "enterprise": enterprise.bin, None: None}
    serial = iter(range(1, 10**6))

    def real_college(case):
        case.body = {**case.body, "bin": make_bin(2012, 6, next(serial) * 7),
                     "district_kato": District.objects.order_by("kato").first().kato}
        return case

    def real_user(case):
        body = {k: v for k, v in case.body.items() if k not in ("iin", "language", "organisation_bin")}
        n = next(serial)
        body["email"] = f"fuzz{n}@example.kz"
        bin_ = organisation_bin[ROLE_ORGANISATION[Role(body["role"])]]
        if bin_:
            body["organisation_bin"] = bin_
        case.body = body
        return case

    tally = Tally("region admin")
    started = time.monotonic()
    # 1. every operation, fully generated. The admin's own account is left out of PATCH /users/{id}: a
    #    generated {"is_active": false} or role change there would lock the rest of the pass out.
    for label, operation in operations.items():
        strategy = operation.as_strategy()
        if label == "PATCH /api/v1/users/{user_id}":
            strategy = strategy.filter(lambda case: case.path_parameters["user_id"] != admin.pk)
        _fuzz(tally, label, strategy, headers, RANDOM_ADMIN)
    # 2. aimed at what exists, so that the 200/201 bodies are generated and validated too.
    targeted = [
        ("GET /api/v1/users/{user_id}", "user_id", [u.pk for u in users.values()], 25),
        ("PATCH /api/v1/users/{user_id}", "user_id", other_user_ids, 60),
        ("GET /api/v1/colleges/{college_id}", "college_id", college_ids, 25),
        ("PATCH /api/v1/colleges/{college_id}", "college_id", college_ids, 60),
        ("GET /api/v1/jobs/{job_id}", "job_id", job_ids, 10),
        ("GET /api/v1/exports/{kind}", "kind", ["users", "colleges"], 10),
        ("POST /api/v1/imports/{kind}", "kind", ["users", "colleges"], 15),
    ]
    for label, name, values, n in targeted:
        _fuzz(tally, label, _with_path(operations[label], name, values), headers, n)
    _fuzz(tally, "POST /api/v1/colleges", operations["POST /api/v1/colleges"].as_strategy().map(real_college),
          headers, 40)
    _fuzz(tally, "POST /api/v1/users", operations["POST /api/v1/users"].as_strategy().map(real_user), headers, 40)
    # 3. requests the schema forbids.
    _negative_sweep(tally, operations, headers, NEGATIVE_ADMIN)
    tally.seconds = time.monotonic() - started

    _assert_clean(tally, operations, MIN_ADMIN_REQUESTS)
    # The writes did happen, and their success bodies were validated against the schema.
    assert tally.count("POST /api/v1/users", 201, 202) > 0, tally.summary()
    assert tally.count("PATCH /api/v1/users/{user_id}", 200, 201) > 0, tally.summary()
    assert tally.count("POST /api/v1/colleges", 201, 202) > 0, tally.summary()
    assert tally.count("PATCH /api/v1/colleges/{college_id}", 200, 201) > 0, tally.summary()
    assert tally.count("GET /api/v1/jobs/{job_id}", 200, 201) > 0, tally.summary()
    assert tally.count("GET /api/v1/exports/{kind}", 200, 201) > 0, tally.summary()


def test_region_admin_import_upload_conforms(schema, users):
    """POST /imports/{kind} answers 202 only for a .csv/.xlsx file name, which generation cannot produce
    (Schemathesis names the part after the field), so the 202 answer is checked with explicit uploads."""
    from kasip.wsgi import application

    operation = _operations(schema)["POST /api/v1/imports/{kind}"]
    headers = _bearer(users[Role.REGION_ADMIN])
    rows = [["bin", "name_kk", "district", "languages"], [make_bin(2013, 9, 5), "Колледж", "351010000", "ru"]]
    for kind, filename, encoding in (("colleges", "colleges.csv", ""), ("colleges", "КОЛЛЕДЖИ.CSV", "utf-8"),
                                     ("users", "users.csv", "")):
        response = Client(application).post(
            f"/api/v1/imports/{kind}", headers=headers,
            data={"file": FileStorage(BytesIO(csv_bytes(rows)), filename, "file"), "encoding": encoding},
        )
        assert response.status_code == 202, response.get_data(as_text=True)
        operation.validate_response(response)  # raises FailureGroup on a mismatch


def test_student_requests_conform(schema, users, college, other_college):
    student = users[Role.STUDENT]
    headers = _bearer(student)
    operations = _operations(schema)
    job_ids = _seed_jobs(users[Role.REGION_ADMIN])  # not the student's: 403
    tally = Tally("student")
    started = time.monotonic()
    for label, operation in operations.items():
        strategy = operation.as_strategy()
        _fuzz(tally, label, strategy, headers, RANDOM_OTHERS)
    for label, name, values in (
        ("GET /api/v1/users/{user_id}", "user_id", [student.pk, users[Role.COLLEGE_ADMIN].pk]),
        ("PATCH /api/v1/users/{user_id}", "user_id", [student.pk, users[Role.COLLEGE_ADMIN].pk]),
        ("GET /api/v1/colleges/{college_id}", "college_id", [college.pk, other_college.pk]),
        ("PATCH /api/v1/colleges/{college_id}", "college_id", [college.pk, other_college.pk]),
        ("GET /api/v1/jobs/{job_id}", "job_id", job_ids),
        ("GET /api/v1/exports/{kind}", "kind", ["users", "colleges"]),
        ("POST /api/v1/imports/{kind}", "kind", ["users", "colleges"]),
    ):
        _fuzz(tally, label, _with_path(operations[label], name, values), headers, 8)
    _negative_sweep(tally, operations, headers, NEGATIVE_OTHERS)
    tally.seconds = time.monotonic() - started
    _assert_clean(tally, operations, 200)
    assert tally.count("GET /api/v1/me", 200, 201) > 0, tally.summary()
    assert tally.count("GET /api/v1/users", 403, 404) > 0, tally.summary()


def test_anonymous_requests_conform(schema, users, college, other_college):
    operations = _operations(schema)
    job_ids = _seed_jobs(users[Role.REGION_ADMIN])
    tally = Tally("anonymous")
    started = time.monotonic()
    for label, operation in operations.items():
        _fuzz(tally, label, operation.as_strategy(), {}, RANDOM_OTHERS)
    for label, name, values in (
        ("GET /api/v1/colleges/{college_id}", "college_id", [college.pk, other_college.pk]),
        ("PATCH /api/v1/colleges/{college_id}", "college_id", [college.pk, other_college.pk]),
        ("GET /api/v1/users/{user_id}", "user_id", [u.pk for u in users.values()]),
        ("GET /api/v1/jobs/{job_id}", "job_id", job_ids),
        ("GET /api/v1/exports/{kind}", "kind", ["users", "colleges"]),
    ):
        _fuzz(tally, label, _with_path(operations[label], name, values), {}, 8)
    _negative_sweep(tally, operations, {}, NEGATIVE_OTHERS)
    tally.seconds = time.monotonic() - started
    _assert_clean(tally, operations, 200)
    public = {"GET /api/v1/colleges", "GET /api/v1/colleges/{college_id}"} | {
        f"GET /api/v1/{slug}{suffix}" for slug in ("districts", "specialties", "qualifications", "programmes", "intakes")
        for suffix in ("", "/{item_id}")} | {
        "GET /api/v1/occupations", "GET /api/v1/occupations/{code}",
        "GET /api/v1/qualifications/{qualification_id}/occupations"} | {"GET /api/v1/outcomes/employment-rate"} | {
        # published aggregates of the labour-market module: exposure, pathways, the regional report
        "GET /api/v1/exposure", "GET /api/v1/exposure/{code}", "GET /api/v1/pathways/{code}",
        "GET /api/v1/reports/regional"}
    answered = {label.removesuffix(" [negative]") for (label, status) in tally.statuses if 200 <= status < 300}
    assert answered <= public, f"answered an anonymous client: {answered - public}"
    assert tally.count("GET /api/v1/colleges", 200, 201) > 0, tally.summary()  # public
    assert tally.count("GET /api/v1/me", 401, 402) > 0, tally.summary()
