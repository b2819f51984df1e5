"""Writes of the registry: one function per use case, each in a transaction."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kasip.core.validators import IdentifierError, iin_birth_date, iin_sex, validate_iin

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
    StudentEvent,
    StudentEventKind,
    StudentStatus,
)

COLLEGE_FIELDS = ("bin", "name_kk", "name_ru", "name_en", "district", "ownership", "languages",
                  "nobd_id", "address", "phone", "email", "website")


def _apply(college: College, fields: dict) -> None:
    for key in COLLEGE_FIELDS:
        if key in fields:
            setattr(college, key, fields[key])
    if college.nobd_id == "":
        college.nobd_id = None
    if isinstance(college.languages, list | tuple):
        college.languages = ",".join(college.languages)


@transaction.atomic
def create_college(actor, **fields) -> College:
    if not policy.can_create_college(actor):
        raise PermissionDenied(_("You may not add colleges."))
    college = College()
    _apply(college, fields)
    college.full_clean()
    college.save()
    return college


@transaction.atomic
def update_college(actor, college: College, **fields) -> College:
    if not policy.can_edit_college(actor, college):
        raise PermissionDenied(_("You may not change this college."))
    if "bin" in fields and fields["bin"] != college.bin and not policy.can_create_college(actor):
        raise PermissionDenied(_("Only the region admin may change a college's BIN."))
    _apply(college, fields)
    college.full_clean()
    college.save()
    return college


@transaction.atomic
def set_college_active(actor, college: College, active: bool) -> College:
    if not policy.can_deactivate_college(actor, college):
        raise PermissionDenied(_("You may not deactivate colleges."))
    college.is_active = active
    college.save()
    return college


# --- generic writes of the other registry entities ------------------------------------
def _write(obj, fields: dict, allowed: tuple[str, ...]):
    for key in allowed:
        if key in fields:
            setattr(obj, key, fields[key])
    obj.full_clean()
    obj.save()
    return obj


def _require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied(_("You may not do this."))


SPECIALTY_FIELDS = ("code", "name_kk", "name_ru", "name_en")
QUALIFICATION_FIELDS = ("code", "specialty", "name_kk", "name_ru", "name_en")
PROGRAMME_FIELDS = ("college", "qualification", "language", "base", "form", "hours_theory", "hours_practice",
                    "hours_total", "is_dual")
GROUP_FIELDS = ("college", "programme", "code", "admission_year", "curator")
ENTERPRISE_FIELDS = ("bin", "name_kk", "name_ru", "name_en", "district", "oked", "headcount")
SITE_FIELDS = ("enterprise", "name", "district", "address", "hazardous")
STUDENT_FIELDS = ("iin", "last_name", "first_name", "patronymic", "birth_date", "college", "group", "base",
                  "funding", "status", "consent", "consent_date", "nobd_id", "phone", "email")


@transaction.atomic
def save_specialty(actor, obj=None, **fields):
    _require(policy.can_manage_classifier(actor))
    return _write(obj or Specialty(), fields, SPECIALTY_FIELDS)


@transaction.atomic
def save_qualification(actor, obj=None, **fields):
    _require(policy.can_manage_classifier(actor))
    return _write(obj or Qualification(), fields, QUALIFICATION_FIELDS)


@transaction.atomic
def save_programme(actor, obj=None, **fields):
    if obj is None:
        _require(policy.can_create_programme(actor))
        if not policy.is_region_admin(actor):
            fields["college"] = College.objects.get(pk=actor.organisation_id)
    else:
        _require(policy.can_edit_programme(actor, obj))
        if not policy.is_region_admin(actor):
            fields.pop("college", None)
    return _write(obj or Programme(), fields, PROGRAMME_FIELDS)


@transaction.atomic
def save_intake(actor, programme: Programme, year: int, state_order: int, enterprise_order: int, paid: int):
    _require(policy.can_edit_programme(actor, programme))
    intake = ProgrammeIntake.objects.filter(programme=programme, year=year).first() or ProgrammeIntake(
        programme=programme, year=year)
    return _write(intake, {"state_order": state_order, "enterprise_order": enterprise_order, "paid": paid},
                  ("state_order", "enterprise_order", "paid"))


@transaction.atomic
def save_group(actor, obj=None, **fields):
    if obj is None:
        _require(policy.can_create_group(actor))
    else:
        _require(policy.can_edit_group(actor, obj))
    if not policy.is_region_admin(actor):
        fields["college"] = College.objects.get(pk=actor.organisation_id)
    elif fields.get("programme") is not None:
        fields["college"] = fields["programme"].college
    return _write(obj or Group(), fields, GROUP_FIELDS)


@transaction.atomic
def save_enterprise(actor, obj=None, **fields):
    if obj is None:
        _require(policy.can_create_enterprise(actor))
    else:
        _require(policy.can_edit_enterprise(actor, obj))
        if not policy.is_region_admin(actor):
            fields.pop("bin", None)
    return _write(obj or Enterprise(), fields, ENTERPRISE_FIELDS)


@transaction.atomic
def save_site(actor, obj=None, **fields):
    if obj is None:
        _require(policy.can_create_site(actor))
        if not policy.is_region_admin(actor):
            fields["enterprise"] = Enterprise.objects.get(pk=actor.organisation_id)
    else:
        _require(policy.can_edit_site(actor, obj))
        fields.pop("enterprise", None)
    return _write(obj or EnterpriseSite(), fields, SITE_FIELDS)


@transaction.atomic
def save_student(actor, obj=None, **fields):
    if obj is None:
        _require(policy.can_create_student(actor))
        if not policy.is_region_admin(actor):
            fields["college"] = College.objects.get(pk=actor.organisation_id)
    else:
        _require(policy.can_edit_student(actor, obj))
        if not policy.is_region_admin(actor):
            fields.pop("college", None)
    if not fields.get("nobd_id"):
        fields["nobd_id"] = None
    student = obj or Student()
    iin = fields.get("iin", student.iin)
    try:  # the date of birth and sex come from the IIN; a disagreeing date is reported by clean()
        born = iin_birth_date(validate_iin(iin or ""))
        student.sex = iin_sex(iin)
        fields.setdefault("birth_date", born)
        if fields.get("birth_date") is None:
            fields["birth_date"] = born
    except IdentifierError:
        pass
    return _write(student, fields, STUDENT_FIELDS)


@transaction.atomic
def record_student_event(actor, student: Student, *, kind: str, date, order_number: str, order_date,
                         to_group: Group | None = None, reason: str = "") -> StudentEvent:
    """Admission, transfer, leave, reinstatement or expulsion by a college order; the student's
    group and status follow."""
    _require(policy.can_edit_student(actor, student))
    errors = {}
    if not order_number.strip():
        errors["order_number"] = _("The number of the college order is required.")
    if kind in (StudentEventKind.TRANSFER, StudentEventKind.ADMISSION) and to_group is None:
        errors["to_group"] = _("Choose the group.")
    if to_group is not None and to_group.college_id != student.college_id:
        errors["to_group"] = _("The group belongs to another college.")
    if kind == StudentEventKind.EXPULSION and student.status == StudentStatus.EXPELLED:
        errors["kind"] = _("The student is already expelled.")
    if errors:
        raise ValidationError(errors)
    event = StudentEvent.objects.create(student=student, kind=kind, date=date, order_number=order_number.strip(),
                                        order_date=order_date, from_group=student.group, to_group=to_group,
                                        reason=reason)
    if kind in (StudentEventKind.ADMISSION, StudentEventKind.TRANSFER):
        student.group = to_group
        student.status = StudentStatus.STUDYING
    elif kind == StudentEventKind.EXPULSION:
        student.status = StudentStatus.EXPELLED
    elif kind == StudentEventKind.LEAVE:
        student.status = StudentStatus.ACADEMIC_LEAVE
    elif kind == StudentEventKind.REINSTATEMENT:
        student.status = StudentStatus.STUDYING
        if to_group is not None:
            student.group = to_group
    student.save()
    return event


@transaction.atomic
def set_active(actor, obj, active: bool, allowed: bool):
    _require(allowed)
    obj.is_active = active
    obj.save()
    return obj


def mark_graduated(student: Student) -> None:
    """The student's status follows a recorded graduation (through the model, so the audit log sees it)."""
    if student.status != StudentStatus.GRADUATED:
        student.status = StudentStatus.GRADUATED
        student.save(update_fields=["status", "updated_at"])


@transaction.atomic
def save_district(actor, obj=None, **fields):
    _require(policy.can_manage_classifier(actor))
    return _write(obj or District(), fields, ("region", "kato", "kind", "name_kk", "name_ru", "name_en"))


@transaction.atomic
def save_intake_record(actor, obj=None, **fields):
    programme = fields.get("programme") or (obj.programme if obj else None)
    _require(programme is not None and policy.can_edit_programme(actor, programme))
    if obj is not None:
        _require(policy.can_edit_programme(actor, obj.programme))
    return _write(obj or ProgrammeIntake(), fields, ("programme", "year", "state_order", "enterprise_order", "paid"))
