"""Reads of exposure to automation and AI: every index per unit group, the composite rank and the configurable
rule of "most exposed" (KASIP_EXPOSURE_INDICES, KASIP_EXPOSED_SHARE)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings

from .. import exposure as core
from ..models import ExposureScore
from .vacancies import occupation_titles

__all__ = ["ExposureRow", "exposure_indices", "exposure_rows", "occupation_exposure"]


def exposure_indices() -> list[str]:
    """The indices the composite and the rule use, in the order of kasip.labour.exposure.INDICES."""
    wanted = [i.strip() for i in str(settings.KASIP_EXPOSURE_INDICES).split(",") if i.strip()]
    return [i for i in core.INDICES if i in wanted] or list(core.INDICES)


@dataclass
class ExposureRow:
    code: str
    title: str
    values: dict = field(default_factory=dict)  # index -> value
    gradient: str = ""
    composite: float | None = None  # mean percentile rank over the rule's indices, 0-1
    most_exposed: bool = False

    def value_list(self) -> list:
        return [self.values.get(i) for i in core.INDICES]


def exposure_rows() -> list[ExposureRow]:
    """Every unit group with a figure, most exposed first (by the composite rank)."""
    scores = [core.Score(s.index, s.isco08, s.value, s.gradient, s.n, s.basis)
              for s in ExposureScore.objects.all()]
    if not scores:
        return []
    composite = core.composite(scores, exposure_indices())
    rows: dict[str, ExposureRow] = {}
    for s in scores:
        row = rows.setdefault(s.isco08, ExposureRow(code=s.isco08, title=""))
        row.values[s.index] = s.value
        if s.gradient:
            row.gradient = s.gradient
    titles = occupation_titles(rows)
    for code, row in rows.items():
        row.title = titles.get(code, code)
        row.composite = composite.get(code)
    ranked = sorted(rows.values(), key=lambda r: (-(r.composite if r.composite is not None else -1), r.code))
    cut = int(round(len([r for r in ranked if r.composite is not None]) * float(settings.KASIP_EXPOSED_SHARE)))
    for row in ranked[:cut]:
        row.most_exposed = True
    return ranked


def occupation_exposure(code: str) -> tuple[ExposureRow | None, list[ExposureScore], int]:
    """One unit group's row, its scores (with their basis) and its place among all (1 = most exposed)."""
    rows = exposure_rows()
    for place, row in enumerate(rows, start=1):
        if row.code == code:
            return row, list(ExposureScore.objects.filter(isco08=code).order_by("index")), place
    return None, [], 0
