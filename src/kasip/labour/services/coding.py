"""Writes of the coding queue: job titles the coder is unsure of wait there for an analyst, who confirms the
coder's suggestion or corrects it; the codings are then added to the coder's index when it is retrained (on
the worker, nightly, or with `kasip coder-train`)."""

from __future__ import annotations

import datetime as dt
import logging
import re
import time
from collections.abc import Iterable, Mapping, Sequence

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext

from kasip.core import audit
from kasip.core.models import Job, JobStatus

from .. import coder_file, policy
from ..coder import text as coder_text
from ..models import (
    CODED_STATUSES,
    AliasSource,
    CodingItem,
    CodingSource,
    CodingStatus,
    IscoLevel,
    Occupation,
)
from ..selectors import coding as selectors
from .jobs import run_queued_job
from .taxonomy import _replace_aliases

__all__ = ["TRAIN_JOB", "TRAIN_STEPS", "confirm_coding", "enqueue_titles", "execute_training", "normalise_title",
           "skip_coding", "start_training", "train_coder"]

log = logging.getLogger(__name__)

TRAIN_JOB = selectors.TRAIN_JOB
TRAIN_STEPS = 5  # read the codings, measure the current coder, build, measure the new one, refresh the queue
TRAIN_PARAMS = {"training": "coder"}  # the job pages tell a training by this
TRAIN_STALE_AFTER = dt.timedelta(hours=3)  # a training queued or running longer than this is taken for dead
UNIT_GROUP = re.compile(r"^\d{4}$")
SUGGESTIONS = 3
MAX_NORMALISED = 600
LOOKUP_CHUNK = 500


def _require(actor, allowed: bool, message: str) -> None:
    """Refuse a user the policy refuses; None (the system: the demo, the nightly job, a command) is allowed."""
    if actor is not None and not allowed:
        raise PermissionDenied(message)


def _user(actor):
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


def normalise_title(title) -> tuple[str, str, str]:
    """(the title as stored, its normalised key, its language). The key is the coder's tokens joined by spaces,
    so that "Электрогазосварщик 5 разряда" and "электрогазосварщик" are one item; an empty key means that
    the title has nothing to code (blank, digits or punctuation only)."""
    clean = " ".join(str(title or "").replace("\x00", " ").split())[:coder_text.MAX_TITLE_CHARS]
    tokens, language = coder_text.analyse_with_language(clean)
    return clean, " ".join(tokens)[:MAX_NORMALISED], language if language in ("kk", "ru", "en") else ""


def _is_sure(prediction, threshold: float) -> bool:
    return prediction.code is not None and prediction.fallback is None and prediction.confidence >= threshold


def _suggestions(prediction) -> list[dict]:
    return [{"code": code, "confidence": round(float(share), 4)}
            for code, share in prediction.candidates[:SUGGESTIONS]]


def enqueue_titles(titles: Iterable[str], *, source: str, source_ref: str = "", actor=None,
                   threshold: float | None = None, counts: Sequence[int] | None = None,
                   predictions: Mapping | None = None) -> dict:
    """Code the titles and put in the queue those the coder is unsure of: a confidence below ``threshold``
    (settings.KASIP_CODING_QUEUE_THRESHOLD by default), only a broader group, or no code at all. A title whose
    normalised form is already an item adds to that item's count instead (``counts``: how many ads carried each
    title, 1 each by default). Raises ``coder_file.CoderUnavailable`` when a title needs the coder and its file
    is missing. ``predictions`` (the coder's, by normalised title) spares coding titles the caller has coded.

    Returns how many of the titles (ads) were coded (by the coder, sure, or by an analyst before), queued
    (new items), already queued (waiting or skipped items) and cannot be coded (nothing to code)."""
    _require(actor, policy.can_code(actor), gettext("You may not add titles to the coding queue."))
    if source not in CodingSource.values:
        raise ValidationError({"source": gettext("Unknown source “%(source)s”; use one of: %(choices)s.") % {
            "source": str(source)[:40], "choices": ", ".join(CodingSource.values)}})
    titles = list(titles)
    counts = [1] * len(titles) if counts is None else [int(n) for n in counts]
    if len(counts) != len(titles) or any(n < 1 for n in counts):
        raise ValidationError({"counts": gettext("Give one positive count per title.")})
    threshold = float(settings.KASIP_CODING_QUEUE_THRESHOLD if threshold is None else threshold)
    source_ref = " ".join(str(source_ref or "").replace("\x00", " ").split())[:300]
    summary = {"titles": sum(counts), "coded": 0, "queued": 0, "already_queued": 0, "cannot_code": 0,
               "new_items": 0}
    groups: dict[str, dict] = {}
    for title, n in zip(titles, counts, strict=True):
        clean, key, language = normalise_title(title)
        if not key:
            summary["cannot_code"] += n
            continue
        group = groups.setdefault(key, {"title": clean, "language": language, "count": 0})
        group["count"] += n
    existing: dict[str, tuple[int, str]] = {}
    keys = list(groups)
    for start in range(0, len(keys), LOOKUP_CHUNK):
        existing.update({key: (pk, status) for pk, key, status in CodingItem.objects.filter(
            normalised__in=keys[start:start + LOOKUP_CHUNK]).values_list("pk", "normalised", "status")})
    new_keys = [key for key in keys if key not in existing]
    predictions = {k: v for k, v in (predictions or {}).items() if k in groups}
    to_code = [key for key in new_keys if key not in predictions]
    if to_code:
        coder = coder_file.get_coder()
        predictions.update(zip(to_code, coder.code([groups[k]["title"] for k in to_code], k=SUGGESTIONS),
                               strict=True))
    with transaction.atomic():
        for key, (pk, status) in existing.items():
            n = groups[key]["count"]
            CodingItem.objects.filter(pk=pk).update(count=F("count") + n)
            summary["coded" if status in CODED_STATUSES else "already_queued"] += n
        unsure = []
        for key in new_keys:
            if _is_sure(predictions[key], threshold):
                summary["coded"] += groups[key]["count"]
            else:
                unsure.append(key)
        try:  # all new at once (a file of ads brings thousands); one by one if someone added some meanwhile
            with transaction.atomic():
                CodingItem.objects.bulk_create([CodingItem(
                    normalised=key, title=groups[key]["title"], language=groups[key]["language"], source=source,
                    source_ref=source_ref, count=groups[key]["count"], suggestions=_suggestions(predictions[key]),
                    confidence=round(float(predictions[key].confidence), 4),
                    fallback=predictions[key].fallback or "") for key in unsure], batch_size=LOOKUP_CHUNK)
        except IntegrityError:
            pass
        else:
            summary["queued"] += sum(groups[key]["count"] for key in unsure)
            summary["new_items"] += len(unsure)
            unsure = []
        for key in unsure:
            group, prediction = groups[key], predictions[key]
            item, created = CodingItem.objects.get_or_create(normalised=key, defaults={
                "title": group["title"], "language": group["language"], "source": source,
                "source_ref": source_ref, "count": group["count"], "suggestions": _suggestions(prediction),
                "confidence": round(float(prediction.confidence), 4), "fallback": prediction.fallback or ""})
            if created:
                summary["queued"] += group["count"]
                summary["new_items"] += 1
            else:  # added meanwhile by someone else
                CodingItem.objects.filter(pk=item.pk).update(count=F("count") + group["count"])
                summary["already_queued"] += group["count"]
        if _user(actor) is not None and summary["new_items"]:
            audit.log("import", None, {"source": [None, source], "titles": [None, summary["titles"]],
                                       "queued": [None, summary["new_items"]]},
                      actor=actor, object_repr=f"coding queue: {summary['new_items']} titles ({source})")
    return summary


def _unit_group(code) -> Occupation:
    code = str(code if code is not None else "").strip()
    if not code:
        raise ValidationError({"code": gettext("Give the ISCO-08 unit group: 4 digits, e.g. 7212.")})
    if not UNIT_GROUP.match(code):
        raise ValidationError({"code": gettext("“%(code)s” is not an ISCO-08 unit group: give 4 digits, e.g. 7212.")
                               % {"code": code[:20]}})
    occupation = Occupation.objects.filter(code=code, level=IscoLevel.UNIT).first()
    if occupation is None:
        raise ValidationError({"code": gettext("There is no ISCO-08 unit group %(code)s.") % {"code": code}})
    return occupation


def confirm_coding(actor, item: CodingItem, code) -> CodingItem:
    """Code the item to the unit group ``code``: confirmed when it is the coder's first suggestion, corrected
    otherwise (a coded item may be coded again: the audit log keeps the previous code). The stored job ads with
    the item's title take the code, and their months' demand is recounted."""
    _require(actor, policy.can_code(actor), gettext("You may not code job titles."))
    occupation = _unit_group(code)
    with transaction.atomic():
        item = CodingItem.objects.select_for_update(of=("self",)).select_related("occupation").get(pk=item.pk)
        before_status = item.status
        before_code = item.occupation.code if item.occupation_id else item.top_code
        item.status = CodingStatus.CONFIRMED if occupation.code == item.top_code else CodingStatus.CORRECTED
        item.occupation = occupation
        item.coded_by = _user(actor)
        item.coded_at = timezone.now()
        item.save(update_fields=["status", "occupation", "coded_by", "coded_at"])
        audit.log("update", item, {"status": [before_status, item.status], "code": [before_code, occupation.code]},
                  actor=actor)
        from .vacancies import recode_vacancies  # the ads with this title take the analyst's code

        recode_vacancies(item, occupation.code)
    return item


def skip_coding(actor, item: CodingItem) -> CodingItem:
    """Set a waiting item aside (it leaves the queue; it can still be coded from the list of skipped ones)."""
    _require(actor, policy.can_code(actor), gettext("You may not code job titles."))
    with transaction.atomic():
        item = CodingItem.objects.select_for_update(of=("self",)).select_related("occupation").get(pk=item.pk)
        if item.is_coded:
            raise ValidationError(gettext("“%(title)s” is already coded (%(code)s): give another code to correct it.")
                                  % {"title": item.title, "code": item.occupation.code if item.occupation_id else "—"})
        if item.status == CodingStatus.SKIPPED:
            return item
        before = item.status
        item.status = CodingStatus.SKIPPED
        item.coded_by = _user(actor)
        item.coded_at = timezone.now()
        item.save(update_fields=["status", "coded_by", "coded_at"])
        audit.log("update", item, {"status": [before, item.status]}, actor=actor)
    return item


# --- training ----------------------------------------------------------------------------------------------
def _build(extra: list[tuple[str, str]]):
    """The coder fitted as coder_file.build_and_save fits it, without saving (a dry run)."""
    coder = coder_file.build_coder(reference=coder_file.reference_for_build())
    if extra:
        titles, codes = zip(*extra, strict=True)
        coder.add_confirmed(list(titles), list(codes))
    return coder


def _right(coder, titles: list[str], codes: list[str]) -> int:
    """How many of the titles the coder codes as the analysts did."""
    if coder is None or not titles:
        return 0
    return sum(1 for got, want in zip(coder.predict(titles), codes, strict=True) if got == want)


def _refresh_pending(coder) -> int:
    """The waiting items' suggestions as the new coder makes them."""
    items = list(CodingItem.objects.filter(status=CodingStatus.PENDING).only(
        "pk", "title", "suggestions", "confidence", "fallback"))
    if not items:
        return 0
    for item, prediction in zip(items, coder.code([i.title for i in items], k=SUGGESTIONS), strict=True):
        item.suggestions = _suggestions(prediction)
        item.confidence = round(float(prediction.confidence), 4)
        item.fallback = prediction.fallback or ""
    CodingItem.objects.bulk_update(items, ["suggestions", "confidence", "fallback"], batch_size=500)
    return len(items)


def _confirmed_aliases() -> int:
    """The codings as the taxonomy's job titles of source "confirmed coding" (shown on the groups' pages)."""
    rows = (CodingItem.objects.filter(status__in=CODED_STATUSES, occupation__isnull=False)
            .values_list("occupation__code", "language", "title"))
    return _replace_aliases(AliasSource.CONFIRMED, [(code, language or "ru", title) for code, language, title in rows])


def train_coder(actor=None, job: Job | None = None, *, dry_run: bool = False, progress=None) -> dict:
    """Build the coder with every confirmed and corrected coding as an extra alias and make it current (with
    ``dry_run``: build and measure only). Returns how many codings it used, how many of them the coder before
    and the new one code as the analysts did, the seconds it took and the file written.

    The training is on record as a job: ``job`` (the worker's, whose progress is written as it goes) or, when
    none is given, a finished job created here, so that the nightly run knows what is new since."""
    _require(actor, policy.can_train_coder(actor), gettext("You may not retrain the occupation coder."))
    report = progress or (lambda done, total: None)

    def say(done: int, total: int) -> None:
        if job is not None:
            Job.objects.filter(pk=job.pk).update(progress=done, total=total)
        report(done, total)

    started, since = time.monotonic(), timezone.now()
    codings = selectors.confirmed_codings()
    titles, codes = [t for t, _c in codings], [c for _t, c in codings]
    corrected = CodingItem.objects.filter(status=CodingStatus.CORRECTED, occupation__isnull=False).count()
    say(1, TRAIN_STEPS)
    try:
        before = coder_file.get_coder()
    except coder_file.CoderUnavailable:
        before = None
    right_before = _right(before, titles, codes) if before is not None else None
    say(2, TRAIN_STEPS)
    if dry_run:
        coder, path = _build(codings), ""
    else:
        coder = coder_file.build_and_save(extra=codings)
        path = str(coder_file.coder_path())
    say(3, TRAIN_STEPS)
    right_after = _right(coder, titles, codes)
    say(4, TRAIN_STEPS)
    refreshed = aliases = 0
    if not dry_run:
        with transaction.atomic():
            refreshed = _refresh_pending(coder)
            aliases = _confirmed_aliases()
    say(5, TRAIN_STEPS)
    result = {"codings": len(codings), "confirmed": len(codings) - corrected, "corrected": corrected,
              "right_before": right_before, "right_after": right_after, "seconds": round(time.monotonic() - started, 1),
              "path": path, "dry_run": dry_run, "refreshed": refreshed, "aliases": aliases,
              "trained_at": since.isoformat()}
    if job is None and not dry_run:
        Job.objects.create(kind=TRAIN_JOB, status=JobStatus.SUCCEEDED, created_by=_user(actor), progress=TRAIN_STEPS,
                           total=TRAIN_STEPS, started_at=since, finished_at=timezone.now(), result=result,
                           params=dict(TRAIN_PARAMS),
                           message=_trained_message(result), original_name=gettext("Retraining the coder")[:255])
    return result


def _trained_message(result: dict) -> str:
    return gettext("The coder was retrained with %(codings)s codings; it codes %(right)s of them as the analysts "
                   "did.") % {"codings": result["codings"], "right": result["right_after"]}


def start_training(actor, *, enqueue: bool = True) -> tuple[Job, bool]:
    """Queue a training on the worker; returns (the job, True), or (the training already under way, False)."""
    _require(actor, policy.can_train_coder(actor), gettext("You may not retrain the occupation coder."))
    with transaction.atomic():
        running = selectors.unfinished_training(TRAIN_STALE_AFTER)
        if running is not None:
            return running, False
        job = Job.objects.create(kind=TRAIN_JOB, created_by=_user(actor), total=TRAIN_STEPS, params=dict(TRAIN_PARAMS),
                                 original_name=gettext("Retraining the coder")[:255])
        if enqueue:
            from ..tasks import train_coder as task

            transaction.on_commit(lambda: task.delay(job_id=job.pk))
    return job, True


def execute_training(job_id: int) -> Job:
    """Run a queued training (the worker's side of :func:`start_training`); the job records the result, or why
    the training failed. A job already taken by another worker, or finished, is left alone."""

    def work(job, actor):
        result = train_coder(actor, job=job)
        return True, _trained_message(result), result, []

    return run_queued_job(job_id, work, what="the coder's training", steps=TRAIN_STEPS)
