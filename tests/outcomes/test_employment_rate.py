"""The official employment rate: employed ÷ graduates with a record, leaving further study, military service
and parental leave out of the denominator; by college, programme, dual or not and year, each with n and a 95 %
Wilson interval; cells under 5 graduates suppressed for everyone but the region admin."""

import pytest

from kasip.outcomes import selectors
from kasip.outcomes.stats import wilson_interval


def rows(data) -> dict:
    return {cell.key: cell for cell in data["rows"]}


def test_the_rate_leaves_study_service_and_leave_out_of_the_denominator(users, outcomes_region):
    data = selectors.employment_rate(users["region_admin"], year=2024, months=12)
    total = data["total"]
    assert total.records == 14
    assert (total.rate.k, total.rate.n) == (9, 11)
    assert total.rate.share == pytest.approx(9 / 11)
    assert (total.rate.low, total.rate.high) == pytest.approx(wilson_interval(9, 11))
    assert total.statuses == {"employed": 9, "further_study": 1, "military_service": 1, "parental_leave": 1,
                              "unemployed": 1, "unknown": 1}
    assert set(data["excluded_statuses"]) == {"further_study", "military_service", "parental_leave"}
    assert "further study" in data["definition"] and "Wilson" in data["definition"]


def test_the_in_specialty_share_counts_the_employed_whose_specialty_is_known(users, outcomes_region):
    total = selectors.employment_rate(users["region_admin"], year=2024, months=12)["total"]
    assert (total.in_specialty.k, total.in_specialty.n) == (7, 8)  # b1's specialty is not known
    assert total.wage_bands["300k_500k"] == 4 and total.wage_bands["150k_300k"] == 5


def test_the_rate_by_college_programme_and_dual(users, outcomes_region, college, other_college):
    admin = users["region_admin"]
    by_college = rows(selectors.employment_rate(admin, year=2024, months=12, by="college"))
    assert (by_college[str(college.pk)].rate.k, by_college[str(college.pk)].rate.n) == (8, 10)
    assert (by_college[str(other_college.pk)].rate.k, by_college[str(other_college.pk)].rate.n) == (1, 1)
    assert by_college[str(college.pk)].label == college.name

    by_programme = rows(selectors.employment_rate(admin, year=2024, months=12, by="programme"))
    assert (by_programme["4S07150503"].rate.k, by_programme["4S07150503"].rate.n) == (4, 6)
    assert (by_programme["3W07150501"].rate.k, by_programme["3W07150501"].rate.n) == (5, 5)

    by_dual = rows(selectors.employment_rate(admin, year=2024, months=12, by="dual"))
    # dual: the dual programme's five graduates and g7, whose contract was signed
    assert (by_dual["dual"].records, by_dual["dual"].rate.k, by_dual["dual"].rate.n) == (6, 5, 5)
    assert (by_dual["not_dual"].records, by_dual["not_dual"].rate.k, by_dual["not_dual"].rate.n) == (8, 4, 6)


@pytest.mark.parametrize("status,dual", [("signed", True), ("completed", True), ("terminated", False),
                                         ("draft", False)])
def test_only_a_signed_or_completed_contract_makes_a_graduate_dual(users, outcomes_region, status, dual):
    from kasip.dual.models import Contract

    Contract.objects.update(status=status)
    by_dual = rows(selectors.employment_rate(users["region_admin"], year=2024, months=12, by="dual"))
    assert by_dual["dual"].records == (6 if dual else 5)


def test_the_rate_at_six_months_and_by_year(users, outcomes_region):
    admin = users["region_admin"]
    six = selectors.employment_rate(admin, year=2024, months=6)["total"]
    assert (six.records, six.rate.k, six.rate.n) == (4, 3, 4)
    by_year = rows(selectors.employment_rate(admin, months=12, by="year"))
    assert (by_year["2023"].rate.k, by_year["2023"].rate.n) == (0, 1)
    assert (by_year["2024"].rate.k, by_year["2024"].rate.n) == (9, 11)
    cells = selectors.rates_by_year(admin)
    assert [(c.extra["year"], c.extra["months"]) for c in cells] == [(2023, 12), (2024, 6), (2024, 12)]


def test_the_college_filter_keeps_its_own_graduates(users, outcomes_region, other_college):
    total = selectors.employment_rate(users["region_admin"], months=12, college=other_college.pk)["total"]
    assert (total.records, total.rate.k, total.rate.n) == (2, 1, 1)


def test_cells_under_five_graduates_are_suppressed_for_everyone_but_the_region_admin(users, outcomes_region,
                                                                                      other_college):
    for role in ("analyst", "college_admin", "student"):
        data = selectors.employment_rate(users[role], year=2024, months=12, by="college")
        small = rows(data)[str(other_college.pk)]
        assert small.suppressed and small.records is None and small.rate.share is None
        assert small.as_dict()["rate"] == {"k": None, "n": None, "share": None, "low": None, "high": None,
                                           "suppressed": True}
        # a count under five is hidden even inside a cell that is shown
        assert data["total"].statuses["unemployed"] is None and data["total"].statuses["employed"] == 9
        assert data["min_cell"] == 5
    assert not rows(selectors.employment_rate(users["region_admin"], year=2024, months=12,
                                              by="college"))[str(other_college.pk)].suppressed
    assert selectors.employment_rate(None, year=2024, months=12)["total"].rate.n == 11  # the public


def test_the_excluded_statuses_are_a_setting(users, outcomes_region, settings):
    settings.KASIP_EMPLOYMENT_EXCLUDED = ["further_study"]
    total = selectors.employment_rate(users["region_admin"], year=2024, months=12)["total"]
    assert (total.rate.k, total.rate.n) == (9, 13)
    settings.KASIP_EMPLOYMENT_EXCLUDED = ["employed"]
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        selectors.employment_rate(users["region_admin"], year=2024, months=12)


def test_no_records_give_no_rate(users, db):
    total = selectors.employment_rate(users["region_admin"], months=12)["total"]
    assert total.records == 0 and total.rate.share is None


def test_the_figures_take_a_fixed_number_of_queries(users, outcomes_region, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        selectors.employment_rate(users["analyst"], months=12, by="college")
    with django_assert_max_num_queries(3):
        selectors.employment_rate(users["analyst"], months=12, by="dual")
