"""API of the occupation taxonomy: the public classifier and the qualification → occupations mapping.

No `from __future__ import annotations`: ninja reads the schemas from the annotations.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import P, PathEx, Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from kasip.api.auth import PUBLIC
from kasip.api.pagination import Pagination
from kasip.api.schemas import ERRORS, InputSchema
from kasip.registry.models import Qualification

from .. import selectors, services
from ..models import IscoLevel

router = Router(tags=["occupations"])
OPTIONAL_AUTH = {"security": [{}]}
QualificationId = PathEx[int, P(ge=1, le=2**63 - 1)]
Code = PathEx[str, P(pattern=r"^\d{1,4}$")]


class OccupationOut(Schema):
    code: str
    level: int
    parent: str | None
    title: str
    title_kk: str
    title_ru: str
    title_en: str

    @staticmethod
    def resolve_parent(obj) -> str | None:
        return obj.code[:-1] if len(obj.code) > 1 else None


class OccupationDetailOut(OccupationOut):
    description_en: str
    aliases: dict[str, list[str]]
    national_occupations: list[str]
    qualifications: list[str]

    @staticmethod
    def resolve_aliases(obj) -> dict[str, list[str]]:
        return selectors.aliases(obj)

    @staticmethod
    def resolve_national_occupations(obj) -> list[str]:
        return list(obj.national_occupations.order_by("code").values_list("code", flat=True))

    @staticmethod
    def resolve_qualifications(obj) -> list[str]:
        return list(selectors.qualifications_of(obj).values_list("code", flat=True))


class MappingOut(Schema):
    qualification_id: int
    qualification_code: str
    occupations: list[str]
    main: str | None


class MappingIn(InputSchema):
    occupations: list[str] = Field(max_length=50, description="ISCO-08 unit-group codes (4 digits)")
    main: str | None = Field(default=None, max_length=4, description="the main one (default: the first)")


def _mapping(qualification: Qualification) -> dict:
    links = list(qualification.occupation_links.select_related("occupation").order_by("-is_main", "occupation__code"))
    return {"qualification_id": qualification.pk, "qualification_code": qualification.code,
            "occupations": [link.occupation.code for link in links],
            "main": next((link.occupation.code for link in links if link.is_main), None)}


@router.get("/occupations", response={200: list[OccupationOut], **ERRORS}, auth=PUBLIC, openapi_extra=OPTIONAL_AUTH)
@paginate(Pagination)
def list_occupations(request, q: str = "", level: IscoLevel | None = None):
    return selectors.occupations(q=q, level=level)


@router.get("/occupations/{code}", response={200: OccupationDetailOut, **ERRORS}, auth=PUBLIC,
            openapi_extra=OPTIONAL_AUTH)
def get_occupation(request, code: Code):
    obj = selectors.occupation(code)
    if obj is None:
        raise Http404
    return obj


@router.get("/qualifications/{qualification_id}/occupations", response={200: MappingOut, **ERRORS}, auth=PUBLIC,
            openapi_extra=OPTIONAL_AUTH)
def get_mapping(request, qualification_id: QualificationId):
    return _mapping(get_object_or_404(Qualification, pk=qualification_id))


@router.put("/qualifications/{qualification_id}/occupations", response={200: MappingOut, **ERRORS})
def set_mapping(request, qualification_id: QualificationId, payload: MappingIn):
    qualification = get_object_or_404(Qualification, pk=qualification_id)
    services.set_qualification_occupations(request.auth, qualification, payload.occupations, main=payload.main)
    return _mapping(qualification)
