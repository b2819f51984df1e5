"""Writes of graduations: one function per use case, each in a transaction."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kasip.registry import services as registry_services
from kasip.registry.models import StudentStatus

from . import policy, selectors
from .models import Graduation

GRADUATION_FIELDS = ("student", "programme", "qualification", "date", "diploma_number", "with_honours")


def graduation_problems(graduation: Graduation, *, stored_diplomas=None, graduated_students=None) -> dict:
    """What forbids storing this graduation, beyond the model's own checks: {field: message}.

    `stored_diplomas` (diploma number -> graduation id) and `graduated_students` (student id ->
    diploma number) let an import check thousands of rows without a query each.
    """
    problems = {}
    student = graduation.student if graduation.student_id else None
    if student is not None:
        if graduated_students is not None:
            diploma = graduated_students.get(student.pk)
            other = diploma is not None and graduation.pk is None
        else:
            other_graduation = Graduation.objects.filter(student_id=student.pk).exclude(pk=graduation.pk).first()
            other, diploma = other_graduation is not None, getattr(other_graduation, "diploma_number", "")
        if other:
            problems["student"] = _("The student already graduated (diploma %(number)s).") % {"number": diploma}
        elif student.status == StudentStatus.EXPELLED:
            problems["student"] = _("The student was expelled and cannot graduate.")
    number = graduation.diploma_number
    if number:
        if stored_diplomas is not None:
            taken = stored_diplomas.get(number, graduation.pk) != graduation.pk
        else:
            taken = Graduation.objects.filter(diploma_number=number).exclude(pk=graduation.pk).exists()
        if taken:
            problems["diploma_number"] = _("Diploma number %(number)s is already recorded.") % {"number": number}
    return problems


def prepare_graduation(graduation: Graduation, fields: dict) -> Graduation:
    """Apply the fields, find the programme when none is given, and validate."""
    for key in GRADUATION_FIELDS:
        if key in fields:
            value = fields[key]
            setattr(graduation, key, value.strip() if isinstance(value, str) else value)
    errors = {}
    if graduation.programme_id is None and graduation.student_id and graduation.qualification_id:
        student = graduation.student
        programme, message = selectors.pick_programme(student, graduation.qualification,
                                                      selectors.programme_candidates(student.college_id))
        if programme is None:
            errors["programme"] = [message]
        graduation.programme = programme
    for key, message in graduation_problems(graduation).items():
        errors.setdefault(key, []).append(message)
    try:
        graduation.full_clean(validate_unique=False)  # uniqueness: graduation_problems says it in words
    except ValidationError as exc:
        for key, messages in exc.message_dict.items():
            if not (key == "programme" and key in errors):
                errors.setdefault(key, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    return graduation


# The student's status belongs to the registry: its service writes it.
mark_graduated = registry_services.mark_graduated


@transaction.atomic
def save_graduation(actor, obj: Graduation | None = None, **fields) -> Graduation:
    if obj is None:
        if not policy.can_create_graduation(actor):
            raise PermissionDenied(_("You may not record graduations."))
        student = fields.get("student")
        if student is not None and not policy.can_graduate(actor, student):
            raise PermissionDenied(_("You may not record this student's graduation."))
    else:
        if not policy.can_edit_graduation(actor, obj):
            raise PermissionDenied(_("You may not change this graduation."))
        fields.pop("student", None)  # a graduation stays the student's
    graduation = prepare_graduation(obj or Graduation(), fields)
    created = graduation.pk is None
    graduation.save()
    if created:
        mark_graduated(graduation.student)
    return graduation
