"""Writes of exposure to automation and AI: the indices' figures per unit group, from the project's table
(a fresh clone has them without the reference files) or recomputed from the publishers' files."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from django.db import transaction

from .. import exposure as core
from ..models import ExposureScore, IscoLevel, Occupation, OccupationTask

__all__ = ["TABLE", "compute_exposure", "load_exposure", "store_exposure", "store_task_texts"]

TABLE = "data/exposure.csv"


def store_exposure(scores: list[core.Score], indices: list[str] | None = None) -> dict[str, int]:
    """Replace the figures of the given indices (those in ``scores`` by default) in one transaction; scores of
    codes that are not unit groups in the taxonomy are left out. Returns the figures stored per index."""
    units = set(Occupation.objects.filter(level=IscoLevel.UNIT).values_list("code", flat=True))
    kept = [s for s in scores if s.isco08 in units]
    indices = sorted(indices or {s.index for s in scores})
    with transaction.atomic():
        ExposureScore.objects.filter(index__in=indices).delete()
        ExposureScore.objects.bulk_create([ExposureScore(index=s.index, isco08=s.isco08, value=s.value,
                                                         gradient=s.gradient, n=s.n, basis=s.basis) for s in kept],
                                          batch_size=1000)
    return {index: sum(1 for s in kept if s.index == index) for index in indices}


def load_exposure() -> dict[str, int]:
    """The project's table (src/kasip/labour/data/exposure.csv)."""
    text = resources.files("kasip.labour").joinpath(TABLE).read_text(encoding="utf-8")
    return store_exposure(core.read_table(text), list(core.INDICES))


def compute_exposure(root: Path) -> tuple[list[core.Score], list[str]]:
    """The indices recomputed from the publishers' files under ``root``; raises core.ExposureFileError."""
    return core.compute(Path(root))


def store_task_texts(texts: dict[str, list[str]]) -> int:
    """Replace the ILO's task descriptions (for the reskilling pathways); unit groups not in the taxonomy are
    left out. Returns the tasks stored."""
    units = set(Occupation.objects.filter(level=IscoLevel.UNIT).values_list("code", flat=True))
    rows = [OccupationTask(isco08=code, text=text[:2000]) for code, items in texts.items() if code in units
            for text in items]
    with transaction.atomic():
        OccupationTask.objects.all().delete()
        OccupationTask.objects.bulk_create(rows, batch_size=1000)
    return len(rows)
