"""Writes of graduations and employment records: one function per use case, each in a transaction."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kasip.registry import services as registry_services
from kasip.registry.models import Enterprise, StudentStatus

from . import policy, selectors
from .models import EmploymentRecord, EmploymentStatus, Graduation, WageBand

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


# --- employment records ---------------------------------------------------------------
RECORD_FIELDS = ("graduation", "months_after", "status", "employer_name", "employer_bin", "occupation_code",
                 "occupation_title", "in_specialty", "wage_band", "source", "recorded_on")


def apply_record_fields(record: EmploymentRecord, fields: dict, *, enterprises: dict | None = None) -> EmploymentRecord:
    """Set the fields (strings stripped) and link the employer when its BIN is a registered enterprise.

    `enterprises` (BIN -> enterprise) lets an import do it without a query per row.
    """
    for key in RECORD_FIELDS:
        if key in fields:
            value = fields[key]
            setattr(record, key, value.strip() if isinstance(value, str) else value)
    record.occupation_code = (record.occupation_code or "").upper()
    if record.status == EmploymentStatus.EMPLOYED and not record.wage_band:
        record.wage_band = WageBand.UNKNOWN
    employer = None
    if record.employer_bin:
        if enterprises is not None:
            employer = enterprises.get(record.employer_bin)
        else:
            employer = Enterprise.objects.filter(bin=record.employer_bin).first()
    record.employer = employer
    if employer is not None and not record.employer_name and record.status == EmploymentStatus.EMPLOYED:
        record.employer_name = employer.name
    return record


def record_problems(record: EmploymentRecord) -> dict[str, list[str]]:
    """The model's checks without a query (the graduation is given): {field: messages}."""
    errors: dict[str, list[str]] = {}
    try:
        record.clean_fields(exclude=["graduation", "employer"])
    except ValidationError as exc:
        for key, messages in exc.message_dict.items():
            errors.setdefault(key, []).extend(messages)
    try:
        record.clean()
    except ValidationError as exc:
        for key, messages in exc.message_dict.items():
            errors.setdefault(key, []).extend(m for m in messages if m not in errors.get(key, []))
    return errors


def prepare_record(record: EmploymentRecord, fields: dict) -> EmploymentRecord:
    apply_record_fields(record, fields)
    errors = {} if record.graduation_id else {"graduation": [_("Name the graduate.")]}
    for key, messages in record_problems(record).items():
        errors.setdefault(key, []).extend(messages)
    if record.graduation_id and record.months_after in (6, 12) and "months_after" not in errors:
        other = selectors.record_for(record.graduation_id, record.months_after, exclude_pk=record.pk)
        if other is not None:
            errors["months_after"] = [_("This graduate's record at %(months)s months exists already; change that "
                                        "one.") % {"months": record.months_after}]
    if errors:
        raise ValidationError(errors)
    return record


@transaction.atomic
def save_employment_record(actor, obj: EmploymentRecord | None = None, **fields) -> EmploymentRecord:
    """Record (or correct) what a graduate was doing 6 or 12 months after graduating."""
    if obj is None:
        if not policy.can_create_employment(actor):
            raise PermissionDenied(_("You may not record graduates' employment."))
        graduation = fields.get("graduation")
        if graduation is not None and not policy.can_record_employment(actor, graduation):
            raise PermissionDenied(_("You may not record this graduate's employment."))
    else:
        if not policy.can_edit_employment(actor, obj):
            raise PermissionDenied(_("You may not change this employment record."))
        fields.pop("graduation", None)  # a record stays the graduate's
    record = prepare_record(obj or EmploymentRecord(), fields)
    record.save()
    return record
