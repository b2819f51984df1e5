"""API of the platform: the current user, users, imports and jobs."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate
from pydantic import Field

from kasip.api.pagination import Pagination
from kasip.api.schemas import ERRORS, InputSchema

from . import exports, policy, selectors, services
from .imports import REGISTRY as IMPORTS
from .models import Job, Organisation, Role, User

router = Router(tags=["platform"])


class OrganisationOut(Schema):
    id: int
    kind: str
    bin: str | None
    name: str


class UserOut(Schema):
    id: int
    username: str
    email: str
    last_name: str
    first_name: str
    patronymic: str
    role: str
    organisation: OrganisationOut | None
    iin: str | None
    phone: str
    language: str
    is_active: bool


class UserIn(InputSchema):
    email: str = Field(max_length=254)
    last_name: str = Field(min_length=1, max_length=150)
    first_name: str = Field(min_length=1, max_length=150)
    patronymic: str = Field("", max_length=150)
    role: Role
    organisation_bin: str | None = Field(None, max_length=12)
    iin: str | None = Field(None, max_length=12)
    phone: str = Field("", max_length=32)
    language: str = Field("", max_length=2)
    invite: bool = True


class UserPatch(InputSchema):
    last_name: str | None = Field(None, min_length=1, max_length=150)
    first_name: str | None = Field(None, min_length=1, max_length=150)
    patronymic: str | None = Field(None, max_length=150)
    role: Role | None = None
    iin: str | None = Field(None, max_length=12)
    phone: str | None = Field(None, max_length=32)
    language: str | None = Field(None, max_length=2)
    is_active: bool | None = None


class JobOut(Schema):
    id: int
    kind: str
    status: str
    progress: int
    total: int
    percent: int
    message: str
    original_name: str
    result: dict
    report: list[dict]
    created_at: dt.datetime
    finished_at: dt.datetime | None


def _org(bin_: str | None) -> Organisation | None:
    if not bin_:
        return None
    org = Organisation.objects.filter(bin=bin_).first()
    if org is None:
        raise ValidationError({"organisation_bin": _("No organisation with this BIN.")})
    return org


@router.get("/me", response={200: UserOut, **ERRORS}, summary="The user the request is authenticated as")
def me(request):
    return request.auth


@router.get("/users", response={200: list[UserOut], **ERRORS})
@paginate(Pagination)
def list_users(request, q: str = "", role: str = ""):
    if not policy.can_manage_users(request.auth):
        raise PermissionDenied(_("You may not list users."))
    return selectors.users(request.auth, q=q, role=role)


@router.get("/users/{user_id}", response={200: UserOut, **ERRORS})
def get_user(request, user_id: int):
    target = get_object_or_404(User.objects.select_related("organisation"), pk=user_id)
    if not policy.can_view_user(request.auth, target):
        raise PermissionDenied(_("You may not see this account."))
    from . import audit

    audit.log_read(request.auth, target)
    return target


@router.post("/users", response={201: UserOut, **ERRORS})
def create_user(request, payload: UserIn):
    if not policy.can_manage_users(request.auth):
        raise PermissionDenied(_("You may not create this account."))
    organisation = _org(payload.organisation_bin)
    if organisation is None and not policy.is_region_admin(request.auth):
        organisation = request.auth.organisation
    try:
        user = services.create_user(
            request.auth, role=payload.role, organisation=organisation, email=payload.email, invite=payload.invite,
            first_name=payload.first_name, last_name=payload.last_name, patronymic=payload.patronymic,
            iin=payload.iin or None, phone=payload.phone, language=payload.language,
        )
    except ValidationError as exc:
        raise _renamed(exc, {"organisation": "organisation_bin"}) from exc
    return Status(201, user)


def _renamed(exc: ValidationError, names: dict[str, str]) -> ValidationError:
    if not hasattr(exc, "error_dict"):
        return exc
    return ValidationError({names.get(k, k): v for k, v in exc.error_dict.items()})


@router.patch("/users/{user_id}", response={200: UserOut, **ERRORS})
def update_user(request, user_id: int, payload: UserPatch):
    target = get_object_or_404(User, pk=user_id)
    if not policy.can_view_user(request.auth, target):
        raise Http404
    fields = payload.dict(exclude_unset=True)
    fields = {k: v for k, v in fields.items() if v is not None or k == "iin"}
    return services.update_user(request.auth, target, **fields)


@router.post("/imports/{kind}", response={202: JobOut, **ERRORS},
             summary="Upload a CSV or XLSX file; the import runs as a background job")
def start_import(request, kind: str, file: File[UploadedFile], encoding: Form[str] = ""):
    if kind not in IMPORTS:
        raise Http404
    job = services.start_import(request.auth, kind, file.name or "upload", file.read(), encoding or None)
    job.refresh_from_db()
    return Status(202, job)


@router.get("/jobs", response={200: list[JobOut], **ERRORS})
@paginate(Pagination)
def list_jobs(request):
    return selectors.jobs(request.auth)


@router.get("/jobs/{job_id}", response={200: JobOut, **ERRORS})
def get_job(request, job_id: int):
    job = get_object_or_404(Job, pk=job_id)
    if not policy.can_view_job(request.auth, job):
        raise PermissionDenied(_("You may not see this job."))
    return job


class ExportQuery(Schema):
    format: str = Field("xlsx", pattern="^(xlsx|csv)$")


@router.get("/exports/{kind}", response={200: bytes, **ERRORS}, summary="Download a list as XLSX or CSV",
            openapi_extra={"responses": {200: {"content": {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"schema": {"type": "string", "format": "binary"}},
                "text/csv": {"schema": {"type": "string"}}}}}})
def export_list(request, kind: str, query: Query[ExportQuery]):
    try:
        content, ctype, filename = exports.export(kind, query.format, request.auth)
    except LookupError as exc:
        raise Http404 from exc
    response = HttpResponse(content, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
