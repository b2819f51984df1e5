"""Reads of reskilling pathways: profiles of occupations (their job titles' lemmas from the lexicon, and the
words of the ILO's task descriptions when `kasip import-exposure` has loaded them), the
occupations in demand to move to, and the nearest of them for an occupation (kasip.labour.pathways)."""

from __future__ import annotations

import threading

from django.db.models import Count, Max

from .. import pathways as core
from ..coder import text as coder_text
from ..models import AliasSource, IscoLevel, Occupation, OccupationAlias, OccupationTask
from .exposure import exposure_rows
from .gap import gap, gap_years
from .vacancies import demand_overview, occupation_titles

__all__ = ["pathway_candidates", "pathways_for", "profiles"]

MIN_WORD = 3
_lock = threading.Lock()
_cache: dict = {}


def profiles() -> dict[str, core.Profile]:
    """Every unit group's profile from the project's lexicon (kept per process until the lexicon changes)."""
    stamp = (tuple(OccupationAlias.objects.filter(source__in=(AliasSource.PROJECT, AliasSource.CONFIRMED))
                   .aggregate(n=Count("pk"), last=Max("pk")).values())
             + tuple(OccupationTask.objects.aggregate(n=Count("pk"), last=Max("pk")).values()))
    with _lock:
        if _cache.get("stamp") == stamp:
            return _cache["profiles"]
    words: dict[str, set[str]] = {}
    for code, alias in OccupationAlias.objects.filter(
            source__in=(AliasSource.PROJECT, AliasSource.CONFIRMED), occupation__level=IscoLevel.UNIT).values_list(
            "occupation__code", "alias"):
        tokens = {t for t in coder_text.analyse(alias) if len(t) >= MIN_WORD and not t.isdigit()}
        words.setdefault(code, set()).update(tokens)
    tasks: dict[str, list[str]] = {}
    for code, text in OccupationTask.objects.values_list("isco08", "text"):
        tasks.setdefault(code, []).append(text)
    codes = Occupation.objects.filter(level=IscoLevel.UNIT).values_list("code", flat=True)
    built = {code: core.Profile(code, frozenset(words.get(code, ())), core.task_words(tasks.get(code, ())))
             for code in codes}
    with _lock:
        _cache.update(stamp=stamp, profiles=built)
    return built


def pathway_candidates() -> tuple[set[str], str]:
    """The occupations to move to and how they were chosen: those in demand in the latest year of the gap;
    without any, those whose job ads grew by a tenth or more over the last 12 months (10 ads at least). The
    most exposed to automation and AI are left out."""
    exposed = {r.code for r in exposure_rows() if r.most_exposed}
    years = gap_years()
    if years:
        chosen = {r.code for r in gap(years[0]) if r.status == "in_demand"} - exposed
        if chosen:
            return chosen, "in_demand"
    rows, _window = demand_overview(months=12)
    growing = {r.code for r in rows if r.postings >= 10 and r.growth is not None and r.growth >= 0.1} - exposed
    return growing, "growing"


def pathways_for(code: str, k: int = 5) -> tuple[list[dict], str]:
    """The ``k`` nearest occupations in demand for ``code``, each with its title and reasons, and how the
    candidates were chosen ("in_demand", "growing", or "none")."""
    candidates, basis = pathway_candidates()
    if not candidates:
        return [], "none"
    all_profiles = profiles()
    source = all_profiles.get(code, core.Profile(code))
    found = core.nearest(source, [all_profiles[c] for c in candidates if c in all_profiles], k=k)
    titles = occupation_titles([p.code for p in found] + ([p.common_group for p in found if p.common_group]))
    return [{"pathway": p, "title": titles.get(p.code, p.code),
             "group_title": titles.get(p.common_group, "") if p.common_group else ""} for p in found], basis
