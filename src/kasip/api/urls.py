"""The REST API under /api/v1; its OpenAPI schema is at /api/v1/openapi.json, docs at /api/docs."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError

from kasip.core.api import router as core_router
from kasip.core.tabular import FileRejected
from kasip.dual.api import router as dual_router
from kasip.labour.api import router as labour_router
from kasip.outcomes.api import router as outcomes_router
from kasip.partners.api import router as partners_router
from kasip.registry.api import router as registry_router

from .auth import AUTH
from .parser import NulRefusingParser

api = NinjaAPI(
    title="Kasip API",
    version="1",
    description="Kasip: vocational education, dual training and labour-market intelligence for a region.",
    auth=AUTH,
    urls_namespace="api",
    docs_url="/docs",
    parser=NulRefusingParser(),
)
api.add_router("", core_router)
api.add_router("", registry_router)
api.add_router("", partners_router)
api.add_router("", outcomes_router)
api.add_router("", dual_router)
api.add_router("", labour_router)


def _field_errors(exc: ValidationError, where: str = "body") -> list[dict]:
    if hasattr(exc, "error_dict"):
        return [{"loc": [where, field], "msg": " ".join(str(m) for m in messages), "type": "value_error"}
                for field, messages in exc.message_dict.items()]
    return [{"loc": [where], "msg": " ".join(exc.messages), "type": "value_error"}]


@api.exception_handler(ValidationError)
def django_validation_error(request, exc):
    return api.create_response(request, {"detail": _field_errors(exc)}, status=422)


@api.exception_handler(NinjaValidationError)
def ninja_validation_error(request, exc):
    detail = [{"loc": [str(p) for p in e.get("loc", [])], "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
              for e in exc.errors]
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(FileRejected)
def file_rejected(request, exc):
    return api.create_response(request, {"detail": [{"loc": ["body", "file"], "msg": str(exc), "type": "value_error"}]},
                               status=422)


@api.exception_handler(PermissionDenied)
def permission_denied(request, exc):
    return api.create_response(request, {"detail": str(exc) or _("Permission denied.")}, status=403)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return api.create_response(request, {"detail": _("Authentication required.")}, status=401)



