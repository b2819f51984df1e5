"""List / detail / create / update operations for one entity, with the entity's own policy.

No `from __future__ import annotations` here: ninja reads the (local) schema classes from the
functions' annotations when they are defined.
"""

from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import models
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import P, PathEx, Query, Schema, Status
from ninja.constants import NOT_SET
from ninja.pagination import paginate

from kasip.core import audit

from .auth import PUBLIC
from .pagination import Pagination
from .schemas import ERRORS

ObjectId = PathEx[int, P(ge=1, le=2**63 - 1)]


def _nulls_to_blanks(model, data: dict) -> dict:
    """A PATCH that sends null for a text field: an optional one is emptied, a required one keeps its value
    (as if not sent; the database's NOT NULL is never reached)."""
    for key, value in list(data.items()):
        if value is not None:
            continue
        try:
            field = model._meta.get_field(key)
        except FieldDoesNotExist:
            continue
        if isinstance(field, (models.CharField, models.TextField)) and not field.null:
            if field.blank:
                data[key] = ""
            else:
                del data[key]
    return data


def add_crud(router, entity, out, *, filters: type[Schema] | None = None, create_in=None, patch_in=None,
             to_fields=None, public: bool = False):
    """Register GET /slug, GET /slug/{id}, and (when given) POST /slug and PATCH /slug/{id}."""
    slug = entity.slug
    auth = PUBLIC if public else NOT_SET
    filters = filters or Schema

    def check(allowed: bool):
        if not allowed:
            raise PermissionDenied(_("You may not do this."))

    def list_items(request, params: Query[filters]):
        check(entity.can_list(request.auth))
        return entity.selector(request.auth, **params.dict())

    list_items.__name__ = f"list_{slug}"
    router.get(f"/{slug}", response={200: list[out], **ERRORS}, auth=auth, summary=f"List {slug}",
               **({"openapi_extra": {"security": [{}]}} if public else {}))(paginate(Pagination)(list_items))

    def get_item(request, item_id: ObjectId):
        obj = get_object_or_404(entity.model, pk=item_id)
        check(entity.can_view(request.auth, obj))
        if entity.audit_reads:
            audit.log_read(request.auth, obj)
        return obj

    get_item.__name__ = f"get_{slug}"
    router.get(f"/{slug}/{{item_id}}", response={200: out, **ERRORS}, auth=auth, summary=f"One of {slug}",
               **({"openapi_extra": {"security": [{}]}} if public else {}))(get_item)

    if create_in is not None:
        def create_item(request, payload: create_in):
            check(entity.can_create(request.auth))
            obj = entity.create(request.auth, **to_fields(payload.dict(), request.auth, None))
            return Status(201, obj)

        create_item.__name__ = f"create_{slug}"
        router.post(f"/{slug}", response={201: out, **ERRORS}, summary=f"Add to {slug}")(create_item)

    if patch_in is not None:
        def update_item(request, item_id: ObjectId, payload: patch_in):
            obj = get_object_or_404(entity.model, pk=item_id)
            check(entity.can_edit(request.auth, obj))
            data = _nulls_to_blanks(entity.model, payload.dict(exclude_unset=True))
            active = data.pop("is_active", None)
            if data:
                obj = entity.update(request.auth, obj, **to_fields(data, request.auth, obj))
            if active is not None and hasattr(obj, "is_active") and active != obj.is_active:
                check(entity.can_deactivate(request.auth, obj))
                obj = entity.set_active(request.auth, obj, active)
            return obj

        update_item.__name__ = f"update_{slug}"
        router.patch(f"/{slug}/{{item_id}}", response={200: out, **ERRORS}, summary=f"Change one of {slug}")(
            update_item)
