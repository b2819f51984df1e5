"""Reads of workforce needs, scoped by the policy; list pages run a fixed number of queries."""

from __future__ import annotations

import re

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext

from kasip.core.i18n import localized
from kasip.registry.models import College, District, Enterprise

from . import policy
from .models import Agreement, AgreementKind, AgreementStatus, WorkforceNeed, in_force_q

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


# --- partnership agreements -------------------------------------------------------------
def agreements(user, *, q: str = "", kind: str = "", status: str = "", college: str = "", enterprise: str = "",
               in_force: str = "") -> QuerySet[Agreement]:
    qs = policy.agreements_scope(user, agreements_with_relations())
    q, kind, status = _text(q), _text(kind), _text(status)
    college, enterprise, in_force = _text(college), _text(enterprise), _text(in_force)
    if q:
        qs = qs.filter(Q(number__icontains=q) | Q(subject__icontains=q)
                       | Q(college__name_ru__icontains=q) | Q(college__name_kk__icontains=q)
                       | Q(college__name_en__icontains=q) | Q(college__bin__startswith=q)
                       | Q(enterprise__name_ru__icontains=q) | Q(enterprise__name_kk__icontains=q)
                       | Q(enterprise__name_en__icontains=q) | Q(enterprise__bin__startswith=q))
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    if college:
        qs = qs.filter(college_id=int(college)) if ID.match(college) else qs.none()
    if enterprise:
        qs = qs.filter(enterprise_id=int(enterprise)) if ID.match(enterprise) else qs.none()
    if in_force == "1":
        qs = qs.filter(in_force_q())
    elif in_force == "0":
        qs = qs.exclude(in_force_q())
    return qs.order_by("-signed_on", "college__name_ru", "number", "pk")


def agreements_with_relations() -> QuerySet[Agreement]:
    """Every agreement with what its pages show; the caller asks the policy about the one it takes."""
    return Agreement.objects.select_related("college", "enterprise")


def kind_choices(user=None) -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in AgreementKind.choices]


def status_choices(user=None) -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in AgreementStatus.choices]


def agreement_college_choices(user) -> list[tuple[str, str]]:
    """Colleges with agreements the user may see."""
    scope = policy.agreements_scope(user, Agreement.objects.all()).values("college_id")
    return [(str(c.pk), c.name) for c in College.objects.filter(pk__in=scope).order_by("name_ru", "name_kk")]


def agreement_enterprise_choices(user) -> list[tuple[str, str]]:
    """Enterprises with agreements the user may see."""
    scope = policy.agreements_scope(user, Agreement.objects.all()).values("enterprise_id")
    return [(str(e.pk), e.name) for e in Enterprise.objects.filter(pk__in=scope).order_by("name_ru", "name_kk")]


# --- the partner network: aggregates only, three queries whatever the data ---------------
def _org(obj) -> dict:
    return {"id": obj.pk, "bin": obj.bin, "name": localized(obj)}


def network(user, *, in_force_only: bool = True) -> dict:
    """Who works with whom and how much: per college its partner enterprises, agreements by kind and the
    students the agreements cover; totals and the figures of the charts. Scoped like the agreements."""
    qs = policy.agreements_scope(user, Agreement.objects.all())
    if in_force_only:
        qs = qs.filter(in_force_q())
    cells = list(qs.values("college_id", "enterprise_id", "kind")
                 .annotate(n=Count("pk"), students=Sum("students_covered")).order_by())
    colleges = {c.pk: c for c in College.objects.filter(pk__in=qs.values("college_id"))}
    enterprises = {e.pk: e for e in Enterprise.objects.filter(pk__in=qs.values("enterprise_id"))}
    kinds = [value for value, _label in AgreementKind.choices]
    rows: dict[int, dict] = {}
    by_kind = dict.fromkeys(kinds, 0)
    for cell in cells:
        college, enterprise = colleges.get(cell["college_id"]), enterprises.get(cell["enterprise_id"])
        if college is None or enterprise is None:  # written between the queries
            continue
        row = rows.setdefault(college.pk, {"college": _org(college), "partners": {}, "agreements": 0,
                                           "students_covered": 0, "by_kind": dict.fromkeys(kinds, 0)})
        partner = row["partners"].setdefault(enterprise.pk, {"enterprise": _org(enterprise), "agreements": 0,
                                                             "students_covered": 0, "kinds": []})
        students = cell["students"] or 0
        for target in (row, partner):
            target["agreements"] += cell["n"]
            target["students_covered"] += students
        partner["kinds"].append(cell["kind"])
        row["by_kind"][cell["kind"]] += cell["n"]
        by_kind[cell["kind"]] += cell["n"]
    labels = dict(AgreementKind.choices)
    result = []
    for row in rows.values():
        partners = sorted(row["partners"].values(), key=lambda p: (-p["agreements"], p["enterprise"]["name"]))
        for partner in partners:
            partner["kinds"] = [k for k in kinds if k in partner["kinds"]]
        result.append({**row, "partners": partners, "partner_count": len(partners),
                       "kind_counts": [row["by_kind"][k] for k in kinds]})
    result.sort(key=lambda r: (-r["partner_count"], -r["agreements"], r["college"]["name"]))
    return {
        "in_force_only": in_force_only,
        "kinds": [{"kind": k, "label": str(labels[k])} for k in kinds],
        "by_kind": [{"kind": k, "label": str(labels[k]), "agreements": by_kind[k]} for k in kinds],
        "colleges": result,
        "totals": {"agreements": sum(by_kind.values()), "colleges": len(result),
                   "enterprises": len({p["enterprise"]["id"] for r in result for p in r["partners"]}),
                   "pairs": sum(r["partner_count"] for r in result),
                   "students_covered": sum(r["students_covered"] for r in result)},
    }


def network_charts(data: dict, top: int = 15) -> dict:
    """Vega-Lite specs of the network: agreements by kind; the colleges with the most partner enterprises."""
    from kasip.core import charts

    kinds = [{"kind": r["label"], "agreements": r["agreements"]} for r in data["by_kind"] if r["agreements"]]
    colleges = [{"college": r["college"]["name"], "partners": r["partner_count"]} for r in data["colleges"][:top]]
    specs = {
        "kinds": charts.bar_chart(kinds, "kind", "agreements", title=gettext("Agreements by kind"),
                                  category_title=gettext("Kind of agreement"), value_title=gettext("Agreements"))
        if kinds else None,
        "colleges": charts.bar_chart(colleges, "college", "partners",
                                     title=gettext("Colleges with the most partner enterprises"),
                                     category_title=gettext("College"), value_title=gettext("Partner enterprises"))
        if colleges else None,
    }
    for spec in specs.values():
        if spec:  # counts: whole-number ticks; long names of kinds and colleges
            spec["encoding"]["x"]["axis"] = {"tickMinStep": 1, "format": "d"}
            spec["encoding"]["y"]["axis"] = {"labelLimit": 280}
    return specs
