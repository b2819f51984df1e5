"""Reads of supply and the gap: graduates mapped to occupations through the qualification mapping, and demand
(positions in job ads plus enterprises' declared needs) against them, classified in-demand, balanced or surplus.

Supply: a graduate counts for the main occupation of the qualification awarded; a qualification without a
main occupation splits its graduates equally among its occupations (fractions kept); one with no occupation
is counted apart as "not mapped". A graduate's district is the college's.

Gap of a year: demand = positions offered by the job ads posted that year + needs declared for that year;
supply = graduates of that year. An occupation is *in demand* when demand >= KASIP_GAP_RATIO x supply and
demand - supply >= KASIP_GAP_MIN; in *surplus* when supply >= KASIP_GAP_RATIO x demand and supply - demand >=
KASIP_GAP_MIN; *balanced* otherwise."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Sum
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy

from kasip.outcomes.models import Graduation
from kasip.registry.models import Programme

from ..models import DemandCell, QualificationOccupation
from .vacancies import declared_needs, occupation_titles

__all__ = ["GAP_CLASSES", "GapRow", "classify", "gap", "gap_years", "programme_positions", "supply"]

GAP_CLASSES = {"in_demand": gettext_lazy("in demand"), "balanced": gettext_lazy("balanced"),
               "surplus": gettext_lazy("surplus")}
NOT_MAPPED = ""


def _shares() -> dict[int, list[tuple[str, float]]]:
    """Per qualification id, the occupations its graduates count for, with their share."""
    links: dict[int, list[tuple[str, bool]]] = defaultdict(list)
    for qualification, code, main in QualificationOccupation.objects.values_list("qualification_id",
                                                                                 "occupation__code", "is_main"):
        links[qualification].append((code, main))
    shares = {}
    for qualification, occupations in links.items():
        mains = [code for code, main in occupations if main]
        codes = mains or [code for code, _main in occupations]
        shares[qualification] = [(code, 1 / len(codes)) for code in codes]
    return shares


def supply(year: int, district: int | None = None) -> dict[str, float]:
    """Graduates of ``year`` per unit group ("" for qualifications mapped to no occupation)."""
    graduations = Graduation.objects.filter(date__year=year)
    if district:
        graduations = graduations.filter(programme__college__district_id=district)
    shares = _shares()
    out: dict[str, float] = defaultdict(float)
    for qualification, n in graduations.values_list("qualification_id").annotate(n=Count("pk")).values_list(
            "qualification_id", "n"):
        for code, share in shares.get(qualification, [(NOT_MAPPED, 1.0)]):
            out[code] += n * share
    return dict(out)


def _postings_positions(year: int, district: int | None) -> dict[str, int]:
    cells = DemandCell.objects.filter(month__gte=dt.date(year, 1, 1), month__lte=dt.date(year, 12, 1)).exclude(
        isco08="")
    if district:
        cells = cells.filter(district_id=district)
    return dict(cells.values_list("isco08").annotate(n=Sum("positions")).values_list("isco08", "n"))


def classify(demand: float, supply_: float) -> str:
    ratio, minimum = float(settings.KASIP_GAP_RATIO), float(settings.KASIP_GAP_MIN)
    if demand - supply_ >= minimum and demand >= ratio * supply_:
        return "in_demand"
    if supply_ - demand >= minimum and supply_ >= ratio * demand:
        return "surplus"
    return "balanced"


@dataclass
class GapRow:
    code: str
    title: str
    positions: int  # offered by the year's job ads
    declared: int  # declared by enterprises for the year
    graduates: float
    status: str

    @property
    def demand(self) -> int:
        return self.positions + self.declared

    @property
    def gap(self) -> float:
        """Demand minus supply: positive when more are asked for than graduate."""
        return self.demand - self.graduates

    @property
    def status_label(self) -> str:
        return str(GAP_CLASSES[self.status])


def gap(year: int, district: int | None = None) -> list[GapRow]:
    """Every unit group with demand or supply in ``year``, the largest gap first."""
    positions = _postings_positions(year, district)
    declared = declared_needs(year, district)
    graduates = {k: v for k, v in supply(year, district).items() if k != NOT_MAPPED}
    codes = set(positions) | set(declared) | set(graduates)
    titles = occupation_titles(codes)
    rows = []
    for code in codes:
        p, d, g = positions.get(code, 0), declared.get(code, 0), round(graduates.get(code, 0.0), 1)
        rows.append(GapRow(code=code, title=titles.get(code, code), positions=p, declared=d, graduates=g,
                           status=classify(p + d, g)))
    rows.sort(key=lambda r: (-r.gap, r.code))
    return rows


def gap_years() -> list[int]:
    """Years with job ads or graduates, newest first."""
    years = {m.year for m in DemandCell.objects.dates("month", "year")}
    years |= set(Graduation.objects.annotate(y=ExtractYear("date")).values_list("y", flat=True).distinct())
    return sorted(years, reverse=True)


def programme_positions(college_id: int, year: int) -> list[dict]:
    """A college's active programmes with the gap of the occupations their qualification leads to, in the
    region and in the college's district."""
    programmes = list(Programme.objects.filter(college_id=college_id, is_active=True)
                      .select_related("qualification", "college").order_by("qualification__code", "pk"))
    if not programmes:
        return []
    region = {r.code: r for r in gap(year)}
    district = {r.code: r for r in gap(year, programmes[0].college.district_id)}
    shares = _shares()
    out = []
    for programme in programmes:
        codes = [code for code, _share in shares.get(programme.qualification_id, [])]
        out.append({"programme": programme, "occupations": [
            {"code": code, "region": region.get(code), "district": district.get(code)} for code in codes]})
    return out
