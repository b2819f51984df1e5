"""Reads of the registry, tuned so that list pages run a fixed number of queries."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from . import policy
from .models import College, District, Region


def colleges(user, *, q: str = "", district: str = "", ownership: str = "", language: str = "",
             include_inactive: bool = False) -> QuerySet[College]:
    qs = College.objects.select_related("district")
    if not (include_inactive and policy.can_see_inactive_colleges(user)):
        qs = qs.filter(is_active=True)
    if q:
        qs = qs.filter(Q(name_ru__icontains=q) | Q(name_kk__icontains=q) | Q(name_en__icontains=q)
                       | Q(bin__startswith=q) | Q(nobd_id=q))
    if district:
        qs = qs.filter(district__kato=district)
    if ownership:
        qs = qs.filter(ownership=ownership)
    if language:
        qs = qs.filter(languages__contains=language)
    return qs.order_by("name_ru", "name_kk", "pk")


def districts() -> QuerySet[District]:
    return District.objects.select_related("region").order_by("kind", "name_ru")


def district_by_kato(kato: str) -> District | None:
    return District.objects.filter(kato=kato).first()


def colleges_by_district() -> list[dict]:
    rows = (District.objects.annotate(n=Count("colleges", filter=Q(colleges__is_active=True)))
            .filter(n__gt=0).order_by("-n", "name_ru"))
    return [{"district": d.name, "kato": d.kato, "colleges": d.n} for d in rows]


def headline_figures() -> dict:
    active = College.objects.filter(is_active=True)
    return {
        "regions": Region.objects.count(),
        "districts": District.objects.count(),
        "colleges": active.count(),
        "state_colleges": active.filter(ownership="state").count(),
        "private_colleges": active.filter(ownership="private").count(),
        "kazakh_colleges": active.filter(languages__contains="kk").count(),
    }
