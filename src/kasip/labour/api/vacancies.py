"""API of vacancies and demand: loading a file of job ads (a job on the worker), the loaded files and their ads
(the region admin and the analysts), and the demand figures per occupation, district and month (staff).

No `from __future__ import annotations`: ninja reads the schemas from the annotations.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from ninja import File, Form, P, PathEx, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate
from pydantic import Field

from kasip.api.pagination import Pagination
from kasip.api.schemas import ERRORS
from kasip.core.api import JobOut
from kasip.core.tabular import FileRejected

from .. import policy, selectors, services
from ..models import CodingMethod, IscoLevel, Occupation, VacancyBatch, VacancySource

router = Router(tags=["vacancies and demand"])
BatchId = PathEx[int, P(ge=1, le=2**63 - 1)]


def _ingest_allowed(request) -> None:
    if not policy.can_ingest_vacancies(request.auth):
        raise PermissionDenied(gettext("You may not see or load job ads."))


def _demand_allowed(request) -> None:
    if not policy.can_view_demand(request.auth):
        raise PermissionDenied(gettext("You may not see the demand figures."))


class BatchOut(Schema):
    id: int
    source: str
    original_name: str
    rows: int = Field(description="rows read")
    stored: int = Field(description="job ads stored")
    duplicates: int = Field(description="re-posts (and ads already stored) skipped")
    coding: dict = Field(description="ads per way of coding: given, analyst, coder, unsure, none")
    first_posted: dt.date | None
    last_posted: dt.date | None
    seconds: float
    job_id: int | None
    created_at: dt.datetime


class VacancyOut(Schema):
    id: int
    batch_id: int
    source: str
    external_id: str
    title: str
    employer: str
    employer_bin: str
    district: str = Field(description="the district's КАТО code")
    posted_on: dt.date
    positions: int
    salary_min: int | None
    salary_max: int | None
    given_code: str = Field(description="the occupation code the file gave (ISCO-08 or НК РК 01-2017)")
    isco08: str = Field(description="the ISCO-08 unit group (empty: not coded)")
    coding: str = Field(description="given, analyst, coder, unsure (waiting in the coding queue) or none")
    confidence: float | None = Field(description="the coder's confidence (0 to 1) when the coder coded it")

    @staticmethod
    def resolve_district(obj) -> str:
        return obj.district.kato


class VacancyQuery(Schema):
    q: str = Field("", max_length=100, description="in the title or the employer")
    isco08: str = Field("", pattern=r"^\d{0,4}$", description="an ISCO-08 code or its first digits")
    district: str = Field("", pattern=r"^(\d{9})?$", description="a district's КАТО code")
    since: dt.date | None = None
    until: dt.date | None = None
    coding: CodingMethod | None = None
    batch: int | None = Field(None, ge=1, le=2**63 - 1)


class DemandQuery(Schema):
    district: str = Field("", pattern=r"^(\d{9})?$", description="a district's КАТО code; empty: the whole region")
    months: int = Field(12, ge=1, le=120, description="the period: this many months up to the latest with ads")


class DemandRowOut(Schema):
    code: str
    title: str
    postings: int = Field(description="job ads in the period")
    positions: int = Field(description="positions those ads offer")
    previous: int = Field(description="job ads in the same number of months before")
    growth: float | None = Field(description="change against the period before (0.25 = +25 %)")
    declared: int = Field(description="needs enterprises declared for the period's last year")


class DemandOut(Schema):
    first_month: dt.date | None
    last_month: dt.date | None
    district: str
    rows: list[DemandRowOut]


class MonthOut(Schema):
    month: dt.date
    postings: int
    positions: int


class DistrictCountOut(Schema):
    district: str = Field(description="КАТО code")
    name: str
    postings: int


def _district_id(kato: str) -> int | None:
    if not kato:
        return None
    from kasip.registry.models import District

    district = District.objects.filter(kato=kato).first()
    if district is None:
        raise ValidationError({"district": gettext("There is no district with КАТО code %(code)s.") % {"code": kato}})
    return district.pk


@router.post("/vacancies/ingest", response={202: JobOut, **ERRORS},
             summary="Upload a file of job ads (CSV, XLSX, JSON Lines); the ingest runs as a background job")
def ingest(request, file: File[UploadedFile], source: Form[VacancySource] = VacancySource.OTHER,
           encoding: Form[str] = ""):
    _ingest_allowed(request)
    if encoding and encoding not in ("utf-8", "cp1251", "kz1048"):
        raise ValidationError({"encoding": gettext("Use utf-8, cp1251 or kz1048, or leave it empty to detect.")})
    try:
        job = services.start_ingest(request.auth, file.name or "upload.csv", file.read(), source=source,
                                    encoding=encoding or None)
    except FileRejected as exc:
        raise ValidationError({"file": str(exc)}) from exc
    job.refresh_from_db()
    return Status(202, job)


@router.get("/vacancies/files", response={200: list[BatchOut], **ERRORS}, summary="The files of job ads loaded")
@paginate(Pagination)
def list_batches(request):
    _ingest_allowed(request)
    return selectors.batches()


@router.delete("/vacancies/files/{batch_id}", response={204: None, **ERRORS},
               summary="Delete a loaded file's job ads (their months' demand is recounted)")
def delete_batch(request, batch_id: BatchId):
    _ingest_allowed(request)
    services.delete_batch(request.auth, get_object_or_404(VacancyBatch, pk=batch_id))
    return Status(204, None)


@router.get("/vacancies", response={200: list[VacancyOut], **ERRORS}, summary="Job ads, newest first")
@paginate(Pagination)
def list_vacancies(request, query: Query[VacancyQuery]):
    _ingest_allowed(request)
    if query.since and query.until and query.since > query.until:
        raise ValidationError({"until": gettext("The end is before the start.")})
    return selectors.vacancies(q=query.q, isco08=query.isco08, district=_district_id(query.district),
                               since=query.since, until=query.until, coding=query.coding or "", batch=query.batch)


@router.get("/demand", response={200: DemandOut, **ERRORS},
            summary="Job ads per occupation in a period against the period before, with declared needs")
def demand(request, query: Query[DemandQuery]):
    _demand_allowed(request)
    rows, window = selectors.demand_overview(district=_district_id(query.district), months=query.months)
    return {"first_month": window[0] if window else None, "last_month": window[1] if window else None,
            "district": query.district,
            "rows": [{**r.__dict__, "growth": None if r.growth is None else round(r.growth, 4)} for r in rows]}


class GapQuery(Schema):
    year: int | None = Field(None, ge=2000, le=2100, description="default: the latest year with ads or graduates")
    district: str = Field("", pattern=r"^(\d{9})?$", description="a district's КАТО code; empty: the whole region")


class GapRowOut(Schema):
    code: str
    title: str
    positions: int = Field(description="positions offered by the year's job ads")
    declared: int = Field(description="needs enterprises declared for the year")
    demand: int = Field(description="positions + declared")
    graduates: float = Field(description="the year's graduates counted for this occupation")
    gap: float = Field(description="demand - graduates")
    status: str = Field(description="in_demand, balanced or surplus")


class GapOut(Schema):
    year: int
    district: str
    ratio: float = Field(description="KASIP_GAP_RATIO")
    minimum: float = Field(description="KASIP_GAP_MIN")
    rows: list[GapRowOut]


class ProgrammeOccupationOut(Schema):
    code: str
    region: GapRowOut | None
    district: GapRowOut | None


class ProgrammePositionOut(Schema):
    programme_id: int
    qualification: str
    occupations: list[ProgrammeOccupationOut]


def _gap_year(year: int | None) -> int:
    if year:
        return year
    years = selectors.gap_years()
    return years[0] if years else dt.date.today().year


def _gap_row(row) -> dict | None:
    if row is None:
        return None
    return {"code": row.code, "title": row.title, "positions": row.positions, "declared": row.declared,
            "demand": row.demand, "graduates": row.graduates, "gap": round(row.gap, 1), "status": row.status}


@router.get("/demand/gap", response={200: GapOut, **ERRORS},
            summary="Demand (job-ad positions + declared needs) against graduates per occupation, classified")
def demand_gap(request, query: Query[GapQuery]):
    _demand_allowed(request)
    from django.conf import settings

    year = _gap_year(query.year)
    rows = selectors.gap(year, _district_id(query.district))
    return {"year": year, "district": query.district, "ratio": settings.KASIP_GAP_RATIO,
            "minimum": settings.KASIP_GAP_MIN, "rows": [_gap_row(r) for r in rows]}


@router.get("/demand/programmes", response={200: list[ProgrammePositionOut], **ERRORS},
            summary="Where a college's programmes stand: the gap of the occupations they lead to")
def programme_positions(request, year: int | None = Query(None, ge=2000, le=2100),
                        college: int | None = Query(None, ge=1, le=2**63 - 1)):
    _demand_allowed(request)
    own = policy.own_college(request.auth)
    if own is not None:
        if college and college != own.pk:
            raise PermissionDenied(gettext("You see your own college's programmes only."))
        college = own.pk
    elif not policy.can_view_all_programme_positions(request.auth):
        raise PermissionDenied(gettext("You see the gap, not programmes' positions."))
    if not college:
        raise ValidationError({"college": gettext("Give the college's id.")})
    return [{"programme_id": p["programme"].pk, "qualification": str(p["programme"].qualification),
             "occupations": [{"code": o["code"], "region": _gap_row(o["region"]), "district": _gap_row(o["district"])}
                             for o in p["occupations"]]}
            for p in selectors.programme_positions(college, _gap_year(year))]


class YearForecastOut(Schema):
    year: int = Field(description="1, 2 or 3 years ahead")
    first_period: str
    last_period: str
    total: float
    lower: float
    upper: float


class ForecastOut(Schema):
    code: str
    district: str = Field(description="КАТО code; empty: the whole region")
    method: str
    reason: str
    next_year: float = Field(description="job ads expected in the next 12 months")
    next_year_lower: float
    next_year_upper: float
    yearly: list[YearForecastOut]
    periods: list[str] = Field(description="the months forecast, YYYY-MM")
    point: list[float]
    lower: list[float]
    upper: list[float]
    backtest: dict | None = Field(description="mean MASE per method of the rolling-origin backtest")


class ForecastRunOut(Schema):
    id: int
    made_at: dt.datetime
    method: str
    horizon: int
    level: float
    first_month: dt.date | None
    last_month: dt.date | None
    series: int
    too_short: dict = Field(description="series not fitted, with the reason")
    methods: dict = Field(description="series per method chosen")
    seconds: float


class ForecastsOut(Schema):
    run: ForecastRunOut | None
    forecasts: list[ForecastOut]


def _forecast(f) -> dict:
    data = f.data
    return {"code": f.isco08, "district": f.district.kato if f.district_id else "", "method": f.method,
            "reason": data.get("reason", ""), "next_year": f.next_year, "next_year_lower": f.next_year_lower,
            "next_year_upper": f.next_year_upper, "yearly": data.get("yearly", []), "periods": data.get("periods", []),
            "point": data.get("point", []), "lower": data.get("lower", []), "upper": data.get("upper", []),
            "backtest": data.get("backtest")}


class IndustryOut(Schema):
    industry: str = Field(description="ОКЭД section letter (empty: not known)")
    name: str
    postings: int = Field(description="job ads in the period")
    previous: int = Field(description="job ads in the same number of months before")
    growth: float | None


@router.get("/demand/industries", response={200: list[IndustryOut], **ERRORS},
            summary="Job ads per industry (ОКЭД section) in a period against the period before")
def demand_industries(request, query: Query[DemandQuery]):
    _demand_allowed(request)
    return selectors.demand_by_industry(months=query.months, district=_district_id(query.district))


@router.get("/demand/forecasts", response={200: ForecastsOut, **ERRORS},
            summary="The latest forecast run and its forecasts (the region's, or a district's)")
def demand_forecasts(request, district: str = Query("", pattern=r"^(\d{9})?$")):
    _demand_allowed(request)
    from ..models import DemandForecast

    run = selectors.latest_forecast_run()
    if run is None:
        return {"run": None, "forecasts": []}
    rows = DemandForecast.objects.filter(run=run, district_id=_district_id(district)).select_related("district")
    return {"run": run, "forecasts": [_forecast(f) for f in rows.order_by("-next_year", "isco08")]}


@router.post("/demand/forecasts", response={202: JobOut, **ERRORS},
             summary="Run the forecasts of every occupation's job ads (a background job)")
def run_demand_forecasts(request, districts: bool = False):
    if not policy.can_run_forecasts(request.auth):
        raise PermissionDenied(gettext("You may not run demand forecasts."))
    job = services.start_forecast(request.auth, by_district=districts)
    job.refresh_from_db()
    return Status(202, job)


class OccupationDemandOut(Schema):
    code: str
    title: str
    months: list[MonthOut]
    by_district: list[DistrictCountOut] = Field(description="job ads per district in the period")
    forecast: ForecastOut | None = Field(description="the latest run's forecast (None: no run, or not fitted)")
    not_forecast: str | None = Field(description="why the latest run did not forecast this series")


@router.get("/demand/{code}", response={200: OccupationDemandOut, **ERRORS},
            summary="One unit group's job ads per month and per district")
def occupation_demand(request, code: PathEx[str, P(pattern=r"^\d{4}$")], query: Query[DemandQuery]):
    _demand_allowed(request)
    occupation = Occupation.objects.filter(code=code, level=IscoLevel.UNIT).first()
    if occupation is None:
        raise Http404
    from kasip.core.i18n import localized

    district = _district_id(query.district)
    forecast, run = selectors.occupation_forecast(code, district)
    return {"code": code, "title": localized(occupation, "title"),
            "months": selectors.demand_series(isco08=code, district=district),
            "by_district": [{"district": r["district"].kato, "name": r["name"], "postings": r["postings"]}
                            for r in selectors.demand_by_district(isco08=code, months=query.months)],
            "forecast": _forecast(forecast) if forecast else None,
            "not_forecast": run.too_short.get(f"{code}/{district or 'region'}") if run and not forecast else None}
