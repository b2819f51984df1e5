"""API of workforce needs: the same policy as the pages."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import P, PathEx, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from kasip.api.crud import add_crud
from kasip.api.pagination import Pagination
from kasip.api.schemas import ERRORS, InputSchema
from kasip.registry.models import College, District, Enterprise, Qualification

from . import entities, policy, selectors, services
from .models import MAX_STUDENTS_COVERED, MAX_SUBJECT, AgreementKind, AgreementStatus
from .services import MAX_COUNT

router = Router(tags=["partners"])

# An id is a positive 64-bit integer; anything else is refused with a 422 (see registry/api.py).
NeedId = PathEx[int, P(ge=1, le=2**63 - 1)]


class EnterpriseRef(Schema):
    id: int
    bin: str | None
    name: str


class NeedOut(Schema):
    id: int
    enterprise: EnterpriseRef
    occupation_title: str
    occupation_code: str
    qualification_code: str | None
    skill_level: int | None
    count: int
    year: int
    district_kato: str
    comment: str
    is_active: bool

    @staticmethod
    def resolve_qualification_code(obj) -> str | None:
        return obj.qualification.code if obj.qualification_id else None

    @staticmethod
    def resolve_district_kato(obj) -> str:
        return obj.district.kato


class NeedIn(InputSchema):
    enterprise_bin: str | None = Field(None, max_length=12,
                                       description="Required of the region admin; an enterprise's HR declares its own")
    occupation_title: str = Field(min_length=1, max_length=300)
    occupation_code: str = Field("", max_length=6, description="ISCO-08 (4 digits) or НК РК 01-2017 (like 4110-9)")
    qualification_code: str | None = Field(None, max_length=11)
    skill_level: int | None = Field(None, ge=1, le=4)
    count: int = Field(ge=1, le=MAX_COUNT)
    year: int = Field(ge=2000, le=2100)
    district_kato: str = Field(max_length=9)
    comment: str = Field("", max_length=500)


class NeedPatch(InputSchema):
    occupation_title: str | None = Field(None, min_length=1, max_length=300)
    occupation_code: str | None = Field(None, max_length=6)
    qualification_code: str | None = Field(None, max_length=11)
    skill_level: int | None = Field(None, ge=1, le=4)
    count: int | None = Field(None, ge=1, le=MAX_COUNT)
    year: int | None = Field(None, ge=2000, le=2100)
    district_kato: str | None = Field(None, max_length=9)
    comment: str | None = Field(None, max_length=500)
    is_active: bool | None = None


NULLABLE = {"qualification_code", "skill_level"}


def _fields(data: dict) -> dict:
    """Codes in the request become the objects they name; an unknown code is a 422 on its field."""
    errors = {}
    if "enterprise_bin" in data:
        bin_ = data.pop("enterprise_bin")
        if bin_ is not None:
            data["enterprise"] = Enterprise.objects.filter(bin=bin_.strip()).first()
            if data["enterprise"] is None:
                errors["enterprise_bin"] = _("No enterprise with BIN %(value)s.") % {"value": bin_}
    if "district_kato" in data:
        kato = data.pop("district_kato")
        data["district"] = District.objects.filter(kato=kato.strip()).first()
        if data["district"] is None:
            errors["district_kato"] = _("Unknown КАТО code “%(value)s”.") % {"value": kato}
    if "qualification_code" in data:
        code = data.pop("qualification_code")
        data["qualification"] = None
        if code:
            data["qualification"] = Qualification.objects.filter(code=code.strip().upper()).first()
            if data["qualification"] is None:
                errors["qualification_code"] = _("Unknown qualification code “%(value)s”.") % {"value": code}
    if errors:
        raise ValidationError(errors)
    return data


def _renamed(exc: ValidationError) -> ValidationError:
    """Name the request's fields in the errors (district_kato, not district)."""
    if not hasattr(exc, "error_dict"):
        return exc
    names = {"enterprise": "enterprise_bin", "district": "district_kato", "qualification": "qualification_code"}
    return ValidationError({names.get(k, k): v for k, v in exc.error_dict.items()})


@router.get("/needs", response={200: list[NeedOut], **ERRORS})
@paginate(Pagination)
def list_needs(request, q: str = "", year: str = "", district: str = "", enterprise: str = "", active: str = ""):
    if not policy.can_list_needs(request.auth):
        raise PermissionDenied(_("You may not see workforce needs."))
    return selectors.needs(request.auth, q=q, year=year, district=district, enterprise=enterprise, active=active)


@router.get("/needs/{need_id}", response={200: NeedOut, **ERRORS})
def get_need(request, need_id: NeedId):
    need = get_object_or_404(selectors.needs_with_relations(), pk=need_id)
    if not policy.can_view_need(request.auth, need):
        raise PermissionDenied(_("You may not see this workforce need."))
    return need


@router.post("/needs", response={201: NeedOut, **ERRORS})
def create_need(request, payload: NeedIn):
    if not policy.can_create_need(request.auth):
        raise PermissionDenied(_("You may not declare workforce needs."))
    data = payload.dict()
    if policy.own_enterprise_only(request.auth):
        data.pop("enterprise_bin", None)  # an enterprise's HR declares its own enterprise's needs
    elif not data.get("enterprise_bin"):
        raise ValidationError({"enterprise_bin": _("This value is required.")})
    try:
        need = services.save_need(request.auth, **_fields(data))
    except ValidationError as exc:
        raise _renamed(exc) from exc
    return Status(201, need)


@router.patch("/needs/{need_id}", response={200: NeedOut, **ERRORS})
def update_need(request, need_id: NeedId, payload: NeedPatch):
    need = get_object_or_404(selectors.needs_with_relations(), pk=need_id)
    if not policy.can_edit_need(request.auth, need):
        raise PermissionDenied(_("You may not change this workforce need."))
    data = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None or k in NULLABLE}
    active = data.pop("is_active", None)
    try:
        if data:
            need = services.save_need(request.auth, need, **_fields(data))
    except ValidationError as exc:
        raise _renamed(exc) from exc
    if active is not None and active != need.is_active:
        need = services.set_need_active(request.auth, need, active)
    return need


# --- partnership agreements -------------------------------------------------------------
class OrganisationRef(Schema):
    id: int
    bin: str | None
    name: str


class AgreementOut(Schema):
    id: int
    college: OrganisationRef
    enterprise: OrganisationRef
    kind: AgreementKind
    number: str
    signed_on: dt.date
    valid_from: dt.date
    valid_until: dt.date | None
    status: AgreementStatus
    in_force: bool
    students_covered: int | None
    subject: str
    has_document: bool = Field(description="The signed document is downloaded from the agreement's page")
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_has_document(obj) -> bool:
        return bool(obj.document)


class AgreementFilters(Schema):
    q: str = ""
    kind: str = ""
    status: str = ""
    college: str = Field("", description="A college's id")
    enterprise: str = Field("", description="An enterprise's id")
    in_force: str = Field("", description="1: in force today; 0: not in force")


class AgreementIn(InputSchema):
    college_bin: str | None = Field(None, max_length=12,
                                    description="Required of the region admin; a college's staff record their own")
    enterprise_bin: str = Field(max_length=12)
    kind: AgreementKind
    number: str = Field(min_length=1, max_length=50)
    signed_on: dt.date
    valid_from: dt.date
    valid_until: dt.date | None = None
    status: AgreementStatus | None = Field(None, description="Draft when left out; only the region admin and the "
                                                             "college's admin set another status")
    students_covered: int | None = Field(None, ge=0, le=MAX_STUDENTS_COVERED)
    subject: str = Field("", max_length=MAX_SUBJECT)


class AgreementPatch(InputSchema):
    enterprise_bin: str | None = Field(None, max_length=12)
    kind: AgreementKind | None = None
    number: str | None = Field(None, min_length=1, max_length=50)
    signed_on: dt.date | None = None
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    status: AgreementStatus | None = Field(None, description="Activate, suspend, terminate: the region admin and "
                                                             "the college's admin")
    students_covered: int | None = Field(None, ge=0, le=MAX_STUDENTS_COVERED)
    subject: str | None = Field(None, max_length=MAX_SUBJECT)


AGREEMENT_NULLABLE = {"valid_until", "students_covered"}


def agreement_fields(data: dict, actor, obj) -> dict:
    """BINs in the request become the college and the enterprise; an unknown BIN is a 422 on its field."""
    if obj is not None:  # a PATCH: null clears only what may be empty
        data = {k: v for k, v in data.items() if v is not None or k in AGREEMENT_NULLABLE}
    data = {k: (v.value if isinstance(v, AgreementKind | AgreementStatus) else v) for k, v in data.items()}
    errors = {}
    college_bin = data.pop("college_bin", None)
    if policy.own_college_only(actor):
        pass  # the service puts a college's staff on their own college
    elif college_bin:
        data["college"] = College.objects.filter(bin=college_bin.strip()).first()
        if data["college"] is None:
            errors["college_bin"] = _("No college with BIN %(value)s.") % {"value": college_bin}
    elif obj is None:
        errors["college_bin"] = _("This value is required.")
    if "enterprise_bin" in data:
        bin_ = data.pop("enterprise_bin")
        data["enterprise"] = Enterprise.objects.filter(bin=(bin_ or "").strip()).first()
        if data["enterprise"] is None:
            errors["enterprise_bin"] = _("No enterprise with BIN %(value)s.") % {"value": bin_}
    if "status" in data and data["status"] is None:
        data.pop("status")
    if errors:
        raise ValidationError(errors)
    return data


add_crud(router, entities.AGREEMENTS, AgreementOut, filters=AgreementFilters, create_in=AgreementIn,
         patch_in=AgreementPatch, to_fields=agreement_fields)


# --- the partner network ----------------------------------------------------------------
class KindCount(Schema):
    kind: AgreementKind
    label: str
    agreements: int


class PartnerOut(Schema):
    enterprise: OrganisationRef
    agreements: int
    students_covered: int
    kinds: list[AgreementKind]


class NetworkCollegeOut(Schema):
    college: OrganisationRef
    partner_count: int
    agreements: int
    students_covered: int
    by_kind: dict[str, int]
    partners: list[PartnerOut]


class NetworkTotals(Schema):
    agreements: int
    colleges: int
    enterprises: int
    pairs: int = Field(description="College–enterprise pairs with at least one agreement")
    students_covered: int


class NetworkOut(Schema):
    in_force_only: bool
    totals: NetworkTotals
    by_kind: list[KindCount]
    colleges: list[NetworkCollegeOut]


@router.get("/partners/network", response={200: NetworkOut, **ERRORS})
def partner_network(request, scope: str = Query("in_force", pattern=r"^(in_force|all)$",
                                                description="in_force: agreements in force today; all: every "
                                                            "agreement")):
    """Who works with whom and how much: aggregates of the agreements the caller may see."""
    if not policy.can_view_network(request.auth):
        raise PermissionDenied(_("You may not see the partner network."))
    return selectors.network(request.auth, in_force_only=scope != "all")
