"""B6: demand forecasting (`kasip.labour.forecast.forecast_many`) for 436 occupations x 20
regions of monthly job postings, with a rolling-origin evaluation.

    .venv/bin/python bench/forecast.py            # 436 x 20 series, 60 months
    .venv/bin/python bench/forecast.py --quick    # 100 x 10 series

Generator (seeded): each occupation has a log-normal share of all postings (a few are very
common, most rare) and each region a log-normal size, so that most occupation x region series
are sparse (a posting every few months) and a few have hundreds a month. The expected count
of a month is the product of the two sizes, a national business cycle (AR(1)), the
occupation's trend (about +-10 % a year, with region-specific drift), and a yearly pattern
for the occupation (none, summer work, the school year, December trade, spring field work)
with a random amplitude; 20 % of the series shift level once (an employer opens or closes,
+-20-70 %) and 3 % are new occupations with no postings before a random month. Counts are
negative binomial (Poisson with gamma-distributed rate, shape 5).
Series are given as (YYYY-MM, count) pairs of the months with postings, as a database query
returns them; `start`/`end` make the missing months zeros.

Figures: `seconds` is the wall time of one `forecast_many` of all series, 36 months ahead,
method "auto" (its own per-series backtest included), on the full 60 months. Then the
accuracy: at three outer origins (after months 36, 42 and 48) the series are cut there,
`forecast_many` runs again on the cut series ("auto" choosing by a backtest of the cut data
only), and the next 12 months are scored with MASE (`kasip.labour.forecast.mase`) for its
forecast and for the seasonal naive and naive ones from the same cut (and, for comparison,
for "ets" and "mean" forced on every series); the figures are the mean (and median) over
series x origins where MASE is defined (history not constant). Also the share of actual
months inside the 80 % intervals of "auto", and the run's total time. Targets: seconds <= 60 and
mase_model < mase_seasonal_naive. The last line is `BENCH forecast key=value ...`.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from kasip.labour.forecast import forecast_many, mase, month_label  # noqa: E402

START = "2021-01"
MONTHS = 60
OUTER_CUTS = (48, 42, 36)  # months of history at each outer origin
HORIZON = 12

PATTERNS = {  # relative demand by calendar month (Jan..Dec)
    "flat": np.zeros(12),
    "summer": np.array([-1, -0.9, -0.4, 0.3, 0.8, 1, 1, 0.9, 0.5, -0.1, -0.7, -1]),
    "school": np.array([0, -0.2, -0.3, -0.4, -0.5, -0.3, 0.4, 1, 0.7, 0, -0.1, -0.3]),
    "december": np.array([-0.3, -0.4, -0.2, -0.2, -0.2, -0.2, -0.1, -0.1, 0, 0.2, 0.6, 1]),
    "spring": np.array([-0.6, -0.3, 0.6, 1, 0.8, 0.2, 0, 0.1, 0.3, 0.1, -0.5, -0.7]),
}


def generate(occupations, regions, seed=6, monthly_total=60_000.0, shape=5.0, shifts=0.2):
    """{(occupation, region): [(YYYY-MM, count), ...]} of the months with postings."""
    rng = np.random.default_rng(seed)
    occ = rng.lognormal(0, 1.6, occupations)
    reg = rng.lognormal(0, 0.9, regions)
    base = np.outer(occ / occ.sum(), reg / reg.sum()) * monthly_total  # mean per month
    t = np.arange(MONTHS)
    cycle = np.zeros(MONTHS)
    for i in range(1, MONTHS):
        cycle[i] = 0.85 * cycle[i - 1] + rng.normal(0, 0.04)
    names = list(PATTERNS)
    kind = rng.choice(len(names), occupations, p=[0.35, 0.2, 0.15, 0.15, 0.15])
    amplitude = rng.uniform(0.1, 0.6, occupations)
    season = np.stack([amplitude[o] * PATTERNS[names[kind[o]]] for o in range(occupations)])
    season = season[:, (int(START[5:]) - 1 + t) % 12]  # (occupations, months)
    growth = rng.normal(0, 0.1, occupations)[:, None] + rng.normal(0, 0.05, base.shape)
    log_rate = (
        np.log(base)[:, :, None]
        + cycle[None, None, :]
        + growth[:, :, None] * (t / 12)[None, None, :]
        + np.log1p(season)[:, None, :] * rng.uniform(0.7, 1.3, base.shape)[:, :, None]
    )
    shifted = rng.random(base.shape) < shifts  # an employer opens or closes: a level shift
    when = rng.integers(6, MONTHS - 6, base.shape)
    size = rng.uniform(0.2, 0.7, base.shape) * rng.choice([-1, 1], base.shape)
    log_rate += (shifted * size)[:, :, None] * (t[None, None, :] >= when[:, :, None])
    rate = np.exp(log_rate) * rng.gamma(shape, 1 / shape, log_rate.shape)
    counts = rng.poisson(rate)
    new = rng.random(base.shape) < 0.03
    first = rng.integers(12, MONTHS - 12, base.shape)
    counts[new] *= (t[None, :] >= first[new][:, None]).astype(counts.dtype)
    start = int(START[:4]) * 12 + int(START[5:]) - 1
    labels = [month_label(start + i) for i in range(MONTHS)]
    return {
        (o, r): [(labels[i], int(v)) for i, v in enumerate(counts[o, r]) if v]
        for o in range(occupations)
        for r in range(regions)
    }


def dense(series):
    """(keys, matrix) of the series over all months, zeros included."""
    keys = list(series)
    start = int(START[:4]) * 12 + int(START[5:]) - 1
    Y = np.zeros((len(keys), MONTHS))
    for row, key in enumerate(keys):
        for period, value in series[key]:
            y, m = period.split("-")
            Y[row, int(y) * 12 + int(m) - 1 - start] = value
    return keys, Y


def truncated(series, months):
    end = month_label(int(START[:4]) * 12 + int(START[5:]) - 1 + months - 1)
    return {k: [(p, v) for p, v in pairs if p <= end] for k, pairs in series.items()}, end


def main() -> None:
    started = time.perf_counter()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 occupations x 10 regions")
    args = parser.parse_args()
    occupations, regions = (100, 10) if args.quick else (436, 20)
    series = generate(occupations, regions)
    keys, Y = dense(series)
    end = month_label(int(START[:4]) * 12 + int(START[5:]) - 1 + MONTHS - 1)
    nonzero = (Y > 0).mean(axis=1)
    print(
        f"{len(series)} series x {MONTHS} months ({START}..{end}); postings per month "
        f"{Y.sum(axis=0).mean():.0f}; series with postings in < 1/3 of months "
        f"{(nonzero < 1 / 3).mean():.0%}, all zero {(nonzero == 0).mean():.1%}"
    )

    t0 = time.perf_counter()
    result = forecast_many(series, horizon_months=36, level=0.8, start=START, end=end)
    seconds = time.perf_counter() - t0
    chosen = Counter(f.method for f in result.forecasts.values())
    print(
        f"forecast_many, 36 months ahead, auto: {seconds:.1f} s; methods {dict(chosen)}; "
        f"too short {len(result.too_short)}"
    )

    compared = (
        ("model", "auto"),
        ("seasonal_naive", "seasonal_naive"),
        ("naive", "naive"),
        ("ets", "ets"),
        ("mean", "mean"),
    )
    scores = {name: [] for name, _ in compared}
    inside = []
    t1 = time.perf_counter()
    for cut in OUTER_CUTS:
        cut_series, cut_end = truncated(series, cut)
        runs = {
            name: forecast_many(cut_series, HORIZON, 0.8, method, start=START, end=cut_end)
            for name, method in compared
        }
        for row, key in enumerate(keys):
            history, actual = Y[row, :cut], Y[row, cut : cut + HORIZON]
            row_scores = {n: mase(actual, r.forecasts[key].point, history) for n, r in runs.items()}
            if all(np.isfinite(v) for v in row_scores.values()):
                for n, v in row_scores.items():
                    scores[n].append(v)
            f = runs["model"].forecasts[key]
            inside.extend((np.array(f.lower) <= actual) & (actual <= np.array(f.upper)))
    eval_seconds = time.perf_counter() - t1
    mean = {n: float(np.mean(v)) for n, v in scores.items()}
    median = {n: float(np.median(v)) for n, v in scores.items()}
    print(
        f"evaluation at origins after months {OUTER_CUTS}, {HORIZON} months ahead "
        f"({eval_seconds:.1f} s), {len(scores['model'])} series x origins with MASE defined:"
    )
    for n in scores:
        label = "auto (model)" if n == "model" else n
        print(f"  {label:15s} mean MASE {mean[n]:.3f}  median {median[n]:.3f}")
    print(f"  actual months inside the 80 % intervals: {np.mean(inside):.1%}")
    ok = seconds <= 60 and mean["model"] < mean["seasonal_naive"]
    print("targets (<= 60 s, mean MASE below seasonal naive):", "met" if ok else "NOT met")
    print(
        f"BENCH forecast series={len(series)} seconds={seconds:.2f} "
        f"mase_model={mean['model']:.4f} mase_seasonal_naive={mean['seasonal_naive']:.4f} "
        f"mase_naive={mean['naive']:.4f} mase_ets={mean['ets']:.4f} "
        f"mase_mean={mean['mean']:.4f} coverage80={np.mean(inside):.3f} "
        f"total_seconds={time.perf_counter() - started:.1f}"
    )


if __name__ == "__main__":
    main()
