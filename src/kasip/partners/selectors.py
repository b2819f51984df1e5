"""Reads of workforce needs, scoped by the policy; list pages run a fixed number of queries."""

from __future__ import annotations

import re

from django.db.models import Q, QuerySet

from kasip.registry.models import District, Enterprise

from . import policy
from .models import WorkforceNeed

ID = re.compile(r"^[0-9]{1,18}$")  # a database id as text (fits a 64-bit integer)
YEAR = re.compile(r"^[0-9]{4}$")


def _text(value: str) -> str:
    return (value or "").replace("\x00", "").strip()


def needs(user, *, q: str = "", year: str = "", district: str = "", enterprise: str = "",
          active: str = "") -> QuerySet[WorkforceNeed]:
    qs = policy.needs_scope(user, needs_with_relations())
    q, year, district, enterprise = _text(q), _text(year), _text(district), _text(enterprise)
    if q:
        qs = qs.filter(Q(occupation_title__icontains=q) | Q(occupation_code__startswith=q)
                       | Q(enterprise__name_ru__icontains=q) | Q(enterprise__name_kk__icontains=q)
                       | Q(enterprise__name_en__icontains=q) | Q(enterprise__bin__startswith=q))
    if year:
        qs = qs.filter(year=int(year)) if YEAR.match(year) else qs.none()
    if district:
        qs = qs.filter(district__kato=district)
    if enterprise:
        qs = qs.filter(enterprise_id=int(enterprise)) if ID.match(enterprise) else qs.none()
    if active in ("1", "0"):
        qs = qs.filter(is_active=active == "1")
    return qs.order_by("-year", "enterprise__name_ru", "occupation_title", "pk")


def needs_with_relations() -> QuerySet[WorkforceNeed]:
    """Every need with what its pages show; the caller asks the policy about the one it takes."""
    return WorkforceNeed.objects.select_related("enterprise", "district", "qualification")


def same_need(need: WorkforceNeed) -> QuerySet[WorkforceNeed]:
    """Other needs of the enterprise for the same occupation, qualification, year and district."""
    return (WorkforceNeed.objects.filter(enterprise_id=need.enterprise_id, occupation_title=need.occupation_title,
                                         occupation_code=need.occupation_code, qualification_id=need.qualification_id,
                                         year=need.year, district_id=need.district_id)
            .exclude(pk=need.pk))


def year_choices(user) -> list[tuple[str, str]]:
    years = policy.needs_scope(user, WorkforceNeed.objects.all()).order_by("-year").values_list("year", flat=True)
    return [(str(y), str(y)) for y in years.distinct()]


def district_choices(user=None) -> list[tuple[str, str]]:
    return [(d.kato, d.name) for d in District.objects.order_by("kind", "name_ru")]


def enterprise_choices(user) -> list[tuple[str, str]]:
    """Enterprises that declared needs the user may see."""
    scope = policy.needs_scope(user, WorkforceNeed.objects.all()).values("enterprise_id")
    return [(str(e.pk), e.name) for e in Enterprise.objects.filter(pk__in=scope).order_by("name_ru", "name_kk")]
