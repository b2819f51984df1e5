"""API of the registry: colleges (public to read, the policy decides who writes)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import P, PathEx, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from kasip.api.auth import PUBLIC
from kasip.api.crud import add_crud
from kasip.api.pagination import Pagination
from kasip.api.schemas import ERRORS, InputSchema

from . import entities, policy, selectors, services
from .models import (
    College,
    District,
    EducationBase,
    Enterprise,
    Funding,
    Group,
    Language,
    Ownership,
    Programme,
    Qualification,
    Specialty,
    Student,
    StudentEventKind,
    StudentStatus,
    StudyForm,
    StudyLanguage,
)

router = Router(tags=["registry"])
StudentId = PathEx[int, P(ge=1, le=2**63 - 1)]

# PUBLIC lets anonymous requests through, which ninja leaves out of the schema; the empty requirement says so.
OPTIONAL_AUTH = {"security": [{}]}
# A college's key is its organisation_ptr, and lookups on a relation skip Django's out-of-range guard for
# integers: /colleges/9223372036854775808 (or -2**70) reached the database and failed there (a 500).
# An id is a positive 64-bit integer; anything else is refused with a 422.
CollegeId = PathEx[int, P(ge=1, le=2**63 - 1)]


class DistrictOut(Schema):
    kato: str
    kind: str
    name_kk: str
    name_ru: str
    name_en: str


class CollegeOut(Schema):
    id: int
    bin: str | None
    name_kk: str
    name_ru: str
    name_en: str
    district: DistrictOut
    ownership: str
    languages: list[str]
    nobd_id: str | None
    address: str
    phone: str
    email: str
    website: str
    is_active: bool

    @staticmethod
    def resolve_languages(obj) -> list[str]:
        return [c for c in obj.languages.split(",") if c]


class CollegeIn(InputSchema):
    bin: str = Field(max_length=12)
    name_kk: str = Field(min_length=1, max_length=300)
    name_ru: str = Field("", max_length=300)
    name_en: str = Field("", max_length=300)
    district_kato: str = Field(max_length=9)
    ownership: Ownership = Ownership.STATE
    languages: list[Language] = Field(min_length=1, max_length=3)
    nobd_id: str | None = Field(None, max_length=32)
    address: str = Field("", max_length=300)
    phone: str = Field("", max_length=64)
    email: str = Field("", max_length=254)
    website: str = Field("", max_length=200)


class CollegePatch(InputSchema):
    name_kk: str | None = Field(None, min_length=1, max_length=300)
    name_ru: str | None = Field(None, max_length=300)
    name_en: str | None = Field(None, max_length=300)
    district_kato: str | None = Field(None, max_length=9)
    ownership: Ownership | None = None
    languages: list[Language] | None = Field(None, min_length=1, max_length=3)
    nobd_id: str | None = Field(None, max_length=32)
    address: str | None = Field(None, max_length=300)
    phone: str | None = Field(None, max_length=64)
    email: str | None = Field(None, max_length=254)
    website: str | None = Field(None, max_length=200)
    is_active: bool | None = None


def _fields(data: dict) -> dict:
    if "district_kato" in data:
        kato = data.pop("district_kato")
        district = District.objects.filter(kato=kato).first()
        if district is None:
            raise ValidationError({"district_kato": _("Unknown КАТО code “%(value)s”.") % {"value": kato}})
        data["district"] = district
    if "languages" in data:
        data["languages"] = ",".join(str(getattr(c, "value", c)) for c in data["languages"])
    if "ownership" in data:
        data["ownership"] = str(getattr(data["ownership"], "value", data["ownership"]))
    return data


@router.get("/colleges", response={200: list[CollegeOut], **ERRORS}, auth=PUBLIC, openapi_extra=OPTIONAL_AUTH)
@paginate(Pagination)
def list_colleges(request, q: str = "", district: str = "", ownership: str = "", language: str = ""):
    return selectors.colleges(request.auth, q=q, district=district, ownership=ownership, language=language)


@router.get("/colleges/{college_id}", response={200: CollegeOut, **ERRORS}, auth=PUBLIC,
            openapi_extra=OPTIONAL_AUTH)
def get_college(request, college_id: CollegeId):
    college = get_object_or_404(College.objects.select_related("district"), pk=college_id)
    if not college.is_active and not (policy.can_see_inactive_colleges(request.auth)
                                      or policy.can_edit_college(request.auth, college)):
        raise PermissionDenied(_("This college is not active."))
    return college


@router.post("/colleges", response={201: CollegeOut, **ERRORS})
def create_college(request, payload: CollegeIn):
    if not policy.can_create_college(request.auth):
        raise PermissionDenied(_("You may not add colleges."))
    college = services.create_college(request.auth, **_fields(payload.dict()))
    return Status(201, college)


@router.patch("/colleges/{college_id}", response={200: CollegeOut, **ERRORS})
def update_college(request, college_id: CollegeId, payload: CollegePatch):
    college = get_object_or_404(College, pk=college_id)
    if not policy.can_edit_college(request.auth, college):
        raise PermissionDenied(_("You may not change this college."))
    data = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None or k == "nobd_id"}
    active = data.pop("is_active", None)
    if data:
        college = services.update_college(request.auth, college, **_fields(data))
    if active is not None and active != college.is_active:
        college = services.set_college_active(request.auth, college, active)
    return college


# --- the other registry entities (generic operations of kasip.api.crud) ---------------


def _lookup(model, field: str, value, what: str, **extra):
    if value in (None, ""):
        return None
    obj = model.objects.filter(**{field: value}, **extra).first()
    if obj is None:
        raise ValidationError({what: _("Unknown value “%(value)s”.") % {"value": value}})
    return obj


def _convert(data: dict, actor, obj, lookups: dict) -> dict:
    out = {}
    for key, value in data.items():
        if key in lookups:
            field, model, column = lookups[key]
            out[field] = _lookup(model, column, value, key)
        else:
            out[key] = getattr(value, "value", value)
    return out


class CodeNameOut(Schema):
    id: int
    code: str
    name_kk: str
    name_ru: str
    name_en: str
    is_active: bool


class SpecialtyIn(InputSchema):
    code: str = Field(pattern=r"^\d{8}$")
    name_kk: str = Field(min_length=1, max_length=300)
    name_ru: str = Field("", max_length=300)
    name_en: str = Field("", max_length=300)


class SpecialtyPatch(InputSchema):
    name_kk: str | None = Field(None, min_length=1, max_length=300)
    name_ru: str | None = Field(None, max_length=300)
    name_en: str | None = Field(None, max_length=300)
    is_active: bool | None = None


class QualificationOut(CodeNameOut):
    specialty_code: str
    level: int

    @staticmethod
    def resolve_specialty_code(obj) -> str:
        return obj.specialty.code


class QualificationIn(InputSchema):
    code: str = Field(pattern=r"^\d[A-Z]{1,2}\d{8}$")
    specialty_code: str = Field(pattern=r"^\d{8}$")
    name_kk: str = Field(min_length=1, max_length=300)
    name_ru: str = Field("", max_length=300)
    name_en: str = Field("", max_length=300)


class QualificationPatch(SpecialtyPatch):
    pass


class CodeFilters(Schema):
    q: str = ""


class QualificationFilters(Schema):
    q: str = ""
    specialty: str = ""
    kind: str = Field("", pattern=r"^(W|S|AB)?$")


class IntakeOut(Schema):
    year: int
    state_order: int
    enterprise_order: int
    paid: int


class ProgrammeOut(Schema):
    id: int
    college_id: int
    college_bin: str
    qualification_code: str
    language: str
    base: str
    form: str
    hours_theory: int
    hours_practice: int
    hours_total: int
    is_dual: bool
    is_active: bool
    intakes: list[IntakeOut]

    @staticmethod
    def resolve_college_bin(obj) -> str:
        return obj.college.bin

    @staticmethod
    def resolve_qualification_code(obj) -> str:
        return obj.qualification.code

    @staticmethod
    def resolve_intakes(obj) -> list:
        return list(obj.intakes.all())


class ProgrammeIn(InputSchema):
    college_bin: str | None = Field(None, max_length=12)
    qualification_code: str = Field(max_length=11)
    language: StudyLanguage
    base: EducationBase
    form: StudyForm = StudyForm.FULL_TIME
    hours_theory: int = Field(ge=0, le=20000)
    hours_practice: int = Field(ge=0, le=20000)
    hours_total: int = Field(ge=0, le=40000)
    is_dual: bool = False


class ProgrammePatch(InputSchema):
    hours_theory: int | None = Field(None, ge=0, le=20000)
    hours_practice: int | None = Field(None, ge=0, le=20000)
    hours_total: int | None = Field(None, ge=0, le=40000)
    is_dual: bool | None = None
    is_active: bool | None = None


class ProgrammeFilters(Schema):
    q: str = ""
    district: str = ""
    language: str = ""
    base: str = ""
    form: str = ""
    dual: str = ""


class GroupOut(Schema):
    id: int
    college_id: int
    programme_id: int
    code: str
    admission_year: int
    curator_id: int | None
    is_active: bool


class GroupIn(InputSchema):
    programme_id: int = Field(ge=1, le=2**63 - 1)
    code: str = Field(min_length=1, max_length=40)
    admission_year: int = Field(ge=2000, le=2100)


class GroupPatch(InputSchema):
    code: str | None = Field(None, min_length=1, max_length=40)
    admission_year: int | None = Field(None, ge=2000, le=2100)
    is_active: bool | None = None


class GroupFilters(Schema):
    q: str = ""
    college: str = ""
    year: str = ""


class EnterpriseOut(Schema):
    id: int
    bin: str | None
    name_kk: str
    name_ru: str
    name_en: str
    district: DistrictOut
    oked: str
    headcount: int | None
    is_active: bool


class EnterpriseIn(InputSchema):
    bin: str = Field(max_length=12)
    name_kk: str = Field(min_length=1, max_length=300)
    name_ru: str = Field("", max_length=300)
    name_en: str = Field("", max_length=300)
    district_kato: str = Field(max_length=9)
    oked: str = Field(pattern=r"^\d{5}$")
    headcount: int | None = Field(None, ge=0, le=10**7)


class EnterprisePatch(InputSchema):
    name_kk: str | None = Field(None, min_length=1, max_length=300)
    name_ru: str | None = Field(None, max_length=300)
    name_en: str | None = Field(None, max_length=300)
    district_kato: str | None = Field(None, max_length=9)
    oked: str | None = Field(None, pattern=r"^\d{5}$")
    headcount: int | None = Field(None, ge=0, le=10**7)
    is_active: bool | None = None


class EnterpriseFilters(Schema):
    q: str = ""
    district: str = ""
    oked: str = ""


class SiteOut(Schema):
    id: int
    enterprise_id: int
    name: str
    district: DistrictOut
    address: str
    hazardous: bool
    is_active: bool


class SiteIn(InputSchema):
    enterprise_bin: str | None = Field(None, max_length=12)
    name: str = Field(min_length=1, max_length=300)
    district_kato: str = Field(max_length=9)
    address: str = Field("", max_length=300)
    hazardous: bool = False


class SitePatch(InputSchema):
    name: str | None = Field(None, min_length=1, max_length=300)
    address: str | None = Field(None, max_length=300)
    hazardous: bool | None = None
    is_active: bool | None = None


class SiteFilters(Schema):
    q: str = ""
    district: str = ""
    hazardous: str = ""


class StudentOut(Schema):
    id: int
    iin: str
    last_name: str
    first_name: str
    patronymic: str
    birth_date: dt.date
    sex: str
    college_id: int
    group_id: int | None
    base: str
    funding: str
    status: str
    consent: bool
    consent_date: dt.date | None
    nobd_id: str | None
    phone: str
    email: str


class StudentIn(InputSchema):
    iin: str = Field(max_length=12)
    last_name: str = Field(min_length=1, max_length=150)
    first_name: str = Field(min_length=1, max_length=150)
    patronymic: str = Field("", max_length=150)
    college_bin: str | None = Field(None, max_length=12)
    group_id: int | None = Field(None, ge=1, le=2**63 - 1)
    base: EducationBase
    funding: Funding
    consent: bool = False
    consent_date: dt.date | None = None
    nobd_id: str | None = Field(None, max_length=32)
    phone: str = Field("", max_length=32)
    email: str = Field("", max_length=254)


class StudentPatch(InputSchema):
    last_name: str | None = Field(None, min_length=1, max_length=150)
    first_name: str | None = Field(None, min_length=1, max_length=150)
    patronymic: str | None = Field(None, max_length=150)
    group_id: int | None = Field(None, ge=1, le=2**63 - 1)
    base: EducationBase | None = None
    funding: Funding | None = None
    status: StudentStatus | None = None
    consent: bool | None = None
    consent_date: dt.date | None = None
    phone: str | None = Field(None, max_length=32)
    email: str | None = Field(None, max_length=254)


class StudentFilters(Schema):
    q: str = ""
    college: str = ""
    group: str = ""
    status: str = ""
    funding: str = ""


def _district(data):
    if "district_kato" in data:
        data["district"] = _lookup(District, "kato", data.pop("district_kato"), "district_kato")
    return data


def specialty_fields(data, actor, obj):
    return data


def qualification_fields(data, actor, obj):
    return _convert(data, actor, obj, {"specialty_code": ("specialty", Specialty, "code")})


def programme_fields(data, actor, obj):
    return _convert(data, actor, obj, {"college_bin": ("college", College, "bin"),
                                       "qualification_code": ("qualification", Qualification, "code")})


def group_fields(data, actor, obj):
    return _convert(data, actor, obj, {"programme_id": ("programme", Programme, "pk")})


def enterprise_fields(data, actor, obj):
    return _district(dict(data))


def site_fields(data, actor, obj):
    return _district(_convert(data, actor, obj, {"enterprise_bin": ("enterprise", Enterprise, "bin")}))


def student_fields(data, actor, obj):
    data = _convert(data, actor, obj, {"college_bin": ("college", College, "bin"), "group_id": ("group", Group, "pk")})
    if data.get("college") is None:
        data.pop("college", None)
    if obj is None and "birth_date" not in data:
        from kasip.core.validators import IdentifierError, iin_birth_date

        try:
            data["birth_date"] = iin_birth_date(data.get("iin", ""))
        except (IdentifierError, IndexError, ValueError) as exc:
            raise ValidationError({"iin": _(str(exc)) if isinstance(exc, IdentifierError)
                                   else _("IIN must be exactly 12 digits")}) from exc
    return data


class DistrictListOut(DistrictOut):
    id: int
    region_kato: str

    @staticmethod
    def resolve_region_kato(obj) -> str:
        return obj.region.kato


class DistrictFilters(Schema):
    q: str = ""
    kind: str = Field("", pattern=r"^(city|district)?$")


add_crud(router, entities.DISTRICTS, DistrictListOut, filters=DistrictFilters, public=True)
add_crud(router, entities.SPECIALTIES, CodeNameOut, filters=CodeFilters, create_in=SpecialtyIn,
         patch_in=SpecialtyPatch, to_fields=specialty_fields, public=True)
add_crud(router, entities.QUALIFICATIONS, QualificationOut, filters=QualificationFilters, create_in=QualificationIn,
         patch_in=QualificationPatch, to_fields=qualification_fields, public=True)
add_crud(router, entities.PROGRAMMES, ProgrammeOut, filters=ProgrammeFilters, create_in=ProgrammeIn,
         patch_in=ProgrammePatch, to_fields=programme_fields, public=True)
class IntakeListOut(IntakeOut):
    id: int
    programme_id: int


class IntakeIn(InputSchema):
    programme_id: int = Field(ge=1, le=2**63 - 1)
    year: int = Field(ge=2000, le=2100)
    state_order: int = Field(0, ge=0, le=100000)
    enterprise_order: int = Field(0, ge=0, le=100000)
    paid: int = Field(0, ge=0, le=100000)


class IntakePatch(InputSchema):
    state_order: int | None = Field(None, ge=0, le=100000)
    enterprise_order: int | None = Field(None, ge=0, le=100000)
    paid: int | None = Field(None, ge=0, le=100000)


class IntakeFilters(Schema):
    q: str = ""
    year: str = ""
    college: str = ""


def intake_fields(data, actor, obj):
    return _convert(data, actor, obj, {"programme_id": ("programme", Programme, "pk")})


add_crud(router, entities.INTAKES, IntakeListOut, filters=IntakeFilters, create_in=IntakeIn, patch_in=IntakePatch,
         to_fields=intake_fields, public=True)
add_crud(router, entities.GROUPS, GroupOut, filters=GroupFilters, create_in=GroupIn, patch_in=GroupPatch,
         to_fields=group_fields)
add_crud(router, entities.ENTERPRISES, EnterpriseOut, filters=EnterpriseFilters, create_in=EnterpriseIn,
         patch_in=EnterprisePatch, to_fields=enterprise_fields)
add_crud(router, entities.SITES, SiteOut, filters=SiteFilters, create_in=SiteIn, patch_in=SitePatch,
         to_fields=site_fields)
add_crud(router, entities.STUDENTS, StudentOut, filters=StudentFilters, create_in=StudentIn, patch_in=StudentPatch,
         to_fields=student_fields)


class StudentEventIn(InputSchema):
    kind: StudentEventKind
    date: dt.date
    order_number: str = Field(min_length=1, max_length=50)
    order_date: dt.date
    to_group_id: int | None = Field(None, ge=1, le=2**63 - 1)
    reason: str = Field("", max_length=300)


class StudentEventOut(Schema):
    id: int
    kind: str
    date: dt.date
    order_number: str
    order_date: dt.date
    from_group_id: int | None
    to_group_id: int | None
    reason: str


@router.get("/students/{student_id}/events", response={200: list[StudentEventOut], **ERRORS},
            summary="A student's admissions, transfers and expulsions with their orders")
def list_student_events(request, student_id: StudentId):
    student = get_object_or_404(Student, pk=student_id)
    if not policy.can_view_student(request.auth, student):
        raise PermissionDenied(_("You may not do this."))
    return list(student.events.all())


@router.post("/students/{student_id}/events", response={201: StudentEventOut, **ERRORS},
             summary="Record an admission, transfer, leave, reinstatement or expulsion by a college order")
def create_student_event(request, student_id: StudentId, payload: StudentEventIn):
    student = get_object_or_404(Student, pk=student_id)
    if not policy.can_edit_student(request.auth, student):
        raise PermissionDenied(_("You may not do this."))
    data = payload.dict()
    to_group = _lookup(Group, "pk", data.pop("to_group_id"), "to_group_id")
    data["kind"] = str(getattr(data["kind"], "value", data["kind"]))
    try:
        event = services.record_student_event(request.auth, student, to_group=to_group, **data)
    except ValidationError as exc:
        raise ValidationError({("to_group_id" if k == "to_group" else k): v
                               for k, v in exc.message_dict.items()}) from exc
    return Status(201, event)
