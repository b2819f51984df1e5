"""The employment-record operations keep their OpenAPI contract under generated traffic aimed at records that
exist (the whole API's pass in tests/api/test_openapi_conformance.py meets only unknown ids there): no 5xx, every
200/201 body as declared."""

import pytest

from kasip.core.models import Role
from tests.api import test_openapi_conformance as conformance
from tests.api.test_openapi_conformance import Tally, _bearer, _fuzz, _operations, _with_path

from .conftest import make_graduation, make_record

# The whole API's pass's fixtures: the schema, loaded from the WSGI application, and its connection guard.
schema = conformance.schema
_connection_kept_open = conformance._connection_kept_open


@pytest.fixture
def records(college, programme, technician):
    graduations = [make_graduation(college, programme, technician, last_name=f"Фузз{i}") for i in range(12)]
    return graduations, [make_record(g, 12, "employed" if i % 2 else "unemployed")
                         for i, g in enumerate(graduations[:6])]


def test_generated_requests_on_existing_records_conform(schema, users, records):
    graduations, stored = records
    operations = _operations(schema)
    headers = _bearer(users[Role.REGION_ADMIN])
    tally = Tally("region admin, employment records")
    ids = [r.pk for r in stored]
    for label in ("GET /api/v1/employment-records/{record_id}", "PATCH /api/v1/employment-records/{record_id}"):
        _fuzz(tally, label, _with_path(operations[label], "record_id", ids), headers, 40)

    def real_graduate(case):
        """A graduate without a record, a date after the graduation, and job fields only when employed."""
        body = {**case.body, "student_iin": iins.pop() if iins else graduations[0].student.iin,
                "recorded_on": "2025-07-01", "employer_bin": None, "occupation_code": None}
        body.pop("diploma_number", None)
        if body.get("status") == "employed":
            body["employer_name"] = (body.get("employer_name") or "").strip() or "ТОО «Фузз»"
        else:
            body.update(employer_name="", occupation_title="", in_specialty=None, wage_band=None)
        case.body = body
        return case

    iins = [g.student.iin for g in graduations[6:]]
    _fuzz(tally, "POST /api/v1/employment-records",
          operations["POST /api/v1/employment-records"].as_strategy().map(real_graduate), headers, 40)
    _fuzz(tally, "GET /api/v1/outcomes/employment-rate",
          operations["GET /api/v1/outcomes/employment-rate"].as_strategy(), headers, 30)
    print("\n" + tally.summary())
    if tally.failures or tally.server_errors():
        pytest.fail(tally.report(), pytrace=False)
    assert tally.count("GET /api/v1/employment-records/{record_id}", 200, 201) > 0, tally.summary()
    assert tally.count("PATCH /api/v1/employment-records/{record_id}", 200, 201) > 0, tally.summary()
    assert tally.count("POST /api/v1/employment-records", 201, 202) > 0, tally.summary()

