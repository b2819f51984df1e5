"""Reads of the occupation taxonomy."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from kasip.registry.models import Qualification

from ..models import IscoLevel, Occupation, OccupationAlias, QualificationOccupation


def occupations(*, q: str = "", level: int | None = None) -> QuerySet[Occupation]:
    """Groups by code or by a word of a title (any language) or of a job title."""
    qs = Occupation.objects.all()
    if level:
        qs = qs.filter(level=level)
    q = (q or "").strip()[:100]
    if q:
        if q.isdigit():
            qs = qs.filter(code__startswith=q)
        else:
            by_alias = OccupationAlias.objects.filter(alias__icontains=q).values("occupation_id")
            qs = qs.filter(Q(title_en__icontains=q) | Q(title_ru__icontains=q) | Q(title_kk__icontains=q)
                           | Q(pk__in=by_alias))
    return qs.order_by("code")


def occupation(code: str) -> Occupation | None:
    return (Occupation.objects.select_related("parent__parent__parent")
            .annotate(n_aliases=Count("aliases")).filter(code=code).first())


def ancestors(obj: Occupation) -> list[Occupation]:
    chain, node = [], obj.parent
    while node is not None:
        chain.append(node)
        node = node.parent
    return list(reversed(chain))


def aliases(obj: Occupation, limit: int = 200) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {"kk": [], "ru": [], "en": []}
    for language, alias in obj.aliases.order_by("language", "alias").values_list("language", "alias")[:limit * 3]:
        if len(out[language]) < limit and alias not in out[language]:
            out[language].append(alias)
    return out


def qualifications_of(obj: Occupation) -> QuerySet[Qualification]:
    return Qualification.objects.filter(occupation_links__occupation=obj).order_by("code")


def mapping(q: str = "") -> QuerySet[Qualification]:
    """Qualifications with the occupations they lead to."""
    qs = Qualification.objects.select_related("specialty").prefetch_related(
        Prefetch("occupation_links", queryset=QualificationOccupation.objects.select_related("occupation")))
    q = (q or "").strip()[:100]
    if q:
        qs = qs.filter(Q(code__icontains=q) | Q(name_ru__icontains=q) | Q(name_kk__icontains=q))
    return qs.order_by("code")


def unit_groups() -> QuerySet[Occupation]:
    return Occupation.objects.filter(level=IscoLevel.UNIT).order_by("code")


def figures() -> dict:
    counts = dict(Occupation.objects.values_list("level").annotate(n=Count("pk")).order_by())
    return {"levels": {level: counts.get(level, 0) for level in IscoLevel.values},
            "aliases": dict(OccupationAlias.objects.values_list("language").annotate(n=Count("pk")).order_by())}
