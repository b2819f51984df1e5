"""The API's request parser: ninja's, refusing NUL characters in query and form fields.

PostgreSQL text cannot hold U+0000: psycopg raises DataError for a query or a row containing one, so
?q=%00, a form field or a JSON string with \\u0000 was a 500 on PostgreSQL (SQLite stores it). Django's forms
refuse NUL for the same reason (ProhibitNullCharactersValidator); the API refuses it before any view runs,
with a 422 naming the field: here for query and form fields, in schemas.InputSchema for JSON bodies (an
error raised in parse_body would become ninja's 400 "Cannot parse request body", not a field error).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from ninja.errors import ValidationError
from ninja.parser import Parser


def has_nul(value: object) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(has_nul(k) or has_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(has_nul(v) for v in value)
    return False


class NulRefusingParser(Parser):
    def parse_querydict(self, data, list_fields, request):
        result = super().parse_querydict(data, list_fields, request)
        where = "query" if data is request.GET else "form"
        bad = [key for key, value in result.items() if has_nul(key) or has_nul(value)]
        if bad:
            raise ValidationError([{"loc": [where, key], "msg": _("NUL characters are not allowed."),
                                    "type": "value_error"} for key in bad])
        return result
