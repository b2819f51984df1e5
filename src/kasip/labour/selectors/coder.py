"""Reads for the occupation coder's answers: the titles of the groups it names."""

from __future__ import annotations

from collections.abc import Iterable

from kasip.core.i18n import localized

from ..codetitles import Coded
from ..models import Occupation

__all__ = ["coded_rows", "occupation_titles"]


def occupation_titles(codes: Iterable[str], language: str | None = None) -> dict[str, str]:
    """code → title of the given ISCO-08 groups in the interface language (falling back to ru, kk, en),
    in one query."""
    wanted = sorted({c for c in codes if c})
    if not wanted:
        return {}
    rows = Occupation.objects.filter(code__in=wanted).only("code", "title_en", "title_ru", "title_kk")
    return {o.code: localized(o, "title", language) for o in rows}


def coded_rows(results: list[Coded], language: str | None = None) -> list[dict]:
    """The codings with the titles of every group they name (one query for all of them)."""
    titles = occupation_titles(set().union(*(r.codes() for r in results)) if results else (), language)

    def suggestion(code: str, confidence: float) -> dict:
        return {"code": code, "title": titles.get(code, ""), "confidence": round(confidence, 4)}

    return [{
        "title": r.title,
        "language": r.language,
        "code": r.code,
        "confidence": round(r.confidence, 4),
        "sure": r.sure,
        "kept": r.kept,
        "fallback": suggestion(r.fallback, r.fallback_confidence) if r.fallback else None,
        "notice": r.notice,
        "candidates": [suggestion(c, s) for c, s in r.candidates],
    } for r in results]
