"""Reads of graduations, scoped by the policy; list pages run a fixed number of queries."""

from __future__ import annotations

import re

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from kasip.registry.models import College, Programme, Qualification, Student

from . import policy
from .models import Graduation

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
