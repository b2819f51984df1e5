"""The regional report "In-demand occupations and occupations exposed to automation and AI": its seven sections
as data (product.md), read from the demand cells, declared needs, graduations, forecasts, exposure and the
qualification mapping. The web page, the PDF and the XLSX workbook render the same data.

The public version carries aggregates only (there is no personal data in any section) and shows a count under
:data:`SMALL_CELL` as "<5"."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from kasip.core.i18n import localized
from kasip.outcomes.models import Graduation
from kasip.registry.models import District, Programme, Student, StudentStatus

from .. import exposure as exposure_core
from .. import pathways as pathways_core
from ..models import DemandCell, QualificationOccupation
from .exposure import exposure_indices, exposure_rows
from .forecasts import latest_forecast_run, region_forecasts
from .gap import classify, gap, supply
from .pathways import pathway_candidates, profiles
from .vacancies import (
    atlas_marks,
    declared_needs,
    demand_overview,
    latest_month,
    ministry_forecasts,
    month_window,
    occupation_titles,
)

__all__ = ["SMALL_CELL", "default_year", "regional_report"]

SMALL_CELL = 5
TOP = 20
SUMMARY_TOP = 5


def _cell(n, public: bool):
    """A count as the report shows it: "<5" for 1-4 in the public version."""
    if public and isinstance(n, (int, float)) and 0 < n < SMALL_CELL:
        return f"<{SMALL_CELL}"
    return n


def _small(n, public: bool) -> bool:
    """A count the public version hides (1 to 4): and every figure it could be worked back from."""
    return public and isinstance(n, (int, float)) and 0 < n < SMALL_CELL


def _programmes_by_occupation() -> dict[str, list[dict]]:
    """Per unit group, the active programmes whose qualification leads to it (main occupation or any)."""
    by_qualification: dict[int, list[str]] = defaultdict(list)
    for qualification, code in QualificationOccupation.objects.values_list("qualification_id", "occupation__code"):
        by_qualification[qualification].append(code)
    out: dict[str, list[dict]] = defaultdict(list)
    seen: set[tuple] = set()
    for programme in Programme.objects.filter(is_active=True).select_related("qualification", "college").order_by(
            "qualification__code", "college__name_ru"):
        for code in by_qualification.get(programme.qualification_id, []):
            key = (code, programme.qualification_id, programme.college_id)  # one line per college, whatever the form
            if key in seen:
                continue
            seen.add(key)
            out[code].append({"qualification": programme.qualification.code,
                              "qualification_name": localized(programme.qualification, "name"),
                              "college": localized(programme.college, "name")})
    return out


def _dual_share() -> float | None:
    students = Student.objects.filter(status=StudentStatus.STUDYING)
    counts = students.aggregate(all=Count("pk"), dual=Count("pk", filter=Q(group__programme__is_dual=True)))
    return round(counts["dual"] / counts["all"], 4) if counts["all"] else None


def default_year() -> int:
    """The latest year with both job ads and graduates (graduations come once a year, ads every month); else
    the latest year with job ads; else this year."""
    ads_years = {m.year for m in DemandCell.objects.dates("month", "year")}
    graduation_years = {d.year for d in Graduation.objects.dates("date", "year")}
    both = ads_years & graduation_years
    if both:
        return max(both)
    return max(ads_years) if ads_years else timezone.localdate().year


def regional_report(*, year: int | None = None, public: bool = False, top: int = TOP) -> dict:
    """The report's data. ``year``: the year of declared needs, graduates and the gap (default: the year of the
    latest month with job ads); job ads are counted over the 12 months up to the latest month."""
    last = latest_month()
    window = month_window(last, 12) if last else None
    year = year or default_year()
    overview, _w = demand_overview(months=12, last=last) if last else ([], None)
    ads = {r.code: r for r in overview}
    gap_rows = {r.code: r for r in gap(year)}
    graduates = {k: v for k, v in supply(year).items() if k}
    declared = declared_needs(year)
    forecasts = region_forecasts()
    ministry = ministry_forecasts(year + 1)
    atlas = atlas_marks()
    exposure = {r.code: r for r in exposure_rows()}
    feeding = _programmes_by_occupation()
    total_ads = sum(r.postings for r in overview)
    total_graduates = sum(graduates.values())
    titles = occupation_titles(set(ads) | set(gap_rows) | set(exposure))

    def programmes_of(code: str) -> list[dict]:
        return feeding.get(code, [])

    def forecast_of(code: str) -> dict | None:
        f = forecasts.get(code)
        return None if f is None else {"total": round(f.next_year), "lower": round(f.next_year_lower),
                                       "upper": round(f.next_year_upper)}

    # 2. in demand: the largest unmet demand first
    in_demand = sorted((r for r in gap_rows.values() if r.status == "in_demand"), key=lambda r: (-r.gap, r.code))
    def growth_of(code: str) -> float | None:
        row = ads.get(code)
        if row is None or _small(row.postings, public) or _small(row.previous, public):
            return None  # a change between small counts gives them away
        return row.growth

    demand_rows = [{
        "code": r.code, "title": titles.get(r.code, r.title),
        "ads": _cell(ads[r.code].postings if r.code in ads else 0, public),
        "growth": growth_of(r.code),
        "declared": _cell(r.declared, public), "graduates": _cell(round(r.graduates), public),
        "gap": None if _small(r.declared, public) or _small(round(r.graduates), public) else round(r.gap),
        "forecast": forecast_of(r.code), "ministry": ministry.get(r.code),
        "atlas": atlas.get(r.code, ""), "programmes": programmes_of(r.code)}
        for r in in_demand[:top]]

    # 3. most exposed among the occupations present in the region (job ads or graduates)
    present = set(ads) | set(graduates)
    exposed = [e for e in exposure.values() if e.most_exposed and e.code in present]
    exposed.sort(key=lambda e: (-(e.composite or 0), e.code))
    candidates, _basis = pathway_candidates()
    all_profiles = profiles()
    exposed_rows = []
    for e in exposed[:top]:
        nearest = pathways_core.nearest(all_profiles.get(e.code, pathways_core.Profile(e.code)),
                                        [all_profiles[c] for c in candidates if c in all_profiles], k=2)
        exposed_rows.append({
            "code": e.code, "title": titles.get(e.code, e.title), "values": e.values,
            "value_list": [e.values.get(i) for i in exposure_core.INDICES], "gradient": e.gradient,
            "composite": e.composite,
            "ads_share": None if e.code in ads and _small(ads[e.code].postings, public) else (
                round(ads[e.code].postings / total_ads, 4) if e.code in ads and total_ads else 0.0),
            "graduates_share": None if _small(graduates.get(e.code, 0), public) else (
                round(graduates.get(e.code, 0) / total_graduates, 4) if total_graduates else 0.0),
            "programmes": programmes_of(e.code),
            "pathways": [{"code": p.code, "title": titles.get(p.code) or occupation_titles([p.code]).get(p.code, p.code)}
                         for p in nearest]})

    # 4. the quadrant: demand growth against exposure, one point per occupation weighted by its size
    quadrant = []
    for code in present:
        e = exposure.get(code)
        growth = growth_of(code)
        if e is None or e.composite is None or growth is None:
            continue
        weight = (ads[code].postings if code in ads else 0) + graduates.get(code, 0)
        if public:  # sizes in steps of five: no small count can be read off a circle
            weight = max(SMALL_CELL, round(weight / SMALL_CELL) * SMALL_CELL)
        quadrant.append({"code": code, "title": titles.get(code, code), "growth": round(growth * 100, 1),
                         "exposure": e.composite, "weight": round(weight, 1)})
    quadrant.sort(key=lambda q: -q["weight"])

    # 5. by district
    district_rows = []
    for district in District.objects.order_by("kato"):
        cells = DemandCell.objects.filter(district=district, month__gte=window[0], month__lte=window[1]) if window \
            else DemandCell.objects.none()
        district_ads = sum(cells.exclude(isco08="").values_list("postings", flat=True))
        district_gap = gap(year, district.pk)
        district_graduates = Graduation.objects.filter(date__year=year, programme__college__district=district).count()
        needs = sum(declared_needs(year, district.pk).values())
        if not (district_ads or district_graduates or needs):
            continue
        district_rows.append({
            "kato": district.kato, "name": localized(district, "name"), "ads": _cell(district_ads, public),
            "declared": _cell(needs, public), "graduates": _cell(district_graduates, public),
            "in_demand": [{"code": r.code, "title": titles.get(r.code) or r.title}
                          for r in district_gap if r.status == "in_demand"][:3]})

    # 6. programmes: expand, keep or reduce by their main occupation's gap
    programme_rows = []
    main_of: dict[int, str] = dict(QualificationOccupation.objects.filter(is_main=True).values_list(
        "qualification_id", "occupation__code"))
    listed: set[tuple[int, int]] = set()
    for programme in Programme.objects.filter(is_active=True).select_related("qualification", "college").order_by(
            "qualification__code", "college__name_ru"):
        if (programme.qualification_id, programme.college_id) in listed:  # one line per college, whatever the form
            continue
        listed.add((programme.qualification_id, programme.college_id))
        code = main_of.get(programme.qualification_id)
        row = gap_rows.get(code) if code else None
        status = row.status if row else (classify(0, graduates.get(code, 0)) if code else None)
        advice = {"in_demand": "expand", "surplus": "reduce", "balanced": "keep"}.get(status or "", "")
        programme_rows.append({
            "qualification": programme.qualification.code, "name": localized(programme.qualification, "name"),
            "college": localized(programme.college, "name"), "code": code or "",
            "demand": _cell(row.demand if row else 0, public),
            "graduates": _cell(round(row.graduates) if row else 0, public), "advice": advice})

    run = latest_forecast_run()
    summary = {
        "ads": _cell(total_ads, public), "declared": _cell(sum(declared.values()), public),
        "graduates": _cell(Graduation.objects.filter(date__year=year).count(), public),
        "dual_share": _dual_share(),
        "top_needed": demand_rows[:SUMMARY_TOP], "top_exposed": exposed_rows[:SUMMARY_TOP]}
    return {
        "year": year, "window": window, "public": public, "made_at": timezone.now(),
        "summary": summary, "in_demand": demand_rows, "exposed": exposed_rows, "quadrant": quadrant,
        "districts": district_rows, "programmes": programme_rows,
        "methodology": {
            "first_month": DemandCell.objects.order_by("month").values_list("month", flat=True).first(),
            "last_month": last, "forecast_made_at": run.made_at if run else None,
            "forecast_level": run.level if run else None, "indices": exposure_indices(),
            "all_indices": exposure_core.INDICES, "exposed_share": round(float(settings.KASIP_EXPOSED_SHARE) * 100),
            "gap_ratio": settings.KASIP_GAP_RATIO, "gap_min": settings.KASIP_GAP_MIN,
            "dedup_days": settings.KASIP_VACANCY_DEDUP_DAYS, "small_cell": SMALL_CELL,
            "coder": CODER_ACCURACY, "ministry_year": year + 1, "with_ministry": bool(ministry)},
    }


# The occupation coder's accuracy as measured by bench/coder.py (README, B1); updated with the benchmark.
CODER_ACCURACY = {"rukk_top1": 0.971, "rukk_top3": 0.995, "jobbert_top1": 0.373, "loo_top1": 0.446,
                  "measured_on": dt.date(2026, 11, 27)}
