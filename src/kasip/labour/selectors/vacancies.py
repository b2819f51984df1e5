"""Reads of vacancies and demand: the ingested files, the ads, and the demand figures (job ads and positions
per occupation, district and month from the demand cells; enterprises' declared needs per year)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max, Q, QuerySet, Sum

from kasip.core.i18n import localized
from kasip.partners.models import WorkforceNeed
from kasip.registry.models import District

from ..models import DemandCell, NationalOccupation, Occupation, Vacancy, VacancyBatch

__all__ = ["DemandRow", "atlas_marks", "batches", "declared_needs", "demand_by_district", "demand_by_industry", "demand_overview", "demand_series",
           "batch_summary", "latest_month", "ministry_forecasts", "month_window", "occupation_titles", "outlooks", "vacancies"]


def batches() -> QuerySet[VacancyBatch]:
    return VacancyBatch.objects.select_related("created_by")


def vacancies(*, q: str = "", isco08: str = "", district: int | None = None, since: dt.date | None = None,
              until: dt.date | None = None, coding: str = "", batch: int | None = None) -> QuerySet[Vacancy]:
    ads = Vacancy.objects.select_related("district")
    if q:
        ads = ads.filter(Q(title__icontains=q) | Q(employer__icontains=q))
    if isco08:
        ads = ads.filter(isco08__startswith=isco08)
    if district:
        ads = ads.filter(district_id=district)
    if since:
        ads = ads.filter(posted_on__gte=since)
    if until:
        ads = ads.filter(posted_on__lte=until)
    if coding:
        ads = ads.filter(coding=coding)
    if batch:
        ads = ads.filter(batch_id=batch)
    return ads


def occupation_titles(codes) -> dict[str, str]:
    """Unit groups' titles in the interface language."""
    return {o.code: localized(o, "title") for o in Occupation.objects.filter(code__in=set(codes))}


def latest_month() -> dt.date | None:
    return DemandCell.objects.aggregate(last=Max("month"))["last"]


def _add_months(month: dt.date, n: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)


def month_window(last: dt.date, months: int) -> tuple[dt.date, dt.date]:
    """The first and last month of the ``months`` months ending with ``last``."""
    return _add_months(last, -(months - 1)), last


@dataclass
class DemandRow:
    code: str
    title: str
    postings: int  # job ads in the window
    positions: int
    previous: int  # job ads in the window before
    declared: int  # enterprises' declared needs for the window's last year

    @property
    def growth(self) -> float | None:
        """Change against the window before, as a share (0.25 = +25 %); None without ads before."""
        return (self.postings - self.previous) / self.previous if self.previous else None


def _cells(district: int | None) -> QuerySet[DemandCell]:
    cells = DemandCell.objects.all()
    return cells.filter(district_id=district) if district else cells


def declared_needs(year: int, district: int | None = None) -> dict[str, int]:
    """Enterprises' active declared needs for ``year`` per unit group (НК РК codes through their crosswalk)."""
    needs = WorkforceNeed.objects.filter(year=year, is_active=True).exclude(occupation_code="")
    if district:
        needs = needs.filter(district_id=district)
    by_code: dict[str, int] = {}
    national = dict(NationalOccupation.objects.filter(isco__isnull=False).values_list("code", "isco__code"))
    for code, count in needs.values_list("occupation_code").annotate(n=Sum("count")).values_list("occupation_code", "n"):
        unit = code if len(code) == 4 else national.get(code)
        if unit:
            by_code[unit] = by_code.get(unit, 0) + (count or 0)
    return by_code


def demand_overview(*, district: int | None = None, months: int = 12, last: dt.date | None = None,
                    limit: int | None = None) -> tuple[list[DemandRow], tuple[dt.date, dt.date] | None]:
    """Job ads per unit group in the ``months`` months up to ``last`` (the latest month with ads by default),
    against the months before, with positions and declared needs; most ads first. Ads not coded are left out."""
    last = last or latest_month()
    if last is None:
        return [], None
    first, last = month_window(last, months)
    before = _add_months(first, -months)
    cells = _cells(district).exclude(isco08="")
    now = {code: (n, p) for code, n, p in cells.filter(month__gte=first, month__lte=last).values_list("isco08")
           .annotate(n=Sum("postings"), p=Sum("positions")).values_list("isco08", "n", "p")}
    prev = dict(cells.filter(month__gte=before, month__lt=first).values_list("isco08").annotate(n=Sum("postings"))
                .values_list("isco08", "n"))
    needs = declared_needs(last.year, district)
    codes = set(now) | set(needs)
    titles = occupation_titles(codes)
    rows = [DemandRow(code=c, title=titles.get(c, c), postings=now.get(c, (0, 0))[0], positions=now.get(c, (0, 0))[1],
                      previous=prev.get(c, 0), declared=needs.get(c, 0)) for c in codes]
    rows.sort(key=lambda r: (-r.postings, -r.declared, r.code))
    return (rows[:limit] if limit else rows), (first, last)


def demand_series(*, isco08: str = "", district: int | None = None) -> list[dict]:
    """Job ads and positions per month (every month from the first to the last with ads, zeros included)."""
    cells = _cells(district)
    cells = cells.filter(isco08__startswith=isco08) if isco08 else cells.exclude(isco08="")
    found = {m: (n, p) for m, n, p in cells.values_list("month").annotate(n=Sum("postings"), p=Sum("positions"))
             .values_list("month", "n", "p")}
    if not found:
        return []
    month, last = min(found), latest_month()
    series = []
    while month <= last:
        n, p = found.get(month, (0, 0))
        series.append({"month": month, "postings": n, "positions": p})
        month = _add_months(month, 1)
    return series


def demand_by_district(*, isco08: str = "", months: int = 12, last: dt.date | None = None) -> list[dict]:
    """Job ads per district in the window, most first, with the district's name."""
    last = last or latest_month()
    if last is None:
        return []
    first, last = month_window(last, months)
    cells = DemandCell.objects.filter(month__gte=first, month__lte=last)
    cells = cells.filter(isco08__startswith=isco08) if isco08 else cells.exclude(isco08="")
    counts = dict(cells.values_list("district").annotate(n=Sum("postings")).values_list("district", "n"))
    districts = {d.pk: d for d in District.objects.filter(pk__in=counts)}
    rows = [{"district": districts[pk], "name": localized(districts[pk], "name"), "postings": n}
            for pk, n in counts.items()]
    rows.sort(key=lambda r: -r["postings"])
    return rows


def batch_summary() -> dict:
    return VacancyBatch.objects.aggregate(files=Count("pk"), ads=Sum("stored"), reposts=Sum("duplicates"))


def outlooks(code: str) -> list:
    """The other outlooks of one unit group: the Ministry's forecasts by year (the region's first), the Atlas's
    marks."""
    from ..models import ExternalOutlook

    return list(ExternalOutlook.objects.filter(isco08=code).select_related("district")
                .order_by("source", "district__kato", "year"))


def ministry_forecasts(year: int) -> dict[str, int]:
    """The Ministry's region-wide forecast per unit group for ``year``."""
    from django.db.models import Sum as _Sum

    from ..models import ExternalOutlook, OutlookSource

    return dict(ExternalOutlook.objects.filter(source=OutlookSource.MINISTRY, year=year, district__isnull=True)
                .values_list("isco08").annotate(n=_Sum("value")).values_list("isco08", "n"))


def atlas_marks() -> dict[str, str]:
    from ..models import ExternalOutlook, OutlookSource

    return dict(ExternalOutlook.objects.filter(source=OutlookSource.ATLAS).values_list("isco08", "status"))


def demand_by_industry(*, months: int = 12, district: int | None = None, last: dt.date | None = None) -> list[dict]:
    """Job ads per ОКЭД section in the ``months`` up to the latest, against the months before ("" when neither
    the file nor the registry gave the employer's industry), most first."""
    from kasip.registry.models import OKED_SECTIONS

    last = last or latest_month()
    if last is None:
        return []
    first, last = month_window(last, months)
    before = _add_months(first, -months)
    ads = Vacancy.objects.filter(month__gte=before, month__lte=last)
    if district:
        ads = ads.filter(district_id=district)
    now: dict[str, int] = {}
    prev: dict[str, int] = {}
    for industry, month, n in ads.values_list("industry", "month").annotate(n=Count("pk")).values_list(
            "industry", "month", "n"):
        target = now if month >= first else prev
        target[industry] = target.get(industry, 0) + n
    rows = []
    for industry in set(now) | set(prev):
        n, p = now.get(industry, 0), prev.get(industry, 0)
        name = str(OKED_SECTIONS[industry][1]) if industry in OKED_SECTIONS else ""
        rows.append({"industry": industry, "name": name, "postings": n, "previous": p,
                     "growth": round((n - p) / p, 4) if p else None})
    rows.sort(key=lambda r: (-r["postings"], r["industry"] or "~"))
    return rows
