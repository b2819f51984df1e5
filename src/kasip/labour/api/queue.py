"""API of the coding queue: the titles waiting for an analyst, adding titles, coding or skipping one, and
retraining the coder on the worker. The region admin and the analysts only.

No `from __future__ import annotations`: ninja reads the schemas from the annotations.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from ninja import P, PathEx, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field, field_validator

from kasip.api.pagination import Pagination
from kasip.api.schemas import ERRORS, ErrorOut, InputSchema

from .. import coder_file, policy, selectors, services
from ..models import CodingItem, CodingSource, CodingStatus

router = Router(tags=["coding queue"])
ItemId = PathEx[int, P(ge=1, le=2**63 - 1)]
MAX_TITLES = 1000


class SuggestionOut(Schema):
    code: str
    title: str = Field(description="the unit group's title in the interface language")
    confidence: float = Field(description="the coder's share for this group (0 to 1)")


class CodingItemOut(Schema):
    id: int
    title: str
    normalised: str
    language: str
    source: str
    source_ref: str
    count: int = Field(description="how many ads carried this title")
    confidence: float = Field(description="the coder's confidence in its first suggestion (0 to 1)")
    fallback: str | None = Field(description="a broader (3- or 2-digit) group the coder offered")
    suggestions: list[SuggestionOut]
    status: str = Field(description="pending, confirmed, corrected or skipped")
    code: str | None = Field(description="the unit group an analyst gave")
    coded_at: dt.datetime | None
    created_at: dt.datetime

    @staticmethod
    def resolve_suggestions(obj) -> list[dict]:
        if not hasattr(obj, "suggestion_list"):
            selectors.with_suggestion_titles([obj])
        return [{"code": s["code"], "title": s["title"], "confidence": s["confidence"]} for s in obj.suggestion_list]

    @staticmethod
    def resolve_fallback(obj) -> str | None:
        return obj.fallback or None

    @staticmethod
    def resolve_code(obj) -> str | None:
        return obj.occupation.code if obj.occupation_id else None


class QueuePagination(Pagination):
    """The API's limit/offset pagination; the page's suggestion titles are read in one query."""

    def paginate_queryset(self, queryset, pagination, request, **params):
        result = super().paginate_queryset(queryset, pagination, request, **params)
        result["items"] = selectors.with_suggestion_titles(result["items"])
        return result


class TitlesIn(InputSchema):
    titles: list[str] = Field(min_length=1, max_length=MAX_TITLES, description="job titles, one per ad")
    source: CodingSource = Field(default=CodingSource.API, description="where the titles come from")
    source_ref: str = Field(default="", max_length=300, description="a reference at the source (a file, a feed)")


class EnqueueOut(Schema):
    titles: int = Field(description="titles received")
    coded: int = Field(description="coded: by the coder (sure) or by an analyst before")
    queued: int = Field(description="added to the queue as new items")
    already_queued: int = Field(description="added to the count of items already waiting (or skipped)")
    cannot_code: int = Field(description="nothing to code (blank, digits or punctuation only)")
    new_items: int


class CodingIn(InputSchema):
    code: str | None = Field(default=None, max_length=20, description="the ISCO-08 unit group (4 digits)")
    skip: bool = Field(default=False, description="set the title aside instead of coding it")

    @field_validator("code")
    @classmethod
    def _strip(cls, value):
        return value.strip() if isinstance(value, str) else value


class TrainJobOut(Schema):
    job_id: int
    status: str = Field(description="queued, running, succeeded or failed")
    progress: int
    total: int
    message: str
    result: dict = Field(description="codings used, how many the coder codes as the analysts did, seconds")
    created_at: dt.datetime
    finished_at: dt.datetime | None
    started: bool = Field(description="false when a training already under way is answered instead")
    status_url: str = Field(description="where to follow the job")


def _allowed(request) -> None:
    if not policy.can_code(request.auth):
        raise PermissionDenied(gettext("Only the region admin and the analysts work the coding queue."))


def _unavailable(exc) -> Status:
    return Status(503, {"detail": gettext("The occupation coder is not available: %(reason)s") % {"reason": exc}})


@router.get("/coder/queue", response={200: list[CodingItemOut], **ERRORS}, summary="The coding queue")
@paginate(QueuePagination)
def list_queue(request, status: CodingStatus = CodingStatus.PENDING, q: str = ""):
    """Titles of one status (waiting by default), the most frequent and the least sure first."""
    _allowed(request)
    return selectors.coding_queue(status=status, q=q)


@router.post("/coder/queue", response={200: EnqueueOut, 503: ErrorOut, **ERRORS},
             summary="Add titles: those the coder is unsure of join the queue")
def enqueue(request, payload: TitlesIn):
    _allowed(request)
    try:
        return services.enqueue_titles(payload.titles, source=payload.source, source_ref=payload.source_ref,
                                       actor=request.auth)
    except coder_file.CoderUnavailable as exc:
        return _unavailable(exc)


@router.post("/coder/queue/{item_id}", response={200: CodingItemOut, **ERRORS},
             summary="Code a title ({\"code\": \"7212\"}) or skip it ({\"skip\": true})")
def code_item(request, item_id: ItemId, payload: CodingIn):
    _allowed(request)
    item = get_object_or_404(CodingItem, pk=item_id)
    if payload.skip and payload.code:
        raise ValidationError({"skip": gettext("Give either a code or skip, not both.")})
    if payload.skip:
        item = services.skip_coding(request.auth, item)
    elif not payload.code:
        raise ValidationError({"code": gettext("Give the ISCO-08 unit group: 4 digits, e.g. 7212.")})
    else:
        item = services.confirm_coding(request.auth, item, payload.code)
    return selectors.coding_item(item.pk)


def _job(job, started: bool = False) -> dict:
    return {"job_id": job.pk, "status": job.status, "progress": job.progress, "total": job.total,
            "message": job.message, "result": job.result, "created_at": job.created_at,
            "finished_at": job.finished_at, "started": started, "status_url": "/api/v1/coder/train"}


@router.post("/coder/train", response={202: TrainJobOut, **ERRORS},
             summary="Retrain the coder with the codings, on the worker: answers with the job to follow")
def train(request):
    if not policy.can_train_coder(request.auth):
        raise PermissionDenied(gettext("You may not retrain the occupation coder."))
    job, started = services.start_training(request.auth)
    job.refresh_from_db()
    return Status(202, _job(job, started))


@router.get("/coder/train", response={200: TrainJobOut, **ERRORS},
            summary="The latest training of the coder: its status, progress and result")
def training(request):
    if not policy.can_train_coder(request.auth):
        raise PermissionDenied(gettext("You may not retrain the occupation coder."))
    job = selectors.latest_training_job()
    if job is None:
        raise Http404(gettext("The coder has not been retrained yet."))
    return _job(job)
