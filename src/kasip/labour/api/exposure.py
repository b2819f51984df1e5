"""API of exposure to automation and AI: every unit group's figures per index, the composite rank and the
"most exposed" flag, and one group's figures with their basis. Public: these are published aggregates.

No `from __future__ import annotations`: ninja reads the schemas from the annotations.
"""

import datetime as dt
from typing import Any

from django.http import Http404
from ninja import P, PathEx, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from kasip.api.auth import PUBLIC
from kasip.api.pagination import Pagination
from kasip.api.schemas import ERRORS

from .. import policy, selectors
from ..models import IscoLevel, Occupation

router = Router(tags=["exposure to automation and AI"])
OPTIONAL_AUTH = {"security": [{}]}
Code = PathEx[str, P(pattern=r"^\d{4}$")]


class ExposureRowOut(Schema):
    code: str
    title: str
    values: dict[str, float] = Field(description="index -> value: ilo_genai_2025, nesta_risk, frey_osborne, aioe")
    gradient: str = Field(description="the ILO's 2025 gradient")
    composite: float | None = Field(description="mean percentile rank over the rule's indices (0-1, 1 most exposed)")
    most_exposed: bool = Field(description="among the KASIP_EXPOSED_SHARE of unit groups with the highest composite")


class BasisOut(Schema):
    soc2010: str
    weight: float


class ExposureScoreOut(Schema):
    index: str
    value: float
    gradient: str
    n: int = Field(description="tasks (ILO) or SOC occupations behind the value; 0: as published")
    basis: list[BasisOut] = Field(description="SOC-based indices: the SOC 2010 codes and their weights")


class OccupationExposureOut(ExposureRowOut):
    place: int = Field(description="1 = the most exposed by the composite")
    scores: list[ExposureScoreOut]


class ExposureQuery(Schema):
    q: str = Field("", max_length=100, description="code prefix or words of the title")
    most_exposed: bool = False


@router.get("/exposure", response={200: list[ExposureRowOut], **ERRORS}, auth=PUBLIC, openapi_extra=OPTIONAL_AUTH,
            summary="Unit groups' exposure to automation and AI, most exposed first")
@paginate(Pagination)
def list_exposure(request, query: Query[ExposureQuery]):
    rows = selectors.exposure_rows()
    if query.q:
        low = query.q.lower()
        rows = [r for r in rows if r.code.startswith(query.q) or low in r.title.lower()]
    if query.most_exposed:
        rows = [r for r in rows if r.most_exposed]
    return rows


@router.get("/exposure/{code}", response={200: OccupationExposureOut, **ERRORS}, auth=PUBLIC,
            openapi_extra=OPTIONAL_AUTH, summary="One unit group's exposure, each index with its basis")
def get_exposure(request, code: Code):
    row, scores, place = selectors.occupation_exposure(code)
    if row is None:
        raise Http404
    return {**row.__dict__, "place": place, "scores": [
        {"index": s.index, "value": s.value, "gradient": s.gradient, "n": s.n,
         "basis": [{"soc2010": soc, "weight": float(w)} for soc, w in (p.split(":") for p in s.basis.split(";") if p)]}
        for s in scores]}


class PathwayOut(Schema):
    code: str
    title: str
    score: float = Field(description="nearness, 0 to 1")
    common_group: str = Field(description="the ISCO-08 group both are in (longest code in common)")
    common_group_title: str
    shared_words: list[str] = Field(description="words of the job titles in common")
    shared_tasks: int = Field(description="words of the task descriptions in common")
    skill_step: int = Field(description="ISCO skill levels up (positive) or down")
    parts: dict[str, float] = Field(description="similarity by hierarchy, words and tasks")


class PathwaysOut(Schema):
    code: str
    basis: str = Field(description="how the targets were chosen: in_demand (the gap), growing (job ads), none")
    pathways: list[PathwayOut]


@router.get("/pathways/{code}", response={200: PathwaysOut, **ERRORS}, auth=PUBLIC, openapi_extra=OPTIONAL_AUTH,
            summary="Reskilling pathways: the nearest occupations in demand, with the reasons")
def get_pathways(request, code: Code, k: int = Query(5, ge=1, le=20)):
    if not Occupation.objects.filter(code=code, level=IscoLevel.UNIT).exists():
        raise Http404
    found, basis = selectors.pathways_for(code, k=k)
    return {"code": code, "basis": basis, "pathways": [
        {"code": f["pathway"].code, "title": f["title"], "score": f["pathway"].score,
         "common_group": f["pathway"].common_group, "common_group_title": f["group_title"],
         "shared_words": list(f["pathway"].shared_words), "shared_tasks": f["pathway"].shared_tasks,
         "skill_step": f["pathway"].skill_step, "parts": f["pathway"].parts} for f in found]}


class RegionalReportOut(Schema):
    year: int
    window: list[dt.date] | None = Field(description="the first and last month of the job ads counted")
    public: bool = Field(description="counts under 5 shown as \"<5\"")
    made_at: dt.datetime
    summary: dict[str, Any]
    in_demand: list[dict[str, Any]]
    exposed: list[dict[str, Any]]
    quadrant: list[dict[str, Any]]
    districts: list[dict[str, Any]]
    programmes: list[dict[str, Any]]
    methodology: dict[str, Any]


@router.get("/reports/regional", response={200: RegionalReportOut, **ERRORS}, auth=PUBLIC,
            openapi_extra=OPTIONAL_AUTH,
            summary="The regional report's data (its PDF and XLSX: the page /reports/regional/ and `kasip report`)")
def regional_report(request, year: int | None = Query(None, ge=2000, le=2100), public: bool = False):
    user = request.auth if getattr(request.auth, "is_authenticated", False) else None
    public = public or not policy.can_view_demand(user)
    return selectors.regional_report(year=year, public=public)
