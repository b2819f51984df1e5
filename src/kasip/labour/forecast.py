"""Demand forecasting: monthly series (job postings per occupation × district × month) to
point forecasts and intervals 12-36 months ahead, with yearly totals for 1-3 years ahead.

Pure Python and NumPy (no Django): the site stores what it returns. Everything is
deterministic: there is no random step, so the same input gives the same output.

Input. A series is either a list of ``(period, value)`` pairs, where a period is a
``"YYYY-MM"`` string or a ``date``/``datetime`` (its month is taken), or a
``MonthlySeries(start, values)``. **Months that are missing are zeros** (no posting that
month); values given twice for one month are added (several rows of postings). Values must
be finite and non-negative. In ``forecast_many`` all series are padded with zeros up to one
common last month (the latest one in the data, or ``end=``), so that all forecasts start in
the same month; a series starts at its first period unless ``start=`` pads it further back.

Methods (``METHODS``):

* ``naive`` - the last month repeated (random walk);
* ``seasonal_naive`` - the same month a year before (needs 24 months);
* ``ets`` - exponential smoothing with additive errors (Hyndman et al., *Forecasting with
  Exponential Smoothing*, 2008): of the forms ETS(A,N,N), ETS(A,Ad,N) (damped additive
  trend) and, with at least 24 months, ETS(A,N,A) and ETS(A,Ad,A) (additive yearly
  seasonality), the one with the least AICc. Each form's smoothing parameters are the point
  of a fixed grid (``ETS_GRID``) with the least in-sample one-step squared error, searched
  for thousands of series at once with NumPy; its initial states are a least-squares fit
  over the series (level, line, monthly effects). Intervals use the form's exact h-step
  variance (ch. 6 of the book), yearly totals the exact variance of the 12-month sum.
* ``mean`` - the mean of the last 12 months, flat;
* ``auto`` - ``ets`` or ``mean``, whichever has the smaller mean MASE in a rolling-origin
  backtest of the series itself (``backtest``; ties go to ``ets``). The naive methods are
  scored there too, as baselines, but not chosen: on B6's non-sparse series letting
  per-series backtests pick them made "auto" worse (mean MASE 0.92 against 0.86): with 1-3
  noisy 12-month windows they win by chance, while ETS already covers random walks
  (ETS(A,N,N) with a large alpha) and stable seasons. An all-zero series gives zeros
  without fitting (any method); under ``auto`` a sparse series (non-zero in fewer than
  ``SPARSE_SHARE`` of its months) gets ``mean`` without a backtest (MAE and MASE favour
  forecasting zero for such series, useless for yearly totals), and one too short to
  backtest gets ``ets``. The reason is in ``Forecast.reason``.

Forecasts and interval bounds are never negative: the point is cut at zero and the normal
interval around it (at ``level``, 80 % by default) is cut at zero too. A series shorter than
``MIN_MONTHS`` (or ``MIN_SEASONAL_MONTHS`` for ``seasonal_naive``) is not fitted:
``forecast`` raises ``SeriesTooShort``, ``forecast_many`` lists it in ``too_short``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from statistics import NormalDist
from typing import Any

import numpy as np

SEASON = 12  # months in the seasonal cycle
MIN_MONTHS = 12  # the shortest series any method is fitted to
MIN_SEASONAL_MONTHS = 2 * SEASON  # the shortest for seasonal methods (two full cycles)
MIN_HORIZON, MAX_HORIZON = 12, 36
SPARSE_SHARE = 1 / 3  # under "auto", fewer non-zero months than this share -> "mean"
MEAN_WINDOW = 12  # months averaged by the "mean" method
METHODS = ("ets", "seasonal_naive", "naive", "mean")  # scored by the backtest of "auto"
AUTO_CANDIDATES = ("ets", "mean")  # what "auto" chooses from, preferred in this order on ties
SEASONAL_METHODS = frozenset({"seasonal_naive"})

# Grid searched by "ets": level (alpha), trend as a share of alpha (beta = alpha * share),
# seasonality (gamma <= 1 - alpha) and damping (phi).
ETS_GRID = {
    "alpha": (0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9),
    "beta_share": (0.01, 0.1, 0.3),
    "gamma": (0.01, 0.1, 0.25),
    "phi": (0.8, 0.9, 0.98, 0.995),
}
ETS_FORMS = (("N", "N"), ("Ad", "N"), ("N", "A"), ("Ad", "A"))  # (trend, season), simplest first
_CHUNK_CELLS = 32_000  # series x grid points per pass of the grid search: fits the CPU cache


class SeriesTooShort(ValueError):
    """A series has too few months for the method asked for; nothing was fitted."""

    def __init__(self, key: Hashable, length: int, minimum: int, method: str = "forecast"):
        self.key, self.length, self.minimum, self.method = key, length, minimum, method
        super().__init__(
            f"series {key!r} is too short for {method}: {length} months, "
            f"at least {minimum} are needed"
        )


@dataclass(frozen=True)
class MonthlySeries:
    """Values for consecutive months from ``start`` (``"YYYY-MM"`` or a date)."""

    start: str | dt.date
    values: Sequence[float] | np.ndarray


@dataclass(frozen=True)
class YearTotal:
    """The forecast total of one year ahead (months 12k-11 .. 12k of the horizon)."""

    year: int  # 1, 2 or 3 years ahead
    first_period: str
    last_period: str
    total: float  # the sum of the monthly points
    lower: float
    upper: float


@dataclass(frozen=True)
class Forecast:
    """A series' forecast with what made it: store ``to_dict()`` with the date it was made."""

    key: Hashable
    method: str  # naive | seasonal_naive | ets | mean | zero
    params: dict[str, Any]
    reason: str
    level: float
    periods: tuple[str, ...]  # forecast months, "YYYY-MM"
    point: tuple[float, ...]
    lower: tuple[float, ...]
    upper: tuple[float, ...]
    yearly: tuple[YearTotal, ...]
    backtest: dict[str, float] | None = None  # mean MASE per method, when "auto" ran one
    history_months: int = 0
    last_observed: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "params": dict(self.params),
            "reason": self.reason,
            "level": self.level,
            "history_months": self.history_months,
            "last_observed": self.last_observed,
            "periods": list(self.periods),
            "point": list(self.point),
            "lower": list(self.lower),
            "upper": list(self.upper),
            "yearly": [vars(y).copy() for y in self.yearly],
            "backtest": None if self.backtest is None else dict(self.backtest),
        }


@dataclass
class ManyForecasts:
    """What ``forecast_many`` returns: forecasts by key, and the series too short to fit."""

    forecasts: dict[Hashable, Forecast] = field(default_factory=dict)
    too_short: dict[Hashable, SeriesTooShort] = field(default_factory=dict)


# --- months -------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _parse_month_str(text: str) -> int:
    parts = text.strip().split("-")
    if len(parts) < 2 or not (parts[0].isdigit() and parts[1].isdigit()):
        raise ValueError(f"period {text!r} is not YYYY-MM")
    year, month = int(parts[0]), int(parts[1])
    if not 1 <= month <= 12:
        raise ValueError(f"period {text!r} has no month {month}")
    return year * 12 + month - 1


def month_index(period: str | dt.date) -> int:
    """Months since year 0: ``"2024-03"`` and ``date(2024, 3, 15)`` give the same number."""
    if isinstance(period, dt.date):
        return period.year * 12 + period.month - 1
    if isinstance(period, str):
        return _parse_month_str(period)
    raise ValueError(f"period {period!r} is neither YYYY-MM nor a date")


def month_label(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _as_months(key: Hashable, data: Any) -> tuple[int | None, np.ndarray]:
    """(first month index, values) of one series, missing months filled with zeros."""
    try:
        if isinstance(data, MonthlySeries):
            start = month_index(data.start)
            values = np.asarray(data.values, dtype=float)
        else:
            pairs = data.items() if isinstance(data, Mapping) else data
            months, values = [], []
            for pair in pairs:
                if not (isinstance(pair, tuple | list) and len(pair) == 2):
                    raise ValueError(
                        "give (period, value) pairs, or MonthlySeries(start, values) / start="
                    )
                months.append(month_index(pair[0]))
                values.append(float(pair[1]))
            if not months:
                return None, np.zeros(0)  # no postings at all: zeros when start= is given
            if min(values) < 0:
                raise ValueError("demand cannot be negative")
            index = np.array(months)
            start = int(index.min())
            values = np.bincount(index - start, weights=values)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"series {key!r}: {exc}") from exc
    if values.ndim != 1 or values.size == 0:
        raise ValueError(f"series {key!r}: values must be a non-empty list of numbers")
    if not np.all(np.isfinite(values)):
        raise ValueError(f"series {key!r}: values must be finite numbers")
    if np.any(values < 0):
        raise ValueError(f"series {key!r}: demand cannot be negative")
    return start, values


def _check_horizon(horizon_months: int, level: float) -> None:
    if not (isinstance(horizon_months, int) and MIN_HORIZON <= horizon_months <= MAX_HORIZON):
        raise ValueError(
            f"horizon_months must be a whole number of months from {MIN_HORIZON} to "
            f"{MAX_HORIZON}, not {horizon_months!r}"
        )
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1 (e.g. 0.8), not {level!r}")


def _minimum(method: str) -> int:
    return MIN_SEASONAL_MONTHS if method in SEASONAL_METHODS else MIN_MONTHS


# --- the methods on a matrix of series (rows) of equal length -----------------------------
# Each returns the raw point forecasts (S, h), the one-step error sd (S,), psi weights
# c (S, h) with c[:, 0] = 1 such that the h-step forecast error is sum_j c_j e_{T+h-j}, and
# the parameters per series. "mean" has no psi weights (its error is not a moving average).


def _rms(x: np.ndarray) -> np.ndarray:
    return np.sqrt(np.mean(x * x, axis=1)) if x.shape[1] else np.zeros(x.shape[0])


def _naive(Y: np.ndarray, h: int):
    point = np.repeat(Y[:, -1:], h, axis=1)
    c = np.ones((Y.shape[0], h))
    return point, _rms(np.diff(Y, axis=1)), c, [{} for _ in range(Y.shape[0])]


def _seasonal_naive(Y: np.ndarray, h: int):
    n = Y.shape[1]
    point = Y[:, n - SEASON + np.arange(h) % SEASON]
    c = np.zeros((Y.shape[0], h))
    c[:, 0::SEASON] = 1.0
    sigma = _rms(Y[:, SEASON:] - Y[:, :-SEASON])
    return point, sigma, c, [{} for _ in range(Y.shape[0])]


def _mean(Y: np.ndarray, h: int):
    window = Y[:, -MEAN_WINDOW:]
    mean = window.mean(axis=1)
    sigma = window.std(axis=1, ddof=1)
    point = np.repeat(mean[:, None], h, axis=1)
    params = [{"window": window.shape[1]} for _ in range(Y.shape[0])]
    return point, sigma, None, params


def _grid(trend: bool, seasonal: bool) -> np.ndarray:
    """Rows (alpha, beta, gamma, phi) of the admissible grid points of one ETS form."""
    rows = []
    for a in ETS_GRID["alpha"]:
        for share in ETS_GRID["beta_share"] if trend else (0.0,):
            for g in ETS_GRID["gamma"] if seasonal else (0.0,):
                if g > 1 - a:
                    continue
                for p in ETS_GRID["phi"] if trend else (1.0,):
                    rows.append((a, a * share, g, p))
    return np.array(rows)


def _ets_initial(Y: np.ndarray, trend: bool, seasonal: bool):
    """Initial level, trend and seasonal states: a least-squares fit of a level, a line
    (trend forms) and monthly effects summing to zero (seasonal forms) to the whole training
    window, for all series at once. Fitting them to all of it rather than to the first years
    (noisy for small counts) lowered the ets backtest MASE of B6's series by about 6 %."""
    S, n = Y.shape
    t = np.arange(n, dtype=float)
    columns = [np.ones(n)] + ([t] if trend else [])
    if seasonal:  # effect of month j minus that of the last month of the cycle
        last = (t % SEASON == SEASON - 1).astype(float)
        columns += [(t % SEASON == j).astype(float) - last for j in range(SEASON - 1)]
    solve = np.linalg.pinv(np.stack(columns, axis=1))  # least squares, (columns, n)
    # row by row rather than one matrix product, whose rounding depends on the batch's size:
    # a series gets the same forecast alone and among thousands
    coef = np.stack([np.sum(Y * row, axis=1) for row in solve])  # (columns, S)
    slope = coef[1] if trend else np.zeros(S)
    level = coef[0] - slope  # the level just before the first month
    if not seasonal:
        return level, slope, np.zeros((S, 0))
    effects = coef[-(SEASON - 1) :].T
    season = np.concatenate([effects, -effects.sum(axis=1, keepdims=True)], axis=1)
    return level, slope, season


def _ets_pass(Y, level, trend, season, alpha, beta, gamma, phi, with_trend=True):
    """One run of the ETS recursions. States are (S, G) for G parameter sets broadcast
    against the series; returns the sum of squared one-step errors and the final states."""
    S, n = Y.shape
    shape = np.broadcast_shapes(level.shape, alpha.shape)
    lv = np.broadcast_to(level, shape).copy()
    tr = np.broadcast_to(trend, shape).copy()
    m = season.shape[-1]
    seas = [np.broadcast_to(season[..., j], shape).copy() for j in range(m)]
    sse, pt, err, tmp = np.zeros(shape), np.empty(shape), np.empty(shape), np.empty(shape)
    column = (S,) + (1,) * (len(shape) - 1)
    for t in range(n):
        if with_trend:
            np.multiply(phi, tr, out=pt)
            lv += pt  # lv := l + phi b, the one-step forecast without season
        np.subtract(Y[:, t].reshape(column), lv, out=err)
        if m:
            s = seas[t % m]
            err -= s
            np.multiply(gamma, err, out=tmp)
            s += tmp
        np.multiply(alpha, err, out=tmp)
        lv += tmp
        if with_trend:
            np.multiply(beta, err, out=tmp)
            np.add(pt, tmp, out=tr)
        np.multiply(err, err, out=tmp)
        sse += tmp
    if m:  # rotate so that seas[j] is the state used j + 1 months after the end
        seas = seas[n % m :] + seas[: n % m]
    return sse, lv, tr, seas


def _ets_fit(Y: np.ndarray, trend: bool, seasonal: bool):
    """The grid point with the least in-sample squared one-step error for each series, and
    the final states there: (alpha, beta, gamma, phi, sse, level, trend, seasons)."""
    S = Y.shape[0]
    level, slope, season = _ets_initial(Y, trend, seasonal)
    grid = _grid(trend, seasonal)
    best = np.empty(S, dtype=int)
    chunk = max(1, _CHUNK_CELLS // len(grid))
    a, b, g, p = (grid[:, i] for i in range(4))
    for lo in range(0, S, chunk):
        sl = slice(lo, lo + chunk)
        sse, *_ = _ets_pass(
            Y[sl], level[sl, None], slope[sl, None], season[sl, None, :], a, b, g, p, trend
        )
        sse[~np.isfinite(sse)] = np.inf
        best[sl] = np.argmin(sse, axis=1)  # first minimum: deterministic
    alpha, beta, gamma, phi = (grid[best, i] for i in range(4))
    sse, lv, tr, seas = _ets_pass(Y, level, slope, season, alpha, beta, gamma, phi, trend)
    seas = np.stack(seas, axis=1) if seasonal else np.zeros((S, SEASON))
    return alpha, beta, gamma, phi, sse, lv, tr, seas


def _ets(Y: np.ndarray, h: int):
    """Additive-error ETS: each admissible form fitted, the one with the least AICc kept."""
    S, n = Y.shape
    forms = [f for f in ETS_FORMS if f[1] == "N" or n >= MIN_SEASONAL_MONTHS]
    fits, aicc, sizes = [], [], []
    for trend_kind, season_kind in forms:
        trend, seasonal = trend_kind != "N", season_kind != "N"
        fit = _ets_fit(Y, trend, seasonal)
        # parameters: smoothing (alpha, beta, phi, gamma) + initial states + sigma
        k = 1 + 2 * trend + seasonal + 1 + trend + (SEASON - 1) * seasonal + 1
        mse = np.maximum(fit[4] / n, 1e-12)
        aicc.append(n * np.log(mse) + 2 * k + 2 * k * (k + 1) / max(n - k - 1, 1))
        fits.append(fit)
        sizes.append(k - 1)
    pick = np.argmin(np.stack(aicc, axis=1), axis=1)  # ties go to the simpler form
    rows = np.arange(S)
    alpha, beta, gamma, phi, sse, lv, tr = (
        np.stack([f[i] for f in fits], axis=1)[rows, pick] for i in range(7)
    )
    seas = np.stack([f[7] for f in fits], axis=1)[rows, pick]  # (S, SEASON)
    steps = np.arange(1, h + 1)
    phi_sum = np.cumsum(phi[:, None] ** steps, axis=1)  # phi + ... + phi^h
    point = lv[:, None] + phi_sum * tr[:, None] + seas[:, (steps - 1) % SEASON]
    c = np.empty((S, h))
    c[:, 0] = 1.0
    c[:, 1:] = alpha[:, None] + beta[:, None] * phi_sum[:, :-1]
    c[:, SEASON::SEASON] += gamma[:, None]
    size = np.array(sizes)[pick]
    sigma = np.sqrt(sse / np.maximum(n - size, n // 2))
    params = []
    for i in range(S):
        trend_kind, season_kind = forms[pick[i]]
        trend, seasonal = trend_kind != "N", season_kind != "N"
        params.append(
            {
                "model": f"ETS(A,{trend_kind},{season_kind})",
                "alpha": float(alpha[i]),
                "beta": float(beta[i]) if trend else None,
                "gamma": float(gamma[i]) if seasonal else None,
                "phi": float(phi[i]) if trend else None,
                "level": float(lv[i]),
                "trend": float(tr[i]) if trend else None,
                "season": seas[i].tolist() if seasonal else None,
            }
        )
    return point, sigma, c, params


_METHOD_FUNCS = {
    "naive": _naive,
    "seasonal_naive": _seasonal_naive,
    "ets": _ets,
    "mean": _mean,
}


def _variances(sigma: np.ndarray, c: np.ndarray | None, h: int, n: int):
    """Forecast-error variances of each month (S, h) and of each whole year ahead (S, years)."""
    years = h // SEASON
    var2 = (sigma * sigma)[:, None]
    if c is None:  # "mean": e_{T+h} = eps - (mean error); the mean error is shared by all months
        w = min(MEAN_WINDOW, n)
        monthly = np.repeat(var2 * (1 + 1 / w), h, axis=1)
        yearly = np.repeat(var2 * (SEASON + SEASON * SEASON / w), years, axis=1)
        return monthly, yearly
    monthly = var2 * np.cumsum(c * c, axis=1)
    # The total of year k (months a..b ahead) errs by sum_i d_i e_{T+i}, where d_i is the sum
    # of c_{h-i} over its months h >= i: C[b-i+1] - C[max(a-i, 0)] with C[j] = c_0+..+c_{j-1}.
    C = np.concatenate([np.zeros((c.shape[0], 1)), np.cumsum(c, axis=1)], axis=1)
    yearly = np.empty((c.shape[0], years))
    for k in range(years):
        a, b = k * SEASON + 1, (k + 1) * SEASON
        i = np.arange(1, b + 1)
        d = C[:, b - i + 1] - C[:, np.maximum(a - i, 0)]
        yearly[:, k] = np.sum(d * d, axis=1)
    return monthly, var2 * yearly


# --- backtest -----------------------------------------------------------------------------


def mase(actual, predicted, history, season: int = SEASON) -> float:
    """Mean absolute scaled error: the forecast's mean absolute error divided by the in-sample
    mean absolute error of the seasonal naive method (lag ``season``) on ``history`` when it
    has at least two cycles, else of the naive method (lag 1); when that error is zero the
    lag-1 one is used, and when both are zero (a constant history) MASE is undefined: NaN."""
    actual, predicted = np.asarray(actual, float), np.asarray(predicted, float)
    history = np.asarray(history, float)[None, :]
    return float(_mase(actual[None, :], predicted[None, :], history, season)[0])


def _scale(history: np.ndarray, season: int) -> np.ndarray:
    lag1 = np.mean(np.abs(np.diff(history, axis=1)), axis=1)
    if history.shape[1] < 2 * season:
        scale = lag1
    else:
        scale = np.mean(np.abs(history[:, season:] - history[:, :-season]), axis=1)
        scale = np.where(scale > 0, scale, lag1)
    return scale


def _mase(actual, predicted, history, season=SEASON) -> np.ndarray:
    mae = np.mean(np.abs(actual - predicted), axis=1)
    scale = _scale(history, season)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(scale > 0, mae / scale, np.nan)


def _origins(n: int, horizon: int, origins: int, step: int) -> list[int]:
    """Training lengths (cut-offs) of the rolling origins, latest first."""
    return [c for c in (n - horizon - k * step for k in range(origins)) if c >= MIN_MONTHS]


def _backtest_matrix(Y: np.ndarray, horizon: int, origins: int, step: int, methods):
    """Mean MASE and mean MAE (S, len(methods)) over the rolling origins. Seasonal methods
    are compared only when every origin used leaves them two cycles: origins with shorter
    training are dropped if any origin is long enough, else the seasonal methods are."""
    n = Y.shape[1]
    cuts = _origins(n, horizon, origins, step)
    long_cuts = [c for c in cuts if c >= MIN_SEASONAL_MONTHS]
    if long_cuts:
        cuts = long_cuts
    else:
        methods = [m for m in methods if m not in SEASONAL_METHODS]
    S = Y.shape[0]
    mase_sum = np.zeros((S, len(methods)))
    mase_count = np.zeros((S, len(methods)))
    mae_sum = np.zeros((S, len(methods)))
    for cut in cuts:
        train, actual = Y[:, :cut], Y[:, cut : cut + horizon]
        for j, name in enumerate(methods):
            point = np.maximum(_METHOD_FUNCS[name](train, horizon)[0], 0.0)
            scores = _mase(actual, point, train)
            ok = np.isfinite(scores)
            mase_sum[ok, j] += scores[ok]
            mase_count[ok, j] += 1
            mae_sum[:, j] += np.mean(np.abs(actual - point), axis=1)
    with np.errstate(invalid="ignore"):
        mean_mase = mase_sum / mase_count
    return list(methods), mean_mase, mae_sum / max(len(cuts), 1), cuts


def backtest(
    series,
    horizon: int = 12,
    origins: int = 3,
    step: int = 6,
    methods: Sequence[str] = METHODS,
    *,
    start: str | dt.date | None = None,
    key: Hashable = "series",
) -> dict[str, float]:
    """Rolling-origin backtest of one series: mean MASE per method over ``origins`` forecast
    origins ``step`` months apart, the latest ``horizon`` months before the end. Each
    origin's forecast is scored against the ``horizon`` months after it, scaled by the
    seasonal naive (m=12) in-sample error of the training part when it has >= 24 months,
    else by the naive (lag-1) one (see ``mase``); NaN where undefined. Seasonal methods are
    left out when no origin leaves them 24 months of training.

    ``series``: pairs, a ``MonthlySeries``, or plain values with ``start``."""
    if not (isinstance(horizon, int) and 1 <= horizon <= MAX_HORIZON):
        raise ValueError(f"horizon must be from 1 to {MAX_HORIZON} months, not {horizon!r}")
    if not (isinstance(origins, int) and origins >= 1 and isinstance(step, int) and step >= 1):
        raise ValueError("origins and step must be whole numbers of at least 1")
    unknown = set(methods) - set(_METHOD_FUNCS)
    if unknown:
        raise ValueError(f"unknown method(s) {sorted(unknown)}; known: {list(_METHOD_FUNCS)}")
    _, values = _as_months(key, _coerce(series, start))
    if values.size < MIN_MONTHS + horizon:
        raise SeriesTooShort(key, values.size, MIN_MONTHS + horizon, f"a {horizon}-month backtest")
    names, scores, _, _ = _backtest_matrix(values[None, :], horizon, origins, step, methods)
    return {name: float(scores[0, j]) for j, name in enumerate(names)}


# --- forecasts ----------------------------------------------------------------------------


def _coerce(series, start):
    """Plain values with a ``start`` month become a MonthlySeries."""
    if start is not None and not isinstance(series, MonthlySeries):
        return MonthlySeries(start, series)
    return series


def forecast(
    series,
    horizon_months: int = 36,
    level: float = 0.8,
    method: str = "auto",
    *,
    start: str | dt.date | None = None,
    key: Hashable = "series",
    backtest_horizon: int = 12,
    origins: int = 3,
    step: int = 6,
) -> Forecast:
    """Forecast one series (pairs, a ``MonthlySeries``, or plain values with ``start``).
    Raises ``SeriesTooShort`` instead of fitting a series too short for ``method``."""
    result = forecast_many(
        {key: _coerce(series, start)},
        horizon_months,
        level,
        method,
        backtest_horizon=backtest_horizon,
        origins=origins,
        step=step,
    )
    if key in result.too_short:
        raise result.too_short[key]
    return result.forecasts[key]


def forecast_many(
    series: Mapping[Hashable, Any],
    horizon_months: int = 36,
    level: float = 0.8,
    method: str = "auto",
    *,
    start: str | dt.date | None = None,
    end: str | dt.date | None = None,
    backtest_horizon: int = 12,
    origins: int = 3,
    step: int = 6,
) -> ManyForecasts:
    """Forecast many series at once (thousands in seconds): series of equal length are fitted
    together as NumPy arrays. All series are padded with zeros to one last month (``end``,
    by default the latest in the data) and, when given, back to ``start``. Series too short
    for the method land in ``too_short`` (a ``SeriesTooShort`` each) instead of raising."""
    _check_horizon(horizon_months, level)
    if method != "auto" and method not in _METHOD_FUNCS:
        raise ValueError(f"method must be 'auto' or one of {list(_METHOD_FUNCS)}, not {method!r}")
    parsed = {key: _as_months(key, data) for key, data in series.items()}
    first = None if start is None else month_index(start)
    for key, (s, _) in parsed.items():
        if s is None and first is None:
            raise ValueError(f"series {key!r} has no months: give start= to read it as zeros")
    ends = [s + v.size - 1 for s, v in parsed.values() if s is not None]
    if not parsed:
        return ManyForecasts()
    if not ends and end is None:
        raise ValueError("no series has any month: give end= to read them as zeros")
    last = max(ends) if end is None else month_index(end)
    out = ManyForecasts()
    groups: dict[int, list[tuple[Hashable, np.ndarray]]] = {}
    for key, (s, values) in parsed.items():
        if s is None:
            s = first
        if s + values.size - 1 > last:
            raise ValueError(f"series {key!r} has months after end {month_label(last)}")
        lead = 0 if first is None or first >= s else s - first
        values = np.concatenate([np.zeros(lead), values, np.zeros(last - (s + values.size - 1))])
        minimum = _minimum(method)
        if values.size < minimum:
            out.too_short[key] = SeriesTooShort(key, values.size, minimum, method)
        else:
            groups.setdefault(values.size, []).append((key, values))
    z = NormalDist().inv_cdf((1 + level) / 2)
    for _, members in sorted(groups.items()):
        keys = [k for k, _ in members]
        Y = np.stack([v for _, v in members])
        _forecast_group(
            out, keys, Y, last, horizon_months, z, level, method, backtest_horizon, origins, step
        )
    out.forecasts = {k: out.forecasts[k] for k in series if k in out.forecasts}
    return out


def _forecast_group(out, keys, Y, last, h, z, level, method, bt_horizon, origins, step):
    S, n = Y.shape
    chosen = np.full(S, method if method != "auto" else "ets", dtype=object)
    reasons = np.full(S, "method asked for" if method != "auto" else "", dtype=object)
    backtests: list[dict[str, float] | None] = [None] * S
    nonzero = (Y > 0).sum(axis=1)
    zero = nonzero == 0
    chosen[zero] = "zero"
    reasons[zero] = "all months are zero: zeros without fitting"
    if method == "auto":
        sparse = ~zero & (nonzero < SPARSE_SHARE * n)
        chosen[sparse] = "mean"
        for i in np.flatnonzero(sparse):
            reasons[i] = f"sparse: {nonzero[i]} of {n} months non-zero, mean without backtest"
        dense = np.flatnonzero(~zero & ~sparse)
        if dense.size and n >= MIN_MONTHS + bt_horizon:
            names, scores, maes, cuts = _backtest_matrix(
                Y[dense], bt_horizon, origins, step, METHODS
            )
            defined = np.isfinite(scores)
            # rank by MASE where defined at any origin, else by MAE (a constant history)
            rank = np.where(
                defined.any(axis=1, keepdims=True), np.where(defined, scores, np.inf), maes
            )
            candidates = [names.index(m) for m in AUTO_CANDIDATES]
            pick = np.array(candidates)[np.argmin(rank[:, candidates], axis=1)]
            origin_text = ", ".join(month_label(last - n + c) for c in cuts)
            for row, i in enumerate(dense):
                chosen[i] = names[pick[row]]
                backtests[i] = {m: float(scores[row, j]) for j, m in enumerate(names)}
                got = ", ".join(f"{m} {scores[row, names.index(m)]:.2f}" for m in AUTO_CANDIDATES)
                reasons[i] = (
                    f"least mean MASE ({got}) in a {bt_horizon}-month backtest from origins "
                    f"after {origin_text}"
                )
        elif dense.size:
            for i in dense:
                reasons[i] = f"too short to backtest ({n} months < {MIN_MONTHS + bt_horizon}): ets"
    periods = tuple(month_label(last + j) for j in range(1, h + 1))
    for name in sorted(set(chosen)):
        rows = np.flatnonzero(chosen == name)
        if name == "zero":
            point = sd = np.zeros((rows.size, h))
            sd_year = np.zeros((rows.size, h // SEASON))
            params = [{} for _ in rows]
        else:
            raw, sigma, c, params = _METHOD_FUNCS[name](Y[rows], h)
            var, var_year = _variances(sigma, c, h, n)
            point, sd, sd_year = np.maximum(raw, 0.0), np.sqrt(var), np.sqrt(var_year)
        lower, upper = np.maximum(point - z * sd, 0.0), point + z * sd
        totals = point[:, : sd_year.shape[1] * SEASON].reshape(rows.size, -1, SEASON).sum(axis=2)
        t_lower, t_upper = np.maximum(totals - z * sd_year, 0.0), totals + z * sd_year
        for r, i in enumerate(rows):
            p = dict(params[r])
            if name != "zero":
                p["sigma"] = float(sigma[r])
            yearly = tuple(
                YearTotal(
                    k + 1,
                    periods[k * SEASON],
                    periods[(k + 1) * SEASON - 1],
                    float(totals[r, k]),
                    float(t_lower[r, k]),
                    float(t_upper[r, k]),
                )
                for k in range(totals.shape[1])
            )
            out.forecasts[keys[i]] = Forecast(
                key=keys[i],
                method=name,
                params=p,
                reason=reasons[i],
                level=level,
                periods=periods,
                point=tuple(point[r].tolist()),
                lower=tuple(lower[r].tolist()),
                upper=tuple(upper[r].tolist()),
                yearly=yearly,
                backtest=backtests[i],
                history_months=n,
                last_observed=month_label(last),
            )


__all__ = [
    "AUTO_CANDIDATES",
    "ETS_FORMS",
    "ETS_GRID",
    "Forecast",
    "MAX_HORIZON",
    "METHODS",
    "MIN_HORIZON",
    "MIN_MONTHS",
    "MIN_SEASONAL_MONTHS",
    "ManyForecasts",
    "MonthlySeries",
    "SeriesTooShort",
    "YearTotal",
    "backtest",
    "forecast",
    "forecast_many",
    "mase",
    "month_index",
    "month_label",
]
