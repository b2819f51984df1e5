"""API of graduations: the same policy as the pages; every read of one is audited."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import P, PathEx, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from kasip.api.pagination import Pagination
from kasip.api.schemas import ERRORS, InputSchema
from kasip.core import audit
from kasip.registry.models import Programme, Qualification

from . import policy, selectors, services

router = Router(tags=["outcomes"])

# An id is a positive 64-bit integer; anything else is refused with a 422 (see registry/api.py).
GraduationId = PathEx[int, P(ge=1, le=2**63 - 1)]
MAX_ID = 2**63 - 1


class StudentRef(Schema):
    id: int
    iin: str
    full_name: str
    college_id: int


class ProgrammeRef(Schema):
    id: int
    college_id: int
    qualification_code: str
    language: str
    base: str
    form: str

    @staticmethod
    def resolve_qualification_code(obj) -> str:
        return obj.qualification.code


class GraduationOut(Schema):
    id: int
    student: StudentRef
    programme: ProgrammeRef
    qualification_code: str
    date: dt.date
    diploma_number: str
    with_honours: bool

    @staticmethod
    def resolve_qualification_code(obj) -> str:
        return obj.qualification.code


class GraduationIn(InputSchema):
    student_iin: str = Field(min_length=12, max_length=12, pattern=r"^[0-9]{12}$")
    qualification_code: str = Field(min_length=1, max_length=11)
    programme_id: int | None = Field(None, ge=1, le=MAX_ID,
                                     description="Found from the student's group or college when left out")
    date: dt.date
    diploma_number: str = Field(min_length=1, max_length=50)
    with_honours: bool = False


class GraduationPatch(InputSchema):
    qualification_code: str | None = Field(None, min_length=1, max_length=11)
    programme_id: int | None = Field(None, ge=1, le=MAX_ID)
    date: dt.date | None = None
    diploma_number: str | None = Field(None, min_length=1, max_length=50)
    with_honours: bool | None = None


def _fields(data: dict) -> dict:
    """Codes and ids in the request become the objects they name; an unknown one is a 422 on its field."""
    errors = {}
    if "qualification_code" in data:
        code = data.pop("qualification_code")
        data["qualification"] = Qualification.objects.filter(code=code.strip().upper()).first()
        if data["qualification"] is None:
            errors["qualification_code"] = _("Unknown qualification code “%(value)s”.") % {"value": code}
    if "programme_id" in data:
        pk = data.pop("programme_id")
        data["programme"] = None
        if pk is not None:
            data["programme"] = Programme.objects.filter(pk=pk).first()
            if data["programme"] is None:
                errors["programme_id"] = _("No programme with id %(value)s.") % {"value": pk}
    if errors:
        raise ValidationError(errors)
    return data


def _renamed(exc: ValidationError) -> ValidationError:
    """Name the request's fields in the errors (programme_id, not programme)."""
    if not hasattr(exc, "error_dict"):
        return exc
    names = {"student": "student_iin", "programme": "programme_id", "qualification": "qualification_code"}
    return ValidationError({names.get(k, k): v for k, v in exc.error_dict.items()})


@router.get("/graduations", response={200: list[GraduationOut], **ERRORS})
@paginate(Pagination)
def list_graduations(request, q: str = "", year: str = "", college: str = "", programme: str = ""):
    if not policy.can_list_graduations(request.auth):
        raise PermissionDenied(_("You may not see graduations."))
    return selectors.graduations(request.auth, q=q, year=year, college=college, programme=programme)


@router.get("/graduations/{graduation_id}", response={200: GraduationOut, **ERRORS})
def get_graduation(request, graduation_id: GraduationId):
    graduation = get_object_or_404(selectors.graduations_with_relations(), pk=graduation_id)
    if not policy.can_view_graduation(request.auth, graduation):
        raise PermissionDenied(_("You may not see this graduation."))
    audit.log_read(request.auth, graduation)
    return graduation


@router.post("/graduations", response={201: GraduationOut, **ERRORS})
def create_graduation(request, payload: GraduationIn):
    if not policy.can_create_graduation(request.auth):
        raise PermissionDenied(_("You may not record graduations."))
    data = payload.dict()
    iin = data.pop("student_iin")
    student = selectors.student_by_iin(request.auth, iin)
    if student is None:
        raise ValidationError({"student_iin": _("No student with IIN %(value)s among the students you may graduate.")
                               % {"value": iin}})
    try:
        graduation = services.save_graduation(request.auth, student=student, **_fields(data))
    except ValidationError as exc:
        raise _renamed(exc) from exc
    return Status(201, graduation)


@router.patch("/graduations/{graduation_id}", response={200: GraduationOut, **ERRORS})
def update_graduation(request, graduation_id: GraduationId, payload: GraduationPatch):
    graduation = get_object_or_404(selectors.graduations_with_relations(), pk=graduation_id)
    if not policy.can_edit_graduation(request.auth, graduation):
        raise PermissionDenied(_("You may not change this graduation."))
    data = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    if data:
        try:
            graduation = services.save_graduation(request.auth, graduation, **_fields(data))
        except ValidationError as exc:
            raise _renamed(exc) from exc
    return graduation
