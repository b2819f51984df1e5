"""The 95 % Wilson score interval of a proportion: the published values, its bounds and its symmetry."""

import pytest

from kasip.outcomes.stats import proportion, wilson_interval, z_for


@pytest.mark.parametrize("k,n,low,high", [
    # Newcombe (1998), "Two-sided confidence intervals for the single proportion", Table I, method 3.
    (81, 263, 0.2553, 0.3662),
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0000, 0.1611),
    (1, 29, 0.0061, 0.1718),
])
def test_it_gives_the_published_wilson_intervals(k, n, low, high):
    got = wilson_interval(k, n)
    assert got == pytest.approx((low, high), abs=5e-5)


def test_the_interval_holds_the_share_and_stays_within_zero_and_one():
    for n in (1, 2, 5, 17, 100, 1000):
        for k in range(0, n + 1, max(1, n // 7)):
            low, high = wilson_interval(k, n)
            assert 0.0 <= low <= k / n <= high <= 1.0


def test_all_or_nothing_reach_the_bound_exactly():
    assert wilson_interval(0, 10)[0] == 0.0 and wilson_interval(10, 10)[1] == 1.0
    assert wilson_interval(10, 10)[0] == pytest.approx(1 - wilson_interval(0, 10)[1])


def test_the_interval_is_symmetric_between_successes_and_failures():
    low, high = wilson_interval(30, 70)
    other_low, other_high = wilson_interval(40, 70)
    assert (low, high) == pytest.approx((1 - other_high, 1 - other_low))


def test_it_narrows_as_n_grows_and_widens_with_confidence():
    assert wilson_interval(50, 100)[1] - wilson_interval(50, 100)[0] > (
        wilson_interval(500, 1000)[1] - wilson_interval(500, 1000)[0])
    assert wilson_interval(50, 100, 0.99)[0] < wilson_interval(50, 100, 0.95)[0]
    assert z_for(0.95) == pytest.approx(1.959964, abs=1e-6)


@pytest.mark.parametrize("k,n", [(1, 0), (-1, 5), (6, 5)])
def test_it_refuses_impossible_counts(k, n):
    with pytest.raises(ValueError):
        wilson_interval(k, n)


def test_a_proportion_of_nobody_has_no_share():
    assert proportion(0, 0).share is None and proportion(0, 0).low is None
    p = proportion(81, 263)
    assert (p.k, p.n, round(p.share, 4), round(p.low, 4), round(p.high, 4)) == (81, 263, 0.308, 0.2553, 0.3662)
