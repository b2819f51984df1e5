"""Reads of graduations and employment records, scoped by the policy, and the figures of graduate
outcomes; list pages and figures run a fixed number of queries."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import BooleanField, Case, Count, Exists, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _

from kasip.dual.models import Contract, ContractStatus
from kasip.registry.models import College, Programme, Qualification, Student

from . import policy
from .models import EmploymentRecord, EmploymentStatus, Graduation, MonthsAfter, WageBand
from .stats import Proportion, proportion

ID = re.compile(r"^[0-9]{1,18}$")  # a database id as text (fits a 64-bit integer)
YEAR = re.compile(r"^[0-9]{4}$")


def _text(value: str) -> str:
    return (value or "").replace("\x00", "").strip()


def graduations_with_relations() -> QuerySet[Graduation]:
    """Every graduation with what its pages show; the caller asks the policy about the one it takes."""
    return Graduation.objects.select_related("student", "student__college", "programme", "programme__qualification",
                                             "qualification")


def graduations(user, *, q: str = "", year: str = "", college: str = "", programme: str = "") -> QuerySet[Graduation]:
    qs = policy.graduations_scope(user, graduations_with_relations())
    q, year, college, programme = _text(q), _text(year), _text(college), _text(programme)
    if q:
        if q.isascii() and q.isdigit():
            qs = qs.filter(Q(student__iin=q) | Q(diploma_number=q))
        else:
            qs = qs.filter(Q(student__last_name__istartswith=q) | Q(student__first_name__istartswith=q)
                           | Q(diploma_number__iexact=q) | Q(qualification__code__istartswith=q))
    if year:
        qs = qs.filter(date__year=int(year)) if YEAR.match(year) else qs.none()
    if college:
        qs = qs.filter(student__college_id=int(college)) if ID.match(college) else qs.none()
    if programme:
        qs = qs.filter(programme_id=int(programme)) if ID.match(programme) else qs.none()
    return qs.order_by("-date", "student__last_name", "student__first_name", "pk")


def year_choices(user) -> list[tuple[str, str]]:
    days = policy.graduations_scope(user, Graduation.objects.all()).dates("date", "year", order="DESC")
    return [(str(d.year), str(d.year)) for d in days]


def college_choices(user) -> list[tuple[str, str]]:
    """Colleges of the graduations the user may see."""
    scope = policy.graduations_scope(user, Graduation.objects.all()).values("student__college_id")
    return [(str(c.pk), c.name) for c in College.objects.filter(pk__in=scope).order_by("name_ru", "name_kk")]


def programme_choices(user) -> list[tuple[str, str]]:
    """Programmes of the graduations the user may see."""
    scope = policy.graduations_scope(user, Graduation.objects.all()).values("programme_id")
    programmes = (Programme.objects.filter(pk__in=scope).select_related("college", "qualification")
                  .order_by("college__name_ru", "qualification__code", "language", "base", "pk"))
    return [(str(p.pk), f"{p.college.name}: {p}") for p in programmes]


def graduation_of(student: Student) -> Graduation | None:
    return Graduation.objects.filter(student=student).first()


def student_by_iin(user, iin: str) -> Student | None:
    """A student whose graduation the user may record."""
    return (policy.students_scope(user, Student.objects.select_related("college", "group__programme__qualification"))
            .filter(iin=iin).first())


def programme_candidates(college_id: int) -> list[Programme]:
    return list(Programme.objects.filter(college_id=college_id).select_related("qualification"))


def pick_programme(student: Student, qualification: Qualification, candidates: list[Programme]):
    """The programme a student graduated from, for the qualification awarded.

    The student's group's programme when its qualification is of the same specialty (a student of a
    mid-level programme may be awarded a worker's qualification of it); otherwise the programme of the
    student's college with that qualification, narrowed by the student's base of education and by
    being active when the college has several. Returns (programme, None) or (None, message).
    """
    group = student.group if student.group_id else None
    if group is not None and group.programme.qualification.specialty_id == qualification.specialty_id:
        return group.programme, None
    found = [p for p in candidates if p.college_id == student.college_id and p.qualification_id == qualification.pk]
    for narrow in (lambda p: p.base == student.base, lambda p: p.is_active):
        if len(found) > 1 and any(narrow(p) for p in found):
            found = [p for p in found if narrow(p)]
    if len(found) == 1:
        return found[0], None
    if not found:
        return None, _("The student's college has no programme of qualification %(code)s.") % {"code": qualification.code}
    return None, _("The student's college has several programmes of qualification %(code)s; choose the programme.") % {
        "code": qualification.code}


# --- employment records ---------------------------------------------------------------
def records_with_relations() -> QuerySet[EmploymentRecord]:
    return EmploymentRecord.objects.select_related(
        "graduation", "graduation__student", "graduation__student__college", "graduation__qualification",
        "graduation__programme", "graduation__programme__qualification", "employer")


def employment_records(user, *, q: str = "", year: str = "", college: str = "", months: str = "",
                       status: str = "") -> QuerySet[EmploymentRecord]:
    qs = policy.employment_scope(user, records_with_relations())
    q, year, college, months, status = _text(q), _text(year), _text(college), _text(months), _text(status)
    if q:
        if q.isascii() and q.isdigit():
            qs = qs.filter(Q(graduation__student__iin=q) | Q(graduation__diploma_number=q) | Q(employer_bin=q)
                           | Q(occupation_code__startswith=q))
        else:
            qs = qs.filter(Q(graduation__student__last_name__istartswith=q)
                           | Q(graduation__student__first_name__istartswith=q)
                           | Q(graduation__diploma_number__iexact=q) | Q(employer_name__icontains=q)
                           | Q(occupation_title__icontains=q))
    if year:
        qs = qs.filter(graduation__date__year=int(year)) if YEAR.match(year) else qs.none()
    if college:
        qs = qs.filter(graduation__student__college_id=int(college)) if ID.match(college) else qs.none()
    if months:
        qs = qs.filter(months_after=int(months)) if months in ("6", "12") else qs.none()
    if status:
        qs = qs.filter(status=status) if status in EmploymentStatus.values else qs.none()
    return qs.order_by("-graduation__date", "graduation__student__last_name", "graduation__student__first_name",
                       "months_after", "pk")


def record_year_choices(user) -> list[tuple[str, str]]:
    days = policy.employment_scope(user, EmploymentRecord.objects.all()).values_list(
        "graduation__date__year", flat=True).distinct()
    return [(str(y), str(y)) for y in sorted(set(days), reverse=True)]


def record_college_choices(user) -> list[tuple[str, str]]:
    scope = policy.employment_scope(user, EmploymentRecord.objects.all()).values("graduation__student__college_id")
    return [(str(c.pk), c.name) for c in College.objects.filter(pk__in=scope).order_by("name_ru", "name_kk")]


def months_choices(user=None) -> list[tuple[str, str]]:
    return [(str(value), str(label)) for value, label in MonthsAfter.choices]


def status_choices(user=None) -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in EmploymentStatus.choices]


def graduation_for_employment(user, iin: str = "", diploma_number: str = "") -> Graduation | None:
    """The graduation, by the graduate's IIN or the diploma number, whose employment the user may record."""
    qs = policy.graduations_for_employment(user, graduations_with_relations())
    if iin:
        qs = qs.filter(student__iin=iin)
    if diploma_number:
        qs = qs.filter(diploma_number=diploma_number)
    return qs.first() if (iin or diploma_number) else None


def record_for(graduation_id: int, months_after: int, exclude_pk=None) -> EmploymentRecord | None:
    return (EmploymentRecord.objects.filter(graduation_id=graduation_id, months_after=months_after)
            .exclude(pk=exclude_pk).first())


# --- figures: the employment rate and its breakdowns ----------------------------------
DEFAULT_EXCLUDED = (EmploymentStatus.FURTHER_STUDY, EmploymentStatus.MILITARY_SERVICE,
                    EmploymentStatus.PARENTAL_LEAVE)
EXCLUDABLE = {EmploymentStatus.FURTHER_STUDY, EmploymentStatus.MILITARY_SERVICE, EmploymentStatus.PARENTAL_LEAVE,
              EmploymentStatus.UNKNOWN}
BREAKDOWNS = ("college", "programme", "dual", "year")
CONFIDENCE = 0.95


def excluded_statuses() -> tuple[str, ...]:
    """Statuses left out of the rate's denominator: setting KASIP_EMPLOYMENT_EXCLUDED (a list, or a
    comma-separated environment variable of the same name); further study, military service and
    parental leave by default."""
    value = getattr(settings, "KASIP_EMPLOYMENT_EXCLUDED", None)
    if value is None:
        value = os.environ.get("KASIP_EMPLOYMENT_EXCLUDED")
    if value is None:
        return tuple(str(s) for s in DEFAULT_EXCLUDED)
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    wrong = [v for v in value if v not in EXCLUDABLE]
    if wrong:
        raise ImproperlyConfigured(f"KASIP_EMPLOYMENT_EXCLUDED: {wrong} cannot be left out of the employment rate; "
                                   f"choose among {sorted(str(s) for s in EXCLUDABLE)}")
    return tuple(str(v) for v in value)


def min_cell() -> int:
    """Cells with fewer graduates than this are suppressed for everyone but the region admin (5)."""
    return int(getattr(settings, "KASIP_MIN_CELL", 5))


def rate_definition() -> str:
    excluded = ", ".join(str(EmploymentStatus(s).label) for s in excluded_statuses())
    return _("Employment rate = graduates employed ÷ graduates with a record, leaving out of the denominator "
             "those in %(excluded)s. Intervals are 95 %% Wilson score intervals.") % {"excluded": excluded or "—"}


@dataclass
class Cell:
    """The figures of one group of graduates (a college, a programme, dual or not, a year)."""

    key: str
    label: str
    records: int | None
    rate: Proportion
    in_specialty: Proportion
    statuses: dict[str, int | None]
    wage_bands: dict[str, int | None]
    suppressed: bool = False
    specialty_suppressed: bool = False
    extra: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        def share(p: Proportion, hidden: bool) -> dict:
            if hidden:
                return {"k": None, "n": None, "share": None, "low": None, "high": None, "suppressed": True}
            return {"k": p.k, "n": p.n, "share": p.share, "low": p.low, "high": p.high, "suppressed": False}

        return {"key": self.key, "label": self.label, "records": self.records, "suppressed": self.suppressed,
                "rate": share(self.rate, self.suppressed),
                "in_specialty": share(self.in_specialty, self.suppressed or self.specialty_suppressed),
                "statuses": self.statuses, "wage_bands": self.wage_bands, **self.extra}


HIDDEN = Proportion(0, 0, None, None, None)


def _aggregates() -> dict:
    employed = Q(status=EmploymentStatus.EMPLOYED)
    return {
        "records": Count("pk"),
        **{f"s_{s}": Count("pk", filter=Q(status=s)) for s in EmploymentStatus.values},
        "specialty_yes": Count("pk", filter=employed & Q(in_specialty=True)),
        "specialty_known": Count("pk", filter=employed & Q(in_specialty__isnull=False)),
        **{f"w_{b}": Count("pk", filter=employed & Q(wage_band=b)) for b in WageBand.values},
    }


def _cell(row: dict, key: str, label: str, excluded: tuple[str, ...], threshold: int) -> Cell:
    """One group's figures; with threshold > 0, a group of fewer graduates than it shows no figure and
    counts under it are hidden (None)."""
    statuses = {s: row[f"s_{s}"] for s in EmploymentStatus.values}
    n = row["records"] - sum(statuses[s] for s in excluded)
    rate = proportion(statuses[EmploymentStatus.EMPLOYED], n, CONFIDENCE)
    specialty = proportion(row["specialty_yes"], row["specialty_known"], CONFIDENCE)
    wages = {b: row[f"w_{b}"] for b in WageBand.values}
    if not threshold:
        return Cell(key, label, row["records"], rate, specialty, statuses, wages)
    small = row["records"] < threshold or n < threshold

    def hide(count: int) -> int | None:
        return None if small or 0 < count < threshold else count

    return Cell(key, label, None if small else row["records"], HIDDEN if small else rate,
                HIDDEN if small or specialty.n < threshold else specialty,
                {s: hide(c) for s, c in statuses.items()}, {b: hide(c) for b, c in wages.items()},
                suppressed=small, specialty_suppressed=specialty.n < threshold)


def _dual_expression():
    """Dual: the graduate's programme is dual, or the student had a signed or completed dual contract."""
    contract = Contract.objects.filter(student_id=OuterRef("graduation__student_id"),
                                       status__in=[ContractStatus.SIGNED, ContractStatus.COMPLETED])
    return Case(When(Q(graduation__programme__is_dual=True) | Q(Exists(contract)), then=Value(True)),
                default=Value(False), output_field=BooleanField())


def _filtered(*, year=None, months=None, college=None) -> QuerySet[EmploymentRecord]:
    qs = EmploymentRecord.objects.all()
    if year is not None:
        qs = qs.filter(graduation__date__year=year)
    if months is not None:
        qs = qs.filter(months_after=months)
    if college is not None:
        qs = qs.filter(graduation__student__college_id=college)
    return qs


def _groups(qs, by: str) -> list[tuple[str, str, dict]]:
    """(key, label, aggregate row) per group of the breakdown."""
    aggregates = _aggregates()
    if by == "college":
        rows = list(qs.values("graduation__student__college_id").annotate(**aggregates))
        names = {c.pk: c.name for c in College.objects.filter(
            pk__in=[r["graduation__student__college_id"] for r in rows])}
        found = [(str(r["graduation__student__college_id"]), names.get(r["graduation__student__college_id"], ""), r)
                 for r in rows]
        return sorted(found, key=lambda g: g[1])
    if by == "programme":
        rows = list(qs.values("graduation__programme__qualification_id").annotate(**aggregates))
        quals = {q.pk: q for q in Qualification.objects.filter(
            pk__in=[r["graduation__programme__qualification_id"] for r in rows])}
        found = []
        for r in rows:
            q = quals[r["graduation__programme__qualification_id"]]
            found.append((q.code, f"{q.code} {q.name}", r))
        return sorted(found, key=lambda g: g[0])
    if by == "dual":
        rows = {r["is_dual"]: r for r in qs.annotate(is_dual=_dual_expression()).values("is_dual")
                .annotate(**aggregates)}
        return [(key, label, rows[flag]) for flag, key, label in (
            (True, "dual", _("Dual training")), (False, "not_dual", _("Not dual"))) if flag in rows]
    if by == "year":
        rows = list(qs.annotate(year=ExtractYear("graduation__date")).values("year").annotate(**aggregates))
        return sorted(((str(r["year"]), str(r["year"]), r) for r in rows), key=lambda g: g[0])
    raise ValueError(by)


def employment_rate(user, *, year: int | None = None, months: int = 12, college: int | None = None,
                    by: str = "") -> dict:
    """The employment rate of the graduates with a record (the whole region, or one college), in total and
    broken down `by` college, programme (the programme's qualification), dual or not, or year of graduation;
    each rate with its n and 95 % Wilson interval, the in-specialty share among the employed (those whose
    specialty is known) and the wage bands. Small cells are suppressed unless the user may see them."""
    if by and by not in BREAKDOWNS:
        raise ValueError(by)
    excluded = excluded_statuses()
    threshold = 0 if policy.sees_small_cells(user) else min_cell()
    qs = _filtered(year=year, months=months, college=college)
    total_row = qs.aggregate(**_aggregates())
    total = _cell(total_row, "total", _("All graduates"), excluded, threshold)
    rows = [_cell(r, key, label, excluded, threshold) for key, label, r in _groups(qs, by)] if by else []
    return {"definition": rate_definition(), "excluded_statuses": list(excluded), "months": months, "year": year,
            "college": college, "by": by, "min_cell": threshold, "confidence": CONFIDENCE,
            "has_records": total_row["records"] > 0, "total": total, "rows": rows}


def rates_by_year(user, *, college: int | None = None) -> list[Cell]:
    """The rate by year of graduation at 6 and at 12 months (extra: year, months)."""
    excluded = excluded_statuses()
    threshold = 0 if policy.sees_small_cells(user) else min_cell()
    cells = []
    for months in (6, 12):
        for key, label, row in _groups(_filtered(months=months, college=college), "year"):
            cell = _cell(row, f"{key}-{months}", label, excluded, threshold)
            cell.extra = {"year": int(key), "months": months}
            cells.append(cell)
    return sorted(cells, key=lambda c: (c.extra["year"], c.extra["months"]))


def figure_year_choices() -> list[tuple[str, str]]:
    years = EmploymentRecord.objects.values_list("graduation__date__year", flat=True).distinct()
    return [(str(y), str(y)) for y in sorted(set(years), reverse=True)]


def figure_college_choices() -> list[tuple[str, str]]:
    scope = EmploymentRecord.objects.values("graduation__student__college_id")
    return [(str(c.pk), c.name) for c in College.objects.filter(pk__in=scope).order_by("name_ru", "name_kk")]


def graduates_by_year(*, college: int | None = None) -> dict[int, int]:
    """Graduations per year (the coverage of the records: how many of them have one)."""
    qs = Graduation.objects.all()
    if college is not None:
        qs = qs.filter(student__college_id=college)
    return {r["year"]: r["n"] for r in qs.annotate(year=ExtractYear("date")).values("year").annotate(n=Count("pk"))}
