"""Reads of demand forecasts: the latest run and the forecasts it stored."""

from __future__ import annotations

from ..models import DemandForecast, ForecastRun

__all__ = ["latest_forecast_run", "occupation_forecast", "region_forecasts"]


def latest_forecast_run() -> ForecastRun | None:
    return ForecastRun.objects.select_related("made_by").first()


def region_forecasts(run: ForecastRun | None = None) -> dict[str, DemandForecast]:
    """The latest run's region-wide forecast per unit group."""
    run = run or latest_forecast_run()
    if run is None:
        return {}
    return {f.isco08: f for f in DemandForecast.objects.filter(run=run, district__isnull=True).defer("data")}


def occupation_forecast(code: str, district: int | None = None) -> tuple[DemandForecast | None, ForecastRun | None]:
    """The latest run's forecast of one unit group (the region's, or a district's when that run made them),
    with the run; (None, run) when the run could not fit that series."""
    run = latest_forecast_run()
    if run is None:
        return None, None
    return DemandForecast.objects.filter(run=run, isco08=code, district_id=district).first(), run
