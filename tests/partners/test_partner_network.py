"""The partner network: who works with whom and how much, scoped like the agreements, in a fixed number of
queries whatever the data."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kasip.core.validators import make_bin
from kasip.partners import selectors
from kasip.registry.models import College, District, Enterprise

from .conftest import make_agreement


@pytest.fixture
def network_data(college, other_college, enterprise, other_enterprise):
    """The users' college with two partners (three agreements, one ended), the other college with one."""
    make_agreement(college, enterprise, "ДО-1", students_covered=25)
    make_agreement(college, enterprise, "П-1", kind="practice", students_covered=10)
    make_agreement(college, other_enterprise, "М-1", kind="memorandum", students_covered=None, valid_until=None)
    make_agreement(college, other_enterprise, "П-0", kind="practice", status="expired", students_covered=7,
                   signed_on=dt.date(2020, 1, 1), valid_from=dt.date(2020, 1, 1), valid_until=dt.date(2021, 1, 1))
    make_agreement(other_college, enterprise, "ДО-9", students_covered=30)


def test_the_aggregates_count_agreements_partners_kinds_and_students(users, network_data, college, enterprise):
    data = selectors.network(users["analyst"])
    assert data["totals"] == {"agreements": 4, "colleges": 2, "enterprises": 2, "pairs": 3, "students_covered": 65}
    first = data["colleges"][0]
    assert first["college"]["id"] == college.pk  # the most partners first
    assert (first["partner_count"], first["agreements"], first["students_covered"]) == (2, 3, 35)
    assert {k: n for k, n in first["by_kind"].items() if n} == {"dual_training": 1, "practice": 1, "memorandum": 1}
    assert first["partners"][0]["enterprise"]["id"] == enterprise.pk  # the busiest partner first
    assert first["partners"][0]["kinds"] == ["dual_training", "practice"]
    by_kind = {r["kind"]: r["agreements"] for r in data["by_kind"]}
    assert (by_kind["dual_training"], by_kind["practice"], by_kind["memorandum"], by_kind["patronage"]) == (2, 1, 1, 0)
    everything = selectors.network(users["analyst"], in_force_only=False)
    assert everything["totals"]["agreements"] == 5 and everything["totals"]["students_covered"] == 72


def test_the_network_is_scoped_to_the_users_organisation(users, network_data, college, enterprise):
    own = selectors.network(users["dual_coordinator"])
    assert [r["college"]["id"] for r in own["colleges"]] == [college.pk]
    assert own["totals"]["agreements"] == 3
    hr = selectors.network(users["enterprise_hr"])
    assert {p["enterprise"]["id"] for r in hr["colleges"] for p in r["partners"]} == {enterprise.pk}
    assert hr["totals"] == {"agreements": 3, "colleges": 2, "enterprises": 1, "pairs": 2, "students_covered": 65}
    for role in ("mentor", "student", "customer"):
        assert selectors.network(users[role])["totals"]["agreements"] == 0


def test_the_page_shows_the_table_and_the_charts(client_for, users, network_data, college, other_enterprise):
    body = client_for("region_admin").get("/partners/network/").content.decode()
    assert college.name_en in body or college.name_ru in body
    assert other_enterprise.name_ru in body
    assert body.count("<svg") == 2  # agreements by kind; colleges with the most partners
    assert f'href="/agreements/?college={college.pk}"' in body
    assert "<strong>4</strong> agreements" in body
    everything = client_for("region_admin").get("/partners/network/", {"scope": "all"}).content.decode()
    assert "<strong>5</strong> agreements" in everything


def test_an_empty_network_says_so(client_for, users):
    body = client_for("college_admin").get("/partners/network/").content.decode()
    assert "No agreements yet." in body and "<svg" not in body


def test_the_page_carries_no_personal_data(client_for, users, network_data):
    body = client_for("analyst").get("/partners/network/").content.decode()
    for user in users.values():
        assert user.email not in body


def _many(n: int) -> None:
    district = District.objects.get(kato="351010000")
    colleges = [College.objects.create(bin=make_bin(2000, 1 + i % 12, 300 + i), name_kk=f"Колледж {i}",
                                       district=district, languages="kk") for i in range(n)]
    enterprises = [Enterprise.objects.create(bin=make_bin(2003, 1 + i % 12, 700 + i), name_kk=f"Кәсіпорын {i}",
                                             district=district) for i in range(n)]
    kinds = ["dual_training", "memorandum", "practice", "equipment", "patronage"]
    for i in range(n * 3):
        make_agreement(colleges[i % n], enterprises[(i * 7) % n], f"N-{i}", kind=kinds[i % len(kinds)],
                       students_covered=i % 40)


@pytest.mark.parametrize("role", ["region_admin", "college_admin", "enterprise_hr"])
def test_the_page_and_the_api_run_a_fixed_number_of_queries(client_for, users, network_data, role):
    from kasip.core.services import create_api_token

    client = client_for(role)
    key = create_api_token(users[role], "t")[1]

    def count(url, **headers):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url, **headers).status_code == 200
        return len(ctx.captured_queries)

    small = count("/partners/network/"), count("/api/v1/partners/network", HTTP_AUTHORIZATION=f"Bearer {key}")
    _many(40)  # 120 more agreements of 40 more colleges and enterprises
    large = count("/partners/network/"), count("/api/v1/partners/network", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert small == large
    assert small[0] <= 12
