"""Import of graduations: who graduated, with which qualification, when, with which diploma.

The student is named by the IIN; the programme is found from the student's group (when its
programme is of the qualification's specialty) or the student's college and the qualification.
A diploma number already stored or repeated in the file, and a student who already graduated,
are refused. A college admin imports the own college's graduates only.
"""

from __future__ import annotations

from collections import defaultdict

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kasip.core import audit
from kasip.core.imports import Column, ImportSpec, RowInvalid, parse_bool, parse_date, register
from kasip.core.validators import IdentifierError, validate_iin
from kasip.registry.models import Programme, Qualification, Student

from . import policy, selectors, services
from .models import Graduation

HONOURS_YES = {"с отличием", "үздік"}
HONOURS_NO = {"без отличия"}


class GraduationImport(ImportSpec):
    kind = "graduations"
    title = gettext_lazy("Graduations")
    columns = (
        Column("iin", gettext_lazy("Student's IIN"), ("iin", "student iin", "иин", "иин студента", "иин выпускника",
                                                      "жсн", "студенттің жсн", "түлектің жсн")),
        Column("qualification", gettext_lazy("Qualification code"), (
            "qualification", "qualification awarded", "код квалификации", "присвоенная квалификация",
            "квалификация", "біліктілік коды", "берілген біліктілік", "біліктілік")),
        Column("date", gettext_lazy("Date of graduation"), (
            "date", "graduation date", "дата окончания", "дата выпуска", "дата выдачи диплома", "бітірген күні",
            "бітіру күні", "диплом берілген күн")),
        Column("diploma_number", gettext_lazy("Diploma number"), (
            "diploma", "diploma no", "номер диплома", "диплом", "серия и номер диплома", "диплом нөмірі",
            "дипломның нөмірі")),
        Column("with_honours", gettext_lazy("With honours"), (
            "honours", "with honors", "honors", "с отличием", "диплом с отличием", "отличие", "үздік",
            "үздік диплом", "үздік бітірді"), required=False),
    )

    def can_import(self, user) -> bool:
        return policy.can_import_graduations(user)

    def start(self, actor) -> dict:
        students = policy.students_scope(actor, Student.objects.select_related(
            "college", "group__programme__qualification"))
        programmes = defaultdict(list)
        for p in self._programmes(actor):
            programmes[p.college_id].append(p)
        return {
            "students": {s.iin: s for s in students},
            "qualifications": {q.code: q for q in Qualification.objects.all()},
            "programmes": programmes,
            "diplomas": dict(Graduation.objects.values_list("diploma_number", "pk")),
            "graduated": dict(Graduation.objects.values_list("student_id", "diploma_number")),
            "today": timezone.localdate(),
        }

    @staticmethod
    def _programmes(actor):
        qs = Programme.objects.select_related("qualification")
        if not policy.is_region_admin(actor):
            qs = qs.filter(college_id=actor.organisation_id)
        return qs

    def validate_row(self, values, context, actor):
        problems = []
        iin = values["iin"].strip()
        student = None
        try:
            validate_iin(iin)
        except IdentifierError as exc:
            problems.append(("iin", _(str(exc))))
        else:
            student = context["students"].get(iin)
            if student is None:
                problems.append(("iin", _("No student with IIN %(value)s among the students you may graduate.")
                                 % {"value": iin}))
        qualification = None
        code = values["qualification"].strip().upper()
        if not code:
            problems.append(("qualification", _("This value is required.")))
        else:
            qualification = context["qualifications"].get(code)
            if qualification is None:
                problems.append(("qualification", _("Unknown qualification code “%(value)s”.") % {"value": code}))
        day = None
        if not values["date"]:
            problems.append(("date", _("This value is required.")))
        else:
            day = parse_date(values["date"])
            if day is None:
                problems.append(("date", _("“%(value)s” is not a date; write it as 31.12.2025 or 2025-12-31.")
                                 % {"value": values["date"]}))
            elif day > context["today"]:
                problems.append(("date", _("The date of graduation cannot be in the future.")))
        number = values["diploma_number"].strip()
        if not number:
            problems.append(("diploma_number", _("This value is required.")))
        elif len(number) > 50:
            problems.append(("diploma_number", _("The value is longer than %(limit)s characters.") % {"limit": 50}))
        honours = parse_bool(values["with_honours"], HONOURS_YES, HONOURS_NO)
        if honours is None:
            problems.append(("with_honours", _("Write yes or no.")))
        programme = None
        if student is not None and qualification is not None:
            programme, message = selectors.pick_programme(student, qualification,
                                                          context["programmes"].get(student.college_id, []))
            if programme is None:
                problems.append(("qualification", message))
        graduation = Graduation(student=student, programme=programme, qualification=qualification, date=day,
                                diploma_number=number, with_honours=bool(honours))
        found = services.graduation_problems(graduation, stored_diplomas=context["diplomas"],
                                             graduated_students=context["graduated"])
        column = {"student": "iin"}
        problems.extend((column.get(key, key), message) for key, message in found.items())
        if problems:
            raise RowInvalid(*problems)
        return graduation

    def unique_keys(self, item):
        return [("iin", item.student.iin), ("diploma_number", item.diploma_number)]

    def save(self, items, actor):
        """Save row by row, so that every graduation and the student's new status get their audit entries."""
        with audit.acting_as(actor):
            for graduation in items:
                graduation.save()
                services.mark_graduated(graduation.student)
        return len(items), 0


register(GraduationImport())
