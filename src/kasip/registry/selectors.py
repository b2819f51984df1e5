"""Reads of the registry, tuned so that list pages run a fixed number of queries."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from . import policy
from .models import (
    College,
    District,
    Enterprise,
    EnterpriseSite,
    Group,
    Programme,
    ProgrammeIntake,
    Qualification,
    Specialty,
    Student,
)


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
    figures = College.objects.filter(is_active=True).aggregate(
        colleges=Count("pk"), state_colleges=Count("pk", filter=Q(ownership="state")),
        private_colleges=Count("pk", filter=Q(ownership="private")),
        kazakh_colleges=Count("pk", filter=Q(languages__contains="kk")))
    figures.update(District.objects.aggregate(districts=Count("pk"), regions=Count("region", distinct=True)))
    return figures


# --- the other registry entities: each list is scoped by the policy and needs a fixed
# --- number of queries whatever the page shows
def _name_q(q: str, prefix: str = "") -> Q:
    return (Q(**{f"{prefix}name_ru__icontains": q}) | Q(**{f"{prefix}name_kk__icontains": q})
            | Q(**{f"{prefix}name_en__icontains": q}))


def _id(value: str) -> int | None:
    """A filter's numeric id, or None when it cannot be one (letters, or too large for the database)."""
    return int(value) if value.isdigit() and int(value) < 2**63 else None


def _by_id(qs, field: str, value: str):
    ident = _id(value)
    return qs.filter(**{field: ident}) if ident is not None else qs.none()


def specialties(user, *, q: str = "") -> QuerySet[Specialty]:
    qs = Specialty.objects.all()
    if q:
        qs = qs.filter(Q(code__startswith=q) | _name_q(q))
    return qs.order_by("code")


def qualifications(user, *, q: str = "", specialty: str = "", kind: str = "") -> QuerySet[Qualification]:
    qs = Qualification.objects.select_related("specialty")
    if q:
        qs = qs.filter(Q(code__icontains=q) | _name_q(q))
    if specialty:
        qs = qs.filter(specialty__code=specialty)
    if kind:
        qs = qs.filter(code__regex=rf"^\d{kind}\d")
    return qs.order_by("code")


def programmes(user, *, q: str = "", college: str = "", district: str = "", language: str = "", base: str = "",
               form: str = "", dual: str = "") -> QuerySet[Programme]:
    qs = Programme.objects.select_related("college", "college__district", "qualification").prefetch_related("intakes")
    if not policy.is_region_admin(user):
        qs = qs.filter(Q(is_active=True, college__is_active=True) | Q(college_id=getattr(user, "organisation_id", None)))
    if q:
        qs = qs.filter(Q(qualification__code__icontains=q) | _name_q(q, "qualification__") | _name_q(q, "college__")
                       | Q(college__bin=q))
    if college:
        qs = _by_id(qs, "college_id", college)
    if district:
        qs = qs.filter(college__district__kato=district)
    for key, value in (("language", language), ("base", base), ("form", form)):
        if value:
            qs = qs.filter(**{key: value})
    if dual in ("1", "0"):
        qs = qs.filter(is_dual=dual == "1")
    return qs.order_by("college__name_ru", "qualification__code", "language", "base", "pk")


def groups(user, *, q: str = "", college: str = "", year: str = "") -> QuerySet[Group]:
    qs = policy.groups_scope(user, Group.objects.select_related("college", "programme__qualification", "curator"))
    if q:
        qs = qs.filter(Q(code__icontains=q) | Q(programme__qualification__code__icontains=q))
    if college:
        qs = _by_id(qs, "college_id", college)
    if year:
        qs = qs.filter(admission_year=int(year)) if year.isdigit() and len(year) == 4 else qs.none()
    return qs.annotate(student_count=Count("students")).order_by("college__name_ru", "-admission_year", "code", "pk")


def enterprises(user, *, q: str = "", district: str = "", oked: str = "") -> QuerySet[Enterprise]:
    qs = Enterprise.objects.select_related("district")
    if not policy.is_region_admin(user):
        qs = qs.filter(is_active=True)
    if q:
        qs = qs.filter(Q(bin__startswith=q) | _name_q(q))
    if district:
        qs = qs.filter(district__kato=district)
    if oked:
        qs = qs.filter(oked__startswith=oked)
    return qs.order_by("name_ru", "name_kk", "pk")


def sites(user, *, q: str = "", district: str = "", hazardous: str = "") -> QuerySet[EnterpriseSite]:
    qs = EnterpriseSite.objects.select_related("enterprise", "district")
    if q:
        qs = qs.filter(Q(name__icontains=q) | _name_q(q, "enterprise__"))
    if district:
        qs = qs.filter(district__kato=district)
    if hazardous in ("1", "0"):
        qs = qs.filter(hazardous=hazardous == "1")
    return qs.order_by("enterprise__name_ru", "name", "pk")


def students(user, *, q: str = "", college: str = "", group: str = "", status: str = "",
             funding: str = "") -> QuerySet[Student]:
    qs = policy.students_scope(user, Student.objects.select_related("college", "group"))
    if q:
        qs = qs.filter(iin=q) if q.isdigit() and len(q) <= 12 else qs.filter(
            Q(last_name__istartswith=q) | Q(first_name__istartswith=q) | Q(nobd_id=q))
    if college:
        qs = _by_id(qs, "college_id", college)
    if group:
        qs = _by_id(qs, "group_id", group)
    if status:
        qs = qs.filter(status=status)
    if funding:
        qs = qs.filter(funding=funding)
    return qs.order_by("last_name", "first_name", "pk")


def college_choices(user) -> list[tuple[str, str]]:
    qs = College.objects.filter(is_active=True)
    if policy.role_of(user) in policy.COLLEGE_STAFF:
        qs = qs.filter(pk=user.organisation_id)
    return [(str(c.pk), c.name) for c in qs.order_by("name_ru")]


def group_choices(user) -> list[tuple[str, str]]:
    return [(str(g.pk), g.code) for g in policy.groups_scope(user, Group.objects.filter(is_active=True)).order_by("code")]


def district_choices(user=None) -> list[tuple[str, str]]:
    return [(d.kato, d.name) for d in districts()]


# --- the region's headline figures (aggregates only: no personal data) ------------------
def registry_figures() -> dict:
    counts = Student.objects.filter(status="studying").aggregate(
        total=Count("pk"), dual=Count("pk", filter=Q(group__programme__is_dual=True)))
    total, dual = counts["total"], counts["dual"]
    return {
        "students": total,
        "dual_students": dual,
        "dual_share": round(100 * dual / total, 1) if total else 0.0,
        "programmes": Programme.objects.filter(is_active=True, college__is_active=True).count(),
        "enterprises": Enterprise.objects.filter(is_active=True).count(),
    }


def _localized_row(row: dict, prefix: str) -> str:
    from kasip.core.i18n import localized

    class Names:  # the three name columns of one row, for the language fallback
        pass

    names = Names()
    for code in ("kk", "ru", "en"):
        setattr(names, f"name_{code}", row[f"{prefix}name_{code}"])
    return localized(names)


def students_by_district() -> list[dict]:
    prefix = "college__district__"
    rows = (Student.objects.filter(status="studying")
            .values(f"{prefix}kato", f"{prefix}name_kk", f"{prefix}name_ru", f"{prefix}name_en")
            .annotate(n=Count("pk")))
    out = [{"district": _localized_row(r, prefix), "kato": r[f"{prefix}kato"], "students": r["n"]} for r in rows]
    return sorted(out, key=lambda r: (-r["students"], r["district"]))


def students_by_qualification(limit: int = 12) -> list[dict]:
    prefix = "group__programme__qualification__"
    rows = (Student.objects.filter(status="studying", group__isnull=False)
            .values(f"{prefix}code", f"{prefix}name_kk", f"{prefix}name_ru", f"{prefix}name_en")
            .annotate(n=Count("pk")).order_by("-n", f"{prefix}code")[:limit])
    return [{"qualification": f"{r[prefix + 'code']} {_localized_row(r, prefix)}"[:60], "students": r["n"]}
            for r in rows]


def intake_by_funding() -> dict:
    from django.db.models import Max, Sum

    from .models import Funding

    latest = ProgrammeIntake.objects.aggregate(y=Max("year"))["y"]
    sums = ProgrammeIntake.objects.filter(year=latest).aggregate(
        state=Sum("state_order"), enterprise=Sum("enterprise_order"), paid=Sum("paid")) if latest else {}
    return {"year": latest, "rows": [{"funding": str(label), "places": sums.get(code) or 0}
                                     for code, label in Funding.choices] if latest else []}


def district_list(user, *, q: str = "", kind: str = "") -> QuerySet[District]:
    qs = District.objects.select_related("region")
    if q:
        qs = qs.filter(Q(kato__startswith=q) | _name_q(q))
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("kato")


def intakes(user, *, q: str = "", year: str = "", college: str = "") -> QuerySet[ProgrammeIntake]:
    qs = ProgrammeIntake.objects.select_related("programme__college", "programme__qualification")
    if q:
        qs = qs.filter(Q(programme__qualification__code__icontains=q) | _name_q(q, "programme__college__"))
    if year:
        qs = qs.filter(year=int(year)) if year.isdigit() and len(year) == 4 else qs.none()
    if college:
        qs = _by_id(qs, "programme__college_id", college)
    return qs.order_by("-year", "programme__college__name_ru", "programme__qualification__code", "pk")
