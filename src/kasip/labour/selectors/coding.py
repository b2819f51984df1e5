"""Reads of the coding queue: the titles waiting for an analyst, with their suggestions' titles, the counts by
status, the codings the coder is trained with and the state of its training."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.db.models import Count, QuerySet, Sum
from django.utils import timezone

from kasip.core.models import Job, JobStatus

from ..models import CODED_STATUSES, CodingItem, CodingStatus, IscoLevel, Occupation

__all__ = ["TRAIN_JOB", "coder_needs_training", "coding_counts", "coding_item", "coding_queue", "codings_since_last_training",
           "confirmed_codings", "last_training", "latest_training_job", "unfinished_training", "unit_group_choices",
           "with_suggestion_titles"]

TRAIN_JOB = "labour:train_coder"


def coding_queue(*, status: str = CodingStatus.PENDING, q: str = "") -> QuerySet[CodingItem]:
    """The items of one status, the most frequent first and, among equals, the least sure first."""
    qs = CodingItem.objects.filter(status=status).select_related("occupation", "coded_by")
    q = (q or "").strip()[:100]
    if q:
        qs = qs.filter(title__icontains=q)
    return qs.order_by("-count", "confidence", "pk")


def coding_item(pk: int) -> CodingItem | None:
    return CodingItem.objects.select_related("occupation", "coded_by").filter(pk=pk).first()


def with_suggestion_titles(items) -> list[CodingItem]:
    """The items with ``suggestion_list`` (code, title, confidence, percent), ``fallback_title`` and
    ``final_title`` set; the titles of every group named come from one query, in the interface language."""
    items = list(items)
    codes = {s.get("code") for item in items for s in item.suggestions or []}
    codes |= {item.fallback for item in items if item.fallback}
    titles = {o.code: o.title for o in Occupation.objects.filter(code__in=codes).only(
        "code", "title_kk", "title_ru", "title_en")} if codes else {}
    for item in items:
        item.suggestion_list = [
            {"code": s.get("code"), "title": titles.get(s.get("code"), ""), "confidence": s.get("confidence", 0.0),
             "percent": _percent(s.get("confidence", 0.0)), "rank": rank}
            for rank, s in enumerate(item.suggestions or [], start=1)]
        item.fallback_title = titles.get(item.fallback, "") if item.fallback else ""
        item.percent = _percent(item.confidence)
    return items


def _percent(share) -> str:
    """A share as the page shows it: whole per cent, "<1" for a trace."""
    share = float(share or 0.0)
    if 0 < share < 0.005:
        return "<1"
    return str(round(share * 100))


def coding_counts() -> dict:
    """Items by status, and how many ads the waiting titles stand for."""
    rows = dict(CodingItem.objects.values_list("status").annotate(n=Count("pk")).order_by())
    counts = {status: rows.get(status, 0) for status in CodingStatus.values}
    counts["ads_waiting"] = CodingItem.objects.filter(status=CodingStatus.PENDING).aggregate(
        n=Sum("count"))["n"] or 0
    counts["total"] = sum(rows.values())
    return counts


def confirmed_codings() -> list[tuple[str, str]]:
    """(title, unit group) of every title an analyst confirmed or corrected: the coder's extra aliases."""
    return list(CodingItem.objects.filter(status__in=CODED_STATUSES, occupation__isnull=False)
                .order_by("pk").values_list("title", "occupation__code"))


def unit_group_choices() -> list[tuple[str, str]]:
    """(code, title) of the ISCO-08 unit groups, for the correction field's list."""
    return [(o.code, o.title) for o in Occupation.objects.filter(level=IscoLevel.UNIT).only(
        "code", "title_kk", "title_ru", "title_en").order_by("code")]


# --- training ----------------------------------------------------------------------------------------------
def latest_training_job() -> Job | None:
    return Job.objects.filter(kind=TRAIN_JOB).select_related("created_by").order_by("-created_at", "-pk").first()


def last_training() -> Job | None:
    """The last training that succeeded (on the worker, or by `kasip coder-train`)."""
    return Job.objects.filter(kind=TRAIN_JOB, status=JobStatus.SUCCEEDED).order_by("-finished_at", "-pk").first()


def unfinished_training(stale_after: dt.timedelta) -> Job | None:
    """A training queued or running (not older than ``stale_after``, after which it is taken for dead)."""
    return (Job.objects.filter(kind=TRAIN_JOB, status__in=(JobStatus.QUEUED, JobStatus.RUNNING),
                               created_at__gte=timezone.now() - stale_after).order_by("-created_at").first())


def codings_since_last_training() -> int:
    """Codings (confirmed or corrected) made after the last training started: the coder does not know them."""
    qs = CodingItem.objects.filter(status__in=CODED_STATUSES)
    last = last_training()
    if last is not None and last.started_at is not None:
        qs = qs.filter(coded_at__gt=last.started_at)
    return qs.count()


def coder_needs_training(coder_path: Path | None = None) -> bool:
    """True when there are codings the current coder file does not hold: new ones since the last training,
    or any at all when the file was rebuilt after it (`make coder` builds without them)."""
    if codings_since_last_training():
        return True
    last = last_training()
    if coder_path is None or last is None or last.finished_at is None:
        return False
    try:
        modified = coder_path.stat().st_mtime
    except OSError:
        return False
    rebuilt = modified > last.finished_at.timestamp() + 1
    return rebuilt and CodingItem.objects.filter(status__in=CODED_STATUSES).exists()
