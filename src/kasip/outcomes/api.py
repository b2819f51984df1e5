"""API of graduations and employment records (the same policy as the pages; every read of one is audited)
and the public figures of graduate outcomes."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import P, PathEx, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from kasip.api.auth import PUBLIC
from kasip.api.pagination import Pagination
from kasip.api.schemas import ERRORS, InputSchema
from kasip.core import audit
from kasip.registry.models import College, Programme, Qualification

from . import policy, selectors, services
from .models import EmploymentSource, EmploymentStatus, WageBand

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


# --- employment records -----------------------------------------------------------------
RecordId = PathEx[int, P(ge=1, le=MAX_ID)]
CLEARABLE = {"employer_name": "", "employer_bin": "", "occupation_code": "", "occupation_title": "",
             "in_specialty": None, "wage_band": ""}


class GraduateRef(Schema):
    graduation_id: int
    iin: str
    full_name: str
    college_id: int
    diploma_number: str
    date_of_graduation: dt.date


class EmploymentRecordOut(Schema):
    id: int
    graduate: GraduateRef
    months_after: int
    status: EmploymentStatus
    employer_name: str
    employer_bin: str
    employer_id: int | None = Field(None, description="The registered enterprise whose BIN this is")
    occupation_code: str
    occupation_title: str
    in_specialty: bool | None
    wage_band: WageBand | None
    source: EmploymentSource
    recorded_on: dt.date

    @staticmethod
    def resolve_graduate(obj) -> dict:
        g = obj.graduation
        return {"graduation_id": g.pk, "iin": g.student.iin, "full_name": g.student.full_name,
                "college_id": g.student.college_id, "diploma_number": g.diploma_number, "date_of_graduation": g.date}

    @staticmethod
    def resolve_wage_band(obj) -> str | None:
        return obj.wage_band or None


class EmploymentRecordIn(InputSchema):
    student_iin: str | None = Field(None, pattern=r"^[0-9]{12}$", description="The graduate's IIN (or give the "
                                                                            "diploma number)")
    diploma_number: str | None = Field(None, min_length=1, max_length=50)
    months_after: Literal[6, 12]
    status: EmploymentStatus
    employer_name: str = Field("", max_length=300)
    employer_bin: str | None = Field(None, pattern=r"^[0-9]{12}$")
    occupation_code: str | None = Field(None, max_length=7, description="ISCO-08 (7212) or НК РК 01-2017 (7212-1)")
    occupation_title: str = Field("", max_length=300)
    in_specialty: bool | None = None
    wage_band: WageBand | None = None
    source: EmploymentSource = EmploymentSource.OTHER
    recorded_on: dt.date


class EmploymentRecordPatch(InputSchema):
    status: EmploymentStatus | None = None
    employer_name: str | None = Field(None, max_length=300)
    employer_bin: str | None = Field(None, pattern=r"^[0-9]{12}$")
    occupation_code: str | None = Field(None, max_length=7)
    occupation_title: str | None = Field(None, max_length=300)
    in_specialty: bool | None = None
    wage_band: WageBand | None = None
    source: EmploymentSource | None = None
    recorded_on: dt.date | None = None


def _record_fields(data: dict) -> dict:
    """Enums to their codes; null in a clearable field clears it; a non-employed status clears what was left."""
    out = {}
    for key, value in data.items():
        if value is None:
            if key in CLEARABLE:
                out[key] = CLEARABLE[key]
            continue
        out[key] = getattr(value, "value", value)
    if out.get("status") not in (None, EmploymentStatus.EMPLOYED):
        for key, empty in CLEARABLE.items():
            out.setdefault(key, empty)
    return out


def _record_renamed(exc: ValidationError) -> ValidationError:
    if not hasattr(exc, "error_dict"):
        return exc
    return ValidationError({("student_iin" if k == "graduation" else k): v for k, v in exc.error_dict.items()})


@router.get("/employment-records", response={200: list[EmploymentRecordOut], **ERRORS})
@paginate(Pagination)
def list_employment_records(request, q: str = "", year: str = "", college: str = "", months: str = "",
                            status: str = ""):
    """Graduates' employment records (personal data): the region admin's all, college staff's own college's."""
    if not policy.can_list_employment(request.auth):
        raise PermissionDenied(_("You may not see employment records."))
    return selectors.employment_records(request.auth, q=q, year=year, college=college, months=months, status=status)


@router.get("/employment-records/{record_id}", response={200: EmploymentRecordOut, **ERRORS})
def get_employment_record(request, record_id: RecordId):
    record = get_object_or_404(selectors.records_with_relations(), pk=record_id)
    if not policy.can_view_employment(request.auth, record):
        raise PermissionDenied(_("You may not see this employment record."))
    audit.log_read(request.auth, record)
    return record


@router.post("/employment-records", response={201: EmploymentRecordOut, **ERRORS})
def create_employment_record(request, payload: EmploymentRecordIn):
    if not policy.can_create_employment(request.auth):
        raise PermissionDenied(_("You may not record graduates' employment."))
    data = payload.dict()
    iin, number = data.pop("student_iin"), data.pop("diploma_number")
    if not iin and not number:
        raise ValidationError({"student_iin": _("Give the graduate's IIN or diploma number.")})
    graduation = selectors.graduation_for_employment(request.auth, iin=iin or "", diploma_number=number or "")
    if graduation is None:
        field = "student_iin" if iin else "diploma_number"
        raise ValidationError({field: _("No graduate with IIN or diploma %(value)s among the graduates whose "
                                        "employment you may record.") % {"value": iin or number}})
    try:
        record = services.save_employment_record(request.auth, graduation=graduation, **_record_fields(data))
    except ValidationError as exc:
        raise _record_renamed(exc) from exc
    return Status(201, selectors.records_with_relations().get(pk=record.pk))


@router.patch("/employment-records/{record_id}", response={200: EmploymentRecordOut, **ERRORS})
def update_employment_record(request, record_id: RecordId, payload: EmploymentRecordPatch):
    record = get_object_or_404(selectors.records_with_relations(), pk=record_id)
    if not policy.can_edit_employment(request.auth, record):
        raise PermissionDenied(_("You may not change this employment record."))
    data = _record_fields(payload.dict(exclude_unset=True))
    if data:
        try:
            services.save_employment_record(request.auth, record, **data)
        except ValidationError as exc:
            raise _record_renamed(exc) from exc
    return selectors.records_with_relations().get(pk=record.pk)


# --- figures ----------------------------------------------------------------------------
class Months(enum.IntEnum):
    """Months after graduation (a query string's "12" reads as 12, which a Literal would refuse)."""

    SIX = 6
    TWELVE = 12


class ShareOut(Schema):
    k: int | None = Field(description="Graduates counted in the numerator")
    n: int | None = Field(description="Graduates in the denominator")
    share: float | None = Field(description="k / n, between 0 and 1")
    low: float | None = Field(description="Lower bound of the 95 % Wilson score interval")
    high: float | None = Field(description="Upper bound of the 95 % Wilson score interval")
    suppressed: bool = Field(description="Hidden: fewer graduates than the threshold")


class RateCellOut(Schema):
    key: str
    label: str
    records: int | None = Field(description="Graduates with a record")
    suppressed: bool
    rate: ShareOut
    in_specialty: ShareOut = Field(description="Share of the employed who work in their specialty (of those whose "
                                               "specialty is known)")
    statuses: dict[str, int | None]
    wage_bands: dict[str, int | None]


class EmploymentRateOut(Schema):
    definition: str
    excluded_statuses: list[str]
    year: int | None
    months: int
    college: int | None
    by: str
    min_cell: int = Field(description="Cells with fewer graduates are suppressed (0: nothing is)")
    confidence: float
    total: RateCellOut
    rows: list[RateCellOut]


@router.get("/outcomes/employment-rate", response={200: EmploymentRateOut, **ERRORS}, auth=PUBLIC,
            openapi_extra={"security": [{}]})
def employment_rate(request, year: int | None = Query(None, ge=1900, le=2100, description="Year of graduation"),
                    months: Months = Query(12, description="Months after graduation"),  # noqa: B008
                    college: int | None = Query(None, ge=1, le=MAX_ID, description="A college's id"),
                    by: Literal["", "college", "programme", "dual", "year"] = Query(
                        "", description="Break down by college, programme (qualification), dual or not, year")):
    """The official employment rate with n and 95 % Wilson intervals; public, small cells suppressed."""
    if not policy.can_view_outcome_figures(request.auth):
        raise PermissionDenied(_("You may not see these figures."))
    if college is not None and not College.objects.filter(pk=college).exists():
        raise ValidationError({"college": _("No college with id %(value)s.") % {"value": college}})
    data = selectors.employment_rate(request.auth, year=year, months=int(months), college=college, by=by)
    return {**data, "total": data["total"].as_dict(), "rows": [c.as_dict() for c in data["rows"]]}
