"""API of the registry: colleges (public to read, the policy decides who writes)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import P, PathEx, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from kasip.api.auth import PUBLIC
from kasip.api.pagination import Pagination
from kasip.api.schemas import ERRORS, InputSchema

from . import policy, selectors, services
from .models import College, District, Language, Ownership

router = Router(tags=["registry"])

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
