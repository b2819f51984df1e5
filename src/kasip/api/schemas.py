from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import field_validator

from .parser import has_nul


class InputSchema(Schema):
    """Base of the API's request bodies: no NUL characters anywhere (PostgreSQL cannot store them; see parser.py)."""

    @field_validator("*", mode="before")
    @classmethod
    def _refuse_nul(cls, value):
        if has_nul(value):
            raise ValueError(_("NUL characters are not allowed."))
        return value


class ErrorOut(Schema):
    detail: str


class FieldError(Schema):
    loc: list[str | int]
    msg: str
    type: str = "value_error"


class ValidationErrorOut(Schema):
    detail: list[FieldError]


# 400: ninja's answer to a body it cannot read (not JSON): {"detail": "Cannot parse request body"}.
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
