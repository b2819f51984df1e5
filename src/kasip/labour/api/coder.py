"""API of the occupation coder: job titles in, ISCO-08 unit groups with their titles out.

No `from __future__ import annotations`: ninja reads the schemas from the annotations.
"""

from typing import Literal

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.errors import ValidationError
from pydantic import BaseModel, Field, field_validator
from pydantic_core import PydanticCustomError

from kasip.api.schemas import ERRORS, ErrorOut, InputSchema
from kasip.labour.coder import REBUILD_COMMAND

from .. import codetitles, selectors
from ..coder_file import CoderUnavailable, get_coder

router = Router(tags=["occupation coder"])
Language = Literal["kk", "ru", "en"]


class TitleWithCode(InputSchema):
    title: str = Field(description="the job title")
    code: str | None = Field(None, pattern=r"^\d{4}$",
                             description="its ISCO-08 unit group, when known: kept if the coder knows the group")


def _kind(value) -> str:
    if value is None:
        return _("null")
    if isinstance(value, bool):
        return _("true or false")
    if isinstance(value, int | float):
        return _("a number")
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("an object without a text “title”")
    return type(value).__name__


class CodeTitlesIn(InputSchema):
    titles: list[str | TitleWithCode] = Field(
        min_length=1, max_length=codetitles.MAX_TITLES,
        description="1 to 1000 job titles: each a text, or an object with the title and its known code")
    k: int = Field(3, ge=1, le=codetitles.MAX_K, description="how many candidate groups to return per title")

    @field_validator("titles", mode="before")
    @classmethod
    def _check_items(cls, value):
        """Refuse a bad batch with a message naming the limit or the item (pydantic's own would name
        every member of the union, in English)."""
        if not isinstance(value, list):
            return value
        if not value:
            raise PydanticCustomError("too_short", _("Send at least one title."))
        if len(value) > codetitles.MAX_TITLES:
            raise PydanticCustomError("too_long", _("At most %(limit)s titles in one request; this one has %(n)s.")
                                      % {"limit": codetitles.MAX_TITLES, "n": len(value)})
        for i, item in enumerate(value):
            if isinstance(item, str):
                continue
            if isinstance(item, dict) and isinstance(item.get("title"), str):
                code = item.get("code")
                if code is None or (isinstance(code, str) and codetitles.UNIT_GROUP.match(code)):
                    continue
                raise PydanticCustomError("code", _("titles[%(i)s].code: an ISCO-08 unit group has 4 digits.")
                                          % {"i": i})
            raise PydanticCustomError(
                "title", _("titles[%(i)s]: a title is a text or an object with a text “title” and a “code”; "
                           "this one is %(kind)s.") % {"i": i, "kind": _kind(item)})
        return value


# Plain pydantic models, not ninja's Schema: the answer is built from dicts, and Schema's ORM-reading root
# validator would take most of the time of a 1000-title request.
class Suggestion(BaseModel):
    code: str
    title: str = Field(description="the group's title in the request's language")
    confidence: float


class CodedTitleOut(BaseModel):
    title: str
    language: str = Field(description="the title's language as detected: kk, ru or en")
    code: str | None = Field(description="the best unit group; null when the title cannot be coded")
    confidence: float = Field(description="probability that the code is right (1 for a kept code)")
    sure: bool = Field(description="the coder is sure enough at 4 digits (no fallback group)")
    kept: bool = Field(description="the code came with the request")
    fallback: Suggestion | None = Field(description="a 3- or 2-digit group offered when unsure at 4 digits")
    notice: str
    candidates: list[Suggestion]


class CodeTitlesOut(BaseModel):
    results: list[CodedTitleOut]


def request_language(request, lang: str | None) -> str:
    """?lang=, else the site's language cookie, else the account's language, else Accept-Language,
    else the default. (The site's pages ignore Accept-Language; an API client has no other way to
    say which language it wants the titles in unless it passes ?lang=.)"""
    supported = {code for code, _name in settings.LANGUAGES}
    if lang in supported:
        return lang
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if cookie in supported:
        return cookie
    own = getattr(request.auth, "language", "")
    if own in supported:
        return own
    return translation.get_language_from_request(request)[:2]


@router.post("/coder/code", summary="Code job titles", response={200: CodeTitlesOut, 503: ErrorOut, **ERRORS})
def code_titles(request, payload: CodeTitlesIn, lang: Language | None = None):
    """Code job titles (Kazakh, Russian or English) to ISCO-08 unit groups, each with its confidence, the
    top-k candidates and a broader group when unsure; the groups' titles come in `?lang=` (else the
    site's language cookie, the account's language or Accept-Language). Any logged-in user or token."""
    with translation.override(request_language(request, lang)):
        try:
            coder = get_coder()
        except CoderUnavailable:
            return Status(503, {"detail": _("The occupation coder is not available: its file is missing or corrupt. "
                                     "Rebuild it with: %(command)s") % {"command": REBUILD_COMMAND}})
        titles = [t if isinstance(t, str) else t.title for t in payload.titles]
        codes = [None if isinstance(t, str) else t.code for t in payload.titles]
        known = codetitles.unit_groups(coder)
        unknown = [(i, c) for i, c in enumerate(codes) if c and c not in known]
        if unknown:
            raise ValidationError([{
                "loc": ["body", "titles", i, "code"], "type": "value_error",
                "msg": _("titles[%(i)s].code: %(code)s is not an ISCO-08 unit group.") % {"i": i, "code": c},
            } for i, c in unknown])
        results = codetitles.code_titles(coder, titles, codes, k=payload.k)
        return Status(200, {"results": selectors.coded_rows(results)})
