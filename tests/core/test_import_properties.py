"""R3: property-based malformed files. Either every row is stored or a report comes back and
nothing is stored — never a half-written import, never a crash."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kasip.core.imports import run_import
from kasip.core.validators import make_bin
from kasip.registry.models import College
from tests.conftest import xlsx_bytes

HEADER = ["BIN", "Name (Kazakh)", "District КАТО", "Languages of instruction", "Ownership"]
VALID_BINS = [make_bin(2010, 1 + i % 12, 100 + i) for i in range(12)]

good_cell = {
    "bin": st.sampled_from(VALID_BINS),
    "name": st.sampled_from(["Қарағанды колледжі", "Колледж №1", "Теміртау"]),
    "kato": st.sampled_from(["351010000", "352410000"]),
    "lang": st.sampled_from(["kk", "ru", "kk, ru", "қазақ", "русский"]),
    "own": st.sampled_from(["state", "private", ""]),
}
bad_cell = {
    "bin": st.one_of(st.text(max_size=14), st.sampled_from([b[:11] + str((int(b[11]) + 1) % 10) for b in VALID_BINS])),
    "name": st.one_of(st.just(""), st.text(min_size=1001, max_size=1200)),
    "kato": st.one_of(st.text(max_size=12), st.just("999999999")),
    "lang": st.one_of(st.just(""), st.sampled_from(["latin", "??"])),
    "own": st.sampled_from(["municipal", "??"]),
}


@st.composite
def college_rows(draw):
    n = draw(st.integers(1, 8))
    rows = []
    for _ in range(n):
        row = []
        for key in ("bin", "name", "kato", "lang", "own"):
            source = bad_cell if draw(st.integers(0, 9)) == 0 else good_cell
            row.append(draw(source[key]))
        rows.append(row)
    return rows


def encode(header, rows, encoding, delimiter):
    text = "\n".join(delimiter.join('"' + str(c).replace('"', '""') + '"' for c in r) for r in [header, *rows])
    return text.encode(encoding, errors="replace")


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(rows=college_rows(), encoding=st.sampled_from(["utf-8", "utf-8-sig", "kz1048", "cp1251"]),
       delimiter=st.sampled_from([",", ";", "\t"]), as_xlsx=st.booleans(),
       drop_column=st.one_of(st.none(), st.integers(0, 4)))
def test_an_import_is_all_or_nothing(users, rows, encoding, delimiter, as_xlsx, drop_column):
    College.objects.filter(bin__in=VALID_BINS).delete()
    header, body = list(HEADER), [list(r) for r in rows]
    if drop_column is not None:
        header.pop(drop_column)
        for r in body:
            r.pop(drop_column)
    if as_xlsx:
        data, name = xlsx_bytes([header, *body]), "c.xlsx"
    else:
        data, name = encode(header, body, encoding, delimiter), "c.csv"
    result = run_import("colleges", data, name, users["region_admin"])
    stored = College.objects.filter(bin__in=VALID_BINS).count()
    if result.ok:
        assert stored == len({r[0] for r in body}) == result.created + result.updated
    else:
        assert stored == 0
        assert result.file_error or result.errors
        for error in result.errors:
            assert error.row >= 2 and error.column and error.message


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000), name=st.sampled_from(["x.csv", "x.xlsx", "x.txt"]))
def test_random_bytes_never_crash_an_import(users, data, name):
    before = College.objects.count()
    result = run_import("colleges", data, name, users["region_admin"])
    assert not result.ok or College.objects.count() == before + result.created
    if not result.ok:
        assert College.objects.count() == before
