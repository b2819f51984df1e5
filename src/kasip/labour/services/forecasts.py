"""Writes of demand forecasts: every occupation's monthly job ads (from the demand cells) forecast 1-3 years
ahead with intervals by `kasip.labour.forecast`, stored with the model each got, its backtest and the date.
Run by `kasip forecast`, by the demand page's button (a job on the worker) and after the demo's ads."""

from __future__ import annotations

import datetime as dt
import logging
import math
import time
from collections import Counter, defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext

from kasip.core.models import Job

from .. import forecast as core
from .. import policy
from ..models import DemandCell, DemandForecast, ForecastRun
from .coding import _require, _user
from .jobs import run_queued_job

__all__ = ["FORECAST_JOB", "execute_forecast", "run_forecasts", "start_forecast"]

log = logging.getLogger(__name__)

FORECAST_JOB = "labour:forecast"
METHODS = ("auto", *core.METHODS)
REGION = "region"


def _finite(value):
    """JSON without NaN or infinity (a backtest's MASE is undefined on a constant history): None instead."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    if hasattr(value, "item"):  # NumPy scalars
        return _finite(value.item())
    return value


def _month(label: str) -> dt.date:
    year, month = label.split("-")
    return dt.date(int(year), int(month), 1)


def _series(by_district: bool) -> dict:
    """Monthly job ads per unit group (key (code, None)) and, with ``by_district``, per unit group and district
    (key (code, district id)); months without ads are zeros."""
    cells = DemandCell.objects.exclude(isco08="")
    series: dict[tuple, dict[str, float]] = defaultdict(dict)
    for code, month, n in cells.values_list("isco08", "month").annotate(n=Sum("postings")).values_list(
            "isco08", "month", "n"):
        series[(code, None)][f"{month:%Y-%m}"] = float(n)
    if by_district:
        for code, district, month, n in cells.values_list("isco08", "district_id", "month", "postings"):
            series[(code, district)][f"{month:%Y-%m}"] = float(n)
    return series


def run_forecasts(actor=None, *, method: str = "auto", horizon: int = 36, level: float = 0.8,
                  by_district: bool = False, progress=None) -> ForecastRun:
    """Forecast every occupation's job ads and store the run. A series shorter than the method needs (12
    months; 24 for seasonal naive) is not fitted: the run lists it with the reason. Raises ValidationError
    for bad parameters or when there are no job ads at all."""
    _require(actor, policy.can_run_forecasts(actor), gettext("You may not run demand forecasts."))
    if method not in METHODS:
        raise ValidationError({"method": gettext("Unknown method “%(method)s”; use one of: %(choices)s.") % {
            "method": str(method)[:30], "choices": ", ".join(METHODS)}})
    if not 1 <= int(horizon) <= 36:
        raise ValidationError({"horizon": gettext("Forecast 1 to 36 months ahead.")})
    if not 0.5 <= float(level) < 1:
        raise ValidationError({"level": gettext("The interval level is between 0.5 and 0.99.")})
    say = progress or (lambda done, total: None)
    started = time.perf_counter()
    say(0, 3)
    series = _series(by_district)
    if not series:
        raise ValidationError(gettext("There are no job ads to forecast from: load some first."))
    months = [m for values in series.values() for m in values]
    first, last = min(months), max(months)
    say(1, 3)
    result = core.forecast_many(series, horizon_months=int(horizon), level=float(level), method=method,
                                start=first, end=last)
    say(2, 3)
    with transaction.atomic():
        run = ForecastRun.objects.create(
            made_by=_user(actor), method=method, horizon=horizon, level=level, by_district=by_district,
            first_month=_month(first), last_month=_month(last), series=len(result.forecasts),
            too_short={f"{code}/{district or REGION}": str(exc) for (code, district), exc in result.too_short.items()},
            methods=dict(Counter(f.method for f in result.forecasts.values())))
        rows = []
        for (code, district), forecast in result.forecasts.items():
            year = forecast.yearly[0] if forecast.yearly else None
            rows.append(DemandForecast(
                run=run, isco08=code, district_id=district, method=forecast.method,
                next_year=round(year.total, 2) if year else 0.0, next_year_lower=round(year.lower, 2) if year else 0.0,
                next_year_upper=round(year.upper, 2) if year else 0.0, data=_finite(forecast.to_dict())))
        DemandForecast.objects.bulk_create(rows, batch_size=500)
        run.seconds = round(time.perf_counter() - started, 2)
        run.save(update_fields=["seconds"])
    say(3, 3)
    return run


def start_forecast(actor, *, by_district: bool = False, enqueue: bool = True) -> Job:
    """Queue a forecast run on the worker."""
    _require(actor, policy.can_run_forecasts(actor), gettext("You may not run demand forecasts."))
    job = Job.objects.create(kind=FORECAST_JOB, created_by=_user(actor), total=3,
                             params={"forecast": True, "by_district": by_district},
                             original_name=gettext("Forecasting demand")[:255])
    if enqueue:
        from ..tasks import forecast_demand as task

        transaction.on_commit(lambda: task.delay(job.pk))
    return job


def execute_forecast(job_id: int) -> Job:
    """Run a queued forecast (the worker's side of :func:`start_forecast`); the job records the result."""

    def work(job, actor):
        def write(done: int, total: int) -> None:
            Job.objects.filter(pk=job.pk).update(progress=done, total=total)

        run = run_forecasts(actor, by_district=bool(job.params.get("by_district")), progress=write)
        message = gettext("%(series)s series forecast (%(short)s too short to fit) in %(seconds)s s.") % {
            "series": run.series, "short": len(run.too_short), "seconds": run.seconds}
        result = {"run": run.pk, "series": run.series, "too_short": len(run.too_short), "methods": run.methods}
        return True, message, result, []

    return run_queued_job(job_id, work, what="the forecast", steps=3)
