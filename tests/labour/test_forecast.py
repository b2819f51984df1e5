"""The demand-forecasting core (kasip.labour.forecast): plain functions, no database."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kasip.labour import forecast as fc
from kasip.labour.forecast import (
    MonthlySeries,
    SeriesTooShort,
    backtest,
    forecast,
    forecast_many,
    mase,
)


def seasonal_postings(months: int = 60, seed: int = 7) -> np.ndarray:
    """Monthly postings with a trend, a yearly season and noise (seeded), never negative."""
    rng = np.random.default_rng(seed)
    t = np.arange(months)
    season = 12 * np.sin(2 * np.pi * t / 12) + 5 * np.cos(4 * np.pi * t / 12)
    return np.round(np.maximum(40 + 0.4 * t + season + rng.normal(0, 3, months), 0))


def as_pairs(values, start: str = "2021-01") -> list[tuple[str, float]]:
    first = fc.month_index(start)
    return [(fc.month_label(first + i), float(v)) for i, v in enumerate(values)]


def test_ets_and_auto_beat_the_naive_methods_on_a_seasonal_series():
    y = seasonal_postings()
    scores = backtest(y, horizon=12, origins=3, start="2021-01")
    assert set(scores) == {"ets", "seasonal_naive", "naive", "mean"}
    assert scores["ets"] < scores["seasonal_naive"]
    assert scores["ets"] < scores["naive"]

    chosen = forecast(y, horizon_months=12, start="2021-01")
    assert chosen.method == "ets"
    assert chosen.backtest == scores
    assert chosen.backtest[chosen.method] < min(scores["seasonal_naive"], scores["naive"])


def test_auto_beats_the_naive_methods_on_months_it_has_not_seen():
    y = seasonal_postings()
    history, actual = y[:48], y[48:]
    scored = {
        method: mase(actual, forecast(history, 12, method=method, start="2021-01").point, history)
        for method in ("auto", "seasonal_naive", "naive")
    }
    assert scored["auto"] < scored["seasonal_naive"]
    assert scored["auto"] < scored["naive"]


@pytest.mark.parametrize("method", ["ets", "seasonal_naive", "naive", "mean"])
def test_intervals_contain_the_point_forecast(method):
    f = forecast(seasonal_postings(), 36, level=0.8, method=method, start="2021-01")
    assert len(f.point) == len(f.lower) == len(f.upper) == 36
    assert all(lo <= p <= up for lo, p, up in zip(f.lower, f.point, f.upper, strict=True))
    assert all(y.lower <= y.total <= y.upper for y in f.yearly)


@pytest.mark.parametrize("method", ["ets", "seasonal_naive", "naive"])
def test_intervals_widen_with_the_horizon(method):
    f = forecast(seasonal_postings(), 36, method=method, start="2021-01")
    width = np.array(f.upper) - np.array(f.lower)
    assert np.all(np.diff(width) >= -1e-9)
    assert width[-1] > width[0]
    yearly_width = [y.upper - y.lower for y in f.yearly]
    assert yearly_width == sorted(yearly_width)


def test_a_wider_level_gives_wider_intervals():
    y = seasonal_postings()
    narrow = forecast(y, 24, level=0.5, method="ets", start="2021-01")
    wide = forecast(y, 24, level=0.95, method="ets", start="2021-01")
    assert narrow.point == wide.point
    assert all(
        w > n
        for w, n in zip(
            np.subtract(wide.upper, wide.lower),
            np.subtract(narrow.upper, narrow.lower),
            strict=True,
        )
    )


def test_yearly_totals_are_the_sums_of_the_monthly_points():
    f = forecast(seasonal_postings(), 36, start="2021-01")
    assert [y.year for y in f.yearly] == [1, 2, 3]
    assert f.periods[0] == "2026-01" and f.periods[-1] == "2028-12"
    assert [(y.first_period, y.last_period) for y in f.yearly] == [
        ("2026-01", "2026-12"),
        ("2027-01", "2027-12"),
        ("2028-01", "2028-12"),
    ]
    for k, year in enumerate(f.yearly):
        assert year.total == pytest.approx(sum(f.point[12 * k : 12 * (k + 1)]))


def test_a_horizon_of_18_months_has_one_whole_year():
    f = forecast(seasonal_postings(), 18, start="2021-01")
    assert len(f.point) == 18
    assert len(f.yearly) == 1


def test_the_same_input_gives_the_same_output():
    series = {("2411", district): seasonal_postings(seed=district) for district in range(5)}
    data = {key: MonthlySeries("2021-01", values) for key, values in series.items()}
    first = forecast_many(data, 36)
    second = forecast_many(data, 36)
    assert {k: f.to_dict() for k, f in first.forecasts.items()} == {
        k: f.to_dict() for k, f in second.forecasts.items()
    }
    # a series forecast alone is forecast exactly as in a batch of hundreds
    rng = np.random.default_rng(0)
    crowd = {i: MonthlySeries("2021-01", rng.poisson(30, 60)) for i in range(300)}
    in_crowd = forecast_many({**crowd, **data}, 36).forecasts[("2411", 3)]
    alone = forecast(data[("2411", 3)], 36, key=("2411", 3))
    assert alone.to_dict() == first.forecasts[("2411", 3)].to_dict() == in_crowd.to_dict()


def test_a_too_short_series_says_so_instead_of_fitting():
    with pytest.raises(SeriesTooShort) as info:
        forecast(as_pairs([5] * 11), key=("7212", "Aktobe"))
    message = str(info.value)
    assert "('7212', 'Aktobe')" in message and "11 months" in message and "12" in message
    assert (info.value.length, info.value.minimum) == (11, 12)


def test_seasonal_naive_needs_two_years():
    y = seasonal_postings(20)
    assert forecast(y, 12, method="ets", start="2021-01").params["model"] in (
        "ETS(A,N,N)",
        "ETS(A,Ad,N)",
    )
    with pytest.raises(SeriesTooShort, match="20 months, at least 24"):
        forecast(y, 12, method="seasonal_naive", start="2021-01")


def test_forecast_many_lists_the_too_short_series_and_forecasts_the_rest():
    result = forecast_many(
        {"long": as_pairs(seasonal_postings()), "new": as_pairs([3, 4, 2], start="2025-10")}
    )
    assert list(result.forecasts) == ["long"]
    assert isinstance(result.too_short["new"], SeriesTooShort)
    assert result.too_short["new"].length == 3


def test_a_backtest_needs_a_year_of_training_before_its_horizon():
    with pytest.raises(SeriesTooShort, match="at least 24"):
        backtest(seasonal_postings(23), horizon=12, start="2021-01")


def test_an_all_zero_series_gives_zeros_without_fitting(monkeypatch):
    def must_not_fit(*args, **kwargs):
        raise AssertionError("fitted an all-zero series")

    for name in list(fc._METHOD_FUNCS):
        monkeypatch.setitem(fc._METHOD_FUNCS, name, must_not_fit)
    for method in ("auto", "ets", "naive"):
        f = forecast([0] * 30, 24, method=method, start="2022-01")
        assert f.method == "zero"
        assert "zero" in f.reason
        assert f.params == {}
        assert set(f.point) == set(f.lower) == set(f.upper) == {0.0}
        assert [y.total for y in f.yearly] == [0.0, 0.0]


def test_a_sparse_series_gets_the_recent_mean_without_a_backtest():
    values = [0] * 36
    values[5], values[20], values[33] = 2, 1, 3
    f = forecast(values, 12, start="2022-01")
    assert f.method == "mean"
    assert f.reason.startswith("sparse: 3 of 36 months")
    assert f.backtest is None
    assert f.point == pytest.approx([3 / 12] * 12)  # the last 12 months had 3 postings


def test_forecasts_are_never_negative():
    falling = np.maximum(200 - 6 * np.arange(36), 0) + np.tile([0, 9, 0, 5], 9)
    sparse = [0, 0, 7, 0, 0, 0, 0, 1, 0, 0, 0, 0] * 3
    for values in (falling, sparse):
        for method in ("auto", "ets", "naive", "seasonal_naive", "mean"):
            f = forecast(values, 36, method=method, start="2023-01")
            assert min(f.point + f.lower + f.upper) >= 0, method
            assert min(min(y.total, y.lower) for y in f.yearly) >= 0, method


@settings(max_examples=40, deadline=None)
@given(
    values=st.lists(st.integers(0, 500), min_size=24, max_size=48),
    method=st.sampled_from(["auto", "ets", "naive", "seasonal_naive", "mean"]),
)
def test_any_series_gives_non_negative_ordered_bounds_and_summed_totals(values, method):
    f = forecast(values, 24, method=method, start="2020-01")
    assert min(f.lower) >= 0
    assert all(lo <= p <= up for lo, p, up in zip(f.lower, f.point, f.upper, strict=True))
    for k, year in enumerate(f.yearly):
        assert 0 <= year.lower <= year.total <= year.upper
        assert year.total == pytest.approx(sum(f.point[12 * k : 12 * (k + 1)]))


def test_mase_by_hand():
    # shorter than two years: scaled by the naive (lag-1) in-sample error, (2 + 1 + 2) / 3
    assert mase([6, 4], [5, 5], [2, 4, 3, 5]) == pytest.approx(1 / (5 / 3))
    # two years: scaled by the seasonal naive error, every y_t - y_{t-12} = 12
    assert mase([30], [24], list(range(24))) == pytest.approx(6 / 12)
    # a constant history leaves MASE undefined
    assert np.isnan(mase([1], [2], [5] * 13))


def test_backtest_by_hand():
    values = [3, 5, 4, 6, 5, 7, 6, 8, 7, 9, 8, 10, 12, 9]
    scores = backtest(values, horizon=2, origins=1, start="2024-01")
    # one origin after 12 months, too short for the seasonal methods: naive scale
    # mean |y_t - y_t-1| over the 12 months = 17 / 11
    assert "seasonal_naive" not in scores
    assert scores["naive"] == pytest.approx(((2 + 1) / 2) / (17 / 11))  # forecast 10
    assert scores["mean"] == pytest.approx(((5.5 + 2.5) / 2) / (17 / 11))  # forecast 6.5


def test_missing_months_are_zeros_and_repeated_months_add_up():
    pairs = [("2023-01", 4), (dt.date(2023, 3, 15), 2), ("2023-03", 1)] + as_pairs(
        [5] * 12, start="2023-04"
    )
    f = forecast(pairs, 12, method="naive", key="k")
    assert f.history_months == 15
    assert f.last_observed == "2024-03"
    scores_from_pairs = backtest(pairs, horizon=3, origins=1)
    values = [4, 0, 3] + [5] * 12
    assert scores_from_pairs == backtest(values, horizon=3, origins=1, start="2023-01")


def test_forecast_many_pads_every_series_to_the_last_month():
    result = forecast_many(
        {"current": as_pairs([5] * 24, "2023-01"), "stopped": as_pairs([8] * 20, "2023-01")},
        12,
        method="naive",
    )
    assert result.forecasts["current"].periods == result.forecasts["stopped"].periods
    assert result.forecasts["stopped"].point == (0.0,) * 12  # four months with no postings


@pytest.mark.parametrize(
    ("series", "message"),
    [
        ([("2023-01", 4), ("2023-02", -1)], "series 'x': demand cannot be negative"),
        ([("2023-13", 4)], "series 'x': period '2023-13' has no month 13"),
        ([("January", 4)], "series 'x': period 'January' is not YYYY-MM"),
        ([4, 5, 6], "series 'x': give \\(period, value\\) pairs"),
        (MonthlySeries("2023-01", [1.0, float("nan")]), "series 'x': values must be finite"),
    ],
)
def test_bad_input_is_named(series, message):
    with pytest.raises(ValueError, match=message):
        forecast(series, key="x")


@pytest.mark.parametrize("horizon", [11, 37, 12.5])
def test_the_horizon_is_12_to_36_months(horizon):
    with pytest.raises(ValueError, match="horizon_months"):
        forecast(seasonal_postings(), horizon, start="2021-01")


def test_the_result_carries_the_model_and_its_parameters_for_storage():
    f = forecast(seasonal_postings(), 36, method="ets", start="2021-01")
    assert f.params["model"].startswith("ETS(A,")
    assert {"alpha", "beta", "gamma", "phi", "level", "trend", "season", "sigma"} <= set(f.params)
    stored = json.loads(json.dumps(f.to_dict()))
    assert stored["method"] == "ets" and stored["level"] == 0.8
    assert stored["periods"][0] == "2026-01" and len(stored["yearly"]) == 3
