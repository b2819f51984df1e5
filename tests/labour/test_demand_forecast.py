"""Forecasts of demand: every occupation's monthly job ads forecast from the demand figures and stored with the
model and the date; shown on the demand pages and the API; a series too short says so instead of fitting."""

from __future__ import annotations

import datetime as dt
import io
import math

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from kasip.labour import services
from kasip.labour.models import DemandCell, DemandForecast, ForecastRun
from kasip.registry.models import District
from tests.labour.coding_fixtures import unit_groups  # noqa: F401

pytestmark = pytest.mark.django_db


def _months(first: dt.date, n: int):
    for i in range(n):
        index = first.year * 12 + first.month - 1 + i
        yield dt.date(index // 12, index % 12 + 1, 1)


@pytest.fixture
def history(region, unit_groups):  # noqa: F811
    """36 months: welders (7212) in Karaganda with a summer peak, about 40 a month; cooks (5120) in Temirtau,
    a steady 10 a month."""
    karaganda, temirtau = District.objects.get(kato="351010000"), District.objects.get(kato="352410000")
    for month in _months(dt.date(2023, 1, 1), 36):
        welders = round(40 + 15 * math.sin(2 * math.pi * (month.month - 3) / 12))
        DemandCell.objects.create(isco08="7212", district=karaganda, month=month, postings=welders, positions=welders)
        DemandCell.objects.create(isco08="5120", district=temirtau, month=month, postings=10, positions=10)
    return {"karaganda": karaganda, "temirtau": temirtau}


def test_a_run_forecasts_every_occupation_and_stores_the_model_and_intervals(history):
    run = services.run_forecasts(None, horizon=24)
    assert (run.series, run.first_month, run.last_month, run.too_short) == (2, dt.date(2023, 1, 1),
                                                                             dt.date(2025, 12, 1), {})
    welders = DemandForecast.objects.get(run=run, isco08="7212", district=None)
    assert welders.data["periods"][0] == "2026-01" and len(welders.data["periods"]) == 24
    assert welders.next_year_lower <= welders.next_year <= welders.next_year_upper
    assert 400 < welders.next_year < 560  # about 40 a month
    summer, winter = welders.data["point"][6], welders.data["point"][0]  # July against January
    assert summer > winter  # the season is kept
    cooks = DemandForecast.objects.get(run=run, isco08="5120", district=None)
    assert cooks.next_year == pytest.approx(120, abs=5)
    assert sum(run.methods.values()) == 2


def test_per_district_forecasts_on_request(history):
    run = services.run_forecasts(None, by_district=True)
    assert set(DemandForecast.objects.filter(run=run).values_list("isco08", "district__kato")) == {
        ("7212", None), ("5120", None), ("7212", "351010000"), ("5120", "352410000")}


def test_a_series_too_short_is_listed_not_fitted(region, unit_groups):  # noqa: F811
    district = District.objects.get(kato="351010000")
    for month in _months(dt.date(2025, 6, 1), 6):
        DemandCell.objects.create(isco08="7212", district=district, month=month, postings=5, positions=5)
    run = services.run_forecasts(None)
    assert run.series == 0 and "7212/region" in run.too_short
    assert "6" in run.too_short["7212/region"] and "12" in run.too_short["7212/region"]


def test_bad_parameters_and_no_data_are_refused(region, users):
    with pytest.raises(ValidationError, match="no job ads"):
        services.run_forecasts(None)
    with pytest.raises(ValidationError, match="1 to 36"):
        services.run_forecasts(None, horizon=48)
    with pytest.raises(ValidationError, match="Unknown method"):
        services.run_forecasts(None, method="magic")
    with pytest.raises(PermissionDenied):
        services.run_forecasts(users["college_admin"])


def test_the_command_runs_and_summarises(history):
    out = io.StringIO()
    call_command("forecast", "--horizon", "12", stdout=out, stderr=io.StringIO())
    text = out.getvalue()
    assert "series forecast: 2" in text and "data 2023-01 to 2025-12" in text and "too short to fit: 0" in text
    with pytest.raises(CommandError):
        call_command("forecast", "--method", "magic", stdout=io.StringIO(), stderr=io.StringIO())
    with pytest.raises(CommandError, match="1 to 36"):
        call_command("forecast", "--horizon", "0", stdout=io.StringIO(), stderr=io.StringIO())


def test_the_pages_show_the_forecast_and_the_button_runs_one(history, client_for, django_capture_on_commit_callbacks):
    client = client_for("analyst")
    assert "No forecast has been run yet." in client.get("/demand/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/demand/forecast/")
    job_page = client.get(response["Location"]).content.decode()
    assert "2 series forecast (0 too short to fit)" in job_page
    demand = client.get("/demand/").content.decode()
    assert "Forecast, next 12 months" in demand and "Latest forecast:" in demand
    detail = client_for("college_admin").get("/demand/7212/").content.decode()
    assert "Job ads expected" in detail and "2026-01 – 2026-12" in detail
    assert "Run the forecasts" not in client_for("college_admin").get("/demand/").content.decode()
    assert client_for("college_admin").post("/demand/forecast/").status_code == 403


def test_the_api_runs_and_answers_forecasts(history, users, django_capture_on_commit_callbacks):
    from django.test import Client

    from kasip.core.services import create_api_token

    auth = {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(users['analyst'], 't')[1]}"}
    client = Client()
    assert client.get("/api/v1/demand/forecasts", **auth).json() == {"run": None, "forecasts": []}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/api/v1/demand/forecasts", **auth).status_code == 202
    body = client.get("/api/v1/demand/forecasts", **auth).json()
    assert body["run"]["series"] == 2 and [f["code"] for f in body["forecasts"]] == ["7212", "5120"]
    one = client.get("/api/v1/demand/7212", **auth).json()
    assert one["forecast"]["periods"][0] == "2026-01" and one["not_forecast"] is None
    assert ForecastRun.objects.count() == 1
