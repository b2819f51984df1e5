"""Writes of vacancies: ingesting a file of job ads (checked, de-duplicated, coded, stored, counted), deleting
an ingested file, and keeping the demand cells (ads per unit group × district × month) current.

One code path serves the web page and the API (a job on the worker), the CLI (in the foreground) and the demo.
A file with a bad row writes nothing; a good one is stored in one transaction with its demand cells."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field

import numpy as np
import polars as pl
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext

from kasip.core import audit
from kasip.core.bulk import RawWriter
from kasip.core.models import Job
from kasip.core.tabular import FileRejected
from kasip.registry.models import District, Enterprise, oked_section

from .. import coder_file, policy, vacancy_file
from ..coder import text as coder_text
from ..models import (
    CODED_STATUSES,
    CodingItem,
    CodingMethod,
    CodingSource,
    DemandCell,
    IscoLevel,
    NationalOccupation,
    Occupation,
    Vacancy,
    VacancyBatch,
    VacancySource,
)
from .coding import MAX_NORMALISED, _is_sure, _require, _user, enqueue_titles
from .jobs import run_queued_job

__all__ = ["INGEST_JOB", "IngestResult", "delete_batch", "execute_ingest", "ingest_vacancies", "recode_vacancies",
           "refresh_demand", "start_ingest"]

log = logging.getLogger(__name__)

INGEST_JOB = "labour:ingest_vacancies"
CODE_CHUNK = 2_000
LOOKUP_CHUNK = 500
MONTH_CHUNK = 200
LEGAL_FORMS = r"\b(тоо|too|ао|ао нк|пао|ооо|ип|жшс|жк|кх|шқ|ao|llp|jsc|ltd|llc|inc|gmbh|ргп|гкп|кгп|мкп)\b"
ProgressFn = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass
class IngestResult:
    ok: bool = False
    source: str = ""
    rows: int = 0
    stored: int = 0
    duplicates: int = 0
    coding: dict = field(default_factory=dict)  # {CodingMethod: ads}
    queued_titles: int = 0
    months: int = 0
    first_posted: str = ""
    last_posted: str = ""
    errors: list = field(default_factory=list)  # [RowError.as_dict()]
    error_count: int = 0
    file_error: str = ""
    notices: list = field(default_factory=list)
    encoding: str = ""
    ignored_columns: list = field(default_factory=list)
    batch: int | None = None
    seconds: float = 0.0
    stages: dict = field(default_factory=dict)  # seconds per stage, for the benchmark

    def as_dict(self) -> dict:
        return asdict(self)


def lookups() -> dict:
    """What a vacancy file is checked against: districts by КАТО code and by name (names two districts share
    are left out: give the code), ISCO-08 unit groups, and НК РК codes with their unit group."""
    districts: dict[str, int] = {}
    ambiguous: set[str] = set()
    for pk, kato, *names in District.objects.values_list("pk", "kato", "name_kk", "name_ru", "name_en"):
        districts[kato] = pk
        for name in {vacancy_file.district_key(n) for n in names if n}:
            if name in districts and districts[name] != pk:
                ambiguous.add(name)
            districts[name] = pk
    for name in ambiguous:
        districts.pop(name, None)
    unit_groups = set(Occupation.objects.filter(level=IscoLevel.UNIT).values_list("code", flat=True))
    national = dict(NationalOccupation.objects.filter(isco__isnull=False).values_list("code", "isco__code"))
    return {"districts": districts, "unit_groups": unit_groups, "national": national}


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


PARALLEL_FROM = 20_000  # distinct titles from which the normalisation is shared among processes


def _analysis_key(cleaned: str) -> str:
    return " ".join(coder_text.analyse_cleaned(cleaned))[:MAX_NORMALISED]


def _map(function, items: list) -> list:
    """``function`` over ``items``, in a pool of processes when there are many and this process may have
    children (the CLI, a benchmark; not a worker's pool process, which is a daemon)."""
    processes = min(os.cpu_count() or 1, 4)
    if len(items) < PARALLEL_FROM or processes < 2 or multiprocessing.current_process().daemon:
        return [function(item) for item in items]
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        return pool.map(function, items, chunksize=2_000)


def _normalised_keys(titles: list[str]) -> dict[str, str]:
    """Each title's normalised form, as :func:`normalise_title` gives it: the ad's additions are cleaned off
    every distinct title, then each distinct cleaned title is analysed once ("Повар, вахта 15/15" and
    "Повар (график 2/2)" are one analysis)."""
    coder_text.analyse_cleaned("повар")  # the Russian dictionaries loaded once, before any fork
    cleaned = _map(coder_text.clean, titles)
    distinct = list(set(cleaned))
    analysed = dict(zip(distinct, _map(_analysis_key, distinct), strict=True))
    return {title: analysed[c] for title, c in zip(titles, cleaned, strict=True)}


def _with_keys(frame: pl.DataFrame) -> pl.DataFrame:
    """Add the normalised title (the coder's tokens: "Электрогазосварщик 5 разряда" and "электрогазосварщик"
    are one title) and the re-post key: the employer (its BIN, else its name without quotes and legal form),
    the normalised title and the district. An ad that names no employer is its own key (its id at the source,
    else its row): nothing tells two anonymous "Повар" ads apart from a re-post, so none is dropped."""
    normalised = _normalised_keys(frame.get_column("title").unique().to_list())
    frame = frame.with_columns(pl.col("title").replace_strict(normalised, return_dtype=pl.String).alias("normalised"))
    employer = (pl.col("employer").str.to_lowercase().str.replace_all(r"[«»\"'“”„`]", " ")
                .str.replace_all(LEGAL_FORMS, " ").str.replace_all(r"[^\w]+", " ").str.strip_chars())
    anonymous = pl.when(pl.col("external_id") != "").then(pl.lit("#id:") + pl.col("external_id")).otherwise(
        pl.lit("#row:") + pl.col("row").cast(pl.String))
    who = (pl.when(pl.col("employer_bin") != "").then(pl.col("employer_bin"))
           .when(employer != "").then(employer).otherwise(anonymous))
    what = pl.when(pl.col("normalised") != "").then(pl.col("normalised")).otherwise(pl.col("title").str.to_lowercase())
    frame = frame.with_columns(pl.concat_str([who, what, pl.col("district_id").cast(pl.String)], separator="\x1f")
                               .alias("_key"))
    keys = frame.get_column("_key").unique().to_list()
    digests = {k: _digest(k) for k in keys}
    return frame.with_columns(pl.col("_key").replace_strict(digests, return_dtype=pl.String).alias("dedup_key")).drop(
        "_key")


def _month_range(frame: pl.DataFrame, days: int) -> tuple[dt.date, dt.date]:
    low = frame.get_column("posted_on").min() - dt.timedelta(days=days)
    high = frame.get_column("posted_on").max() + dt.timedelta(days=days)
    return low.replace(day=1), high.replace(day=1)


def _with_industry(frame: pl.DataFrame) -> pl.DataFrame:
    """An ad without an industry takes its employer's ОКЭД section from the registry (by BIN)."""
    bins = [b for b in frame.filter(pl.col("industry") == "").get_column("employer_bin").unique().to_list() if b]
    if not bins:
        return frame
    sections = {}
    for start in range(0, len(bins), LOOKUP_CHUNK):
        for bin_, oked in Enterprise.objects.filter(bin__in=bins[start:start + LOOKUP_CHUNK]).values_list("bin", "oked"):
            if oked_section(oked):
                sections[bin_] = oked_section(oked)
    if not sections:
        return frame
    return frame.with_columns(
        pl.when(pl.col("industry") == "").then(pl.col("employer_bin").replace_strict(sections, default=""))
        .otherwise(pl.col("industry")).alias("industry"))


def _stored_anchors(frame: pl.DataFrame, window: int) -> pl.DataFrame:
    """Ads already stored that a row of the file may re-post: same key, within the window of the file's dates.
    Read by month range (the table's one index besides the key), then joined on the key here."""
    low, high = _month_range(frame, window)
    found = list(Vacancy.objects.filter(month__gte=low, month__lte=high).order_by().values_list("dedup_key", "posted_on")
                 .iterator(chunk_size=50_000))
    stored = pl.DataFrame(found, schema={"dedup_key": pl.String, "posted_on": pl.Date}, orient="row")
    return stored.join(frame.select("dedup_key").unique(), on="dedup_key", how="semi")


def _repost_mask(frame: pl.DataFrame, anchors: pl.DataFrame, window: int) -> np.ndarray:
    """True for each row of ``frame`` that re-posts an ad kept before it: same key, posted within ``window`` days
    of the last kept ad with that key (stored ads count as kept; an ad posted shortly before a stored one is a
    re-post too). A chain of re-posts every few weeks is thus one ad per window, not one per posting."""
    combined = pl.concat([
        frame.select("dedup_key", "posted_on", pl.int_range(0, frame.height, dtype=pl.Int64).alias("i")),
        anchors.select("dedup_key", "posted_on", pl.lit(-1, dtype=pl.Int64).alias("i")),
    ]).sort(["dedup_key", "posted_on", "i"])
    keys = combined.get_column("dedup_key").to_numpy()
    days = combined.get_column("posted_on").cast(pl.Int32).to_numpy()
    index = combined.get_column("i").to_numpy()
    repost = np.zeros(frame.height, dtype=bool)
    last_key, last_kept = None, None
    for key, day, i in zip(keys, days, index, strict=True):
        if key != last_key:
            last_key, last_kept = key, None
        if i < 0 or last_kept is None or day - last_kept > window:
            last_kept = day
            if i >= 0:
                repost[i] = False
        else:
            repost[i] = True
    if anchors.height:  # an ad posted within the window before a stored one re-posts it
        last_key, next_stored = None, None
        for key, day, i in zip(keys[::-1], days[::-1], index[::-1], strict=True):
            if key != last_key:
                last_key, next_stored = key, None
            if i < 0:
                next_stored = day
            elif next_stored is not None and next_stored - day <= window:
                repost[i] = True
    return repost


EXTERNAL_ID_DAYS = 366  # an id at the source is looked for among the ads posted within a year of the file's


def _external_duplicates(frame: pl.DataFrame, source: str) -> np.ndarray:
    """Rows whose id at the source repeats an earlier row of the file, or an ad of that source stored with a
    date within a year of the file's."""
    ids = frame.get_column("external_id")
    repeated = (ids != "") & ids.is_duplicated() & ~ids.is_first_distinct()
    if not (ids != "").any():
        return repeated.to_numpy()
    low, high = _month_range(frame, EXTERNAL_ID_DAYS)
    stored = set(Vacancy.objects.filter(source=source, month__gte=low, month__lte=high).exclude(external_id="")
                 .order_by().values_list("external_id", flat=True).iterator(chunk_size=50_000))
    known = ids.is_in(list(stored)) if stored else pl.Series([False] * frame.height)
    return (repeated | known).to_numpy()


def _code(frame: pl.DataFrame, progress: ProgressFn) -> tuple[pl.DataFrame, dict, dict]:
    """Code the ads that came without a code: each distinct normalised title once, the analysts' codings first,
    then the coder in batches. Returns the frame with isco08, coding and confidence, the coder's predictions of
    the titles it was unsure of (for the coding queue), and a representative title per normalised title."""
    need = frame.filter((pl.col("isco08") == "") & (pl.col("normalised") != ""))
    keys = need.get_column("normalised").unique().to_list()
    titles = dict(need.group_by("normalised").agg(pl.col("title").first()).iter_rows())
    codes: dict[str, str] = {}
    methods: dict[str, str] = {}
    confidences: dict[str, float | None] = {}
    for start in range(0, len(keys), LOOKUP_CHUNK):
        for key, code in CodingItem.objects.filter(normalised__in=keys[start:start + LOOKUP_CHUNK],
                                                   status__in=CODED_STATUSES).values_list("normalised",
                                                                                          "occupation__code"):
            if code:
                codes[key], methods[key], confidences[key] = code, CodingMethod.ANALYST, None
    unsure: dict = {}
    rest = [k for k in keys if k not in codes]
    threshold = float(settings.KASIP_CODING_QUEUE_THRESHOLD)
    if rest:
        coder = coder_file.get_coder()
        progress("code", 0, len(rest))
        for start in range(0, len(rest), CODE_CHUNK):
            chunk = rest[start:start + CODE_CHUNK]
            for key, prediction in zip(chunk, coder.code([titles[k] for k in chunk], k=3), strict=True):
                best = prediction.code or (prediction.candidates[0][0] if prediction.candidates else "")
                best = best if best and len(best) == 4 else ""
                codes[key], confidences[key] = best, round(float(prediction.confidence), 4)
                if _is_sure(prediction, threshold):
                    methods[key] = CodingMethod.CODER
                else:
                    methods[key] = CodingMethod.UNSURE
                    unsure[key] = prediction
            progress("code", min(start + CODE_CHUNK, len(rest)), len(rest))
    lookup = pl.DataFrame({"normalised": list(codes), "_code": list(codes.values()),
                           "_method": [methods[k] for k in codes], "_confidence": [confidences[k] for k in codes]},
                          schema={"normalised": pl.String, "_code": pl.String, "_method": pl.String,
                                  "_confidence": pl.Float64})
    frame = frame.join(lookup, on="normalised", how="left").with_columns(
        pl.when(pl.col("isco08") != "").then(pl.lit(CodingMethod.GIVEN.value))
        .when(pl.col("_method").is_not_null()).then(pl.col("_method"))
        .otherwise(pl.lit(CodingMethod.NONE.value)).alias("coding"),
        pl.when(pl.col("isco08") != "").then(pl.col("isco08")).otherwise(pl.col("_code").fill_null("")).alias("isco08"),
        pl.when(pl.col("isco08") != "").then(None).otherwise(pl.col("_confidence")).alias("confidence"),
    ).drop("_code", "_method", "_confidence")
    return frame, unsure, titles


def ingest_vacancies(actor, data: bytes, filename: str, *, source: str = VacancySource.OTHER,
                     encoding: str | None = None, progress: ProgressFn | None = None, job: Job | None = None,
                     dedup_days: int | None = None, today: dt.date | None = None) -> IngestResult:
    """Ingest a file of job ads. Every row is checked first: with a bad row, or a file that cannot be read,
    nothing is written and the result lists the problems. Otherwise re-posts are skipped, the ads are coded
    (a code in the file is kept; titles the coder is unsure of go to the coding queue) and stored with their
    file's record, and the demand cells of the months they fall in are recounted, all in one transaction.
    Raises PermissionDenied for a user who may not ingest, ``coder_file.CoderUnavailable`` when titles need
    the coder and its file is missing."""
    _require(actor, policy.can_ingest_vacancies(actor), gettext("You may not load job ads."))
    if source not in VacancySource.values:
        raise ValidationError({"source": gettext("Unknown source “%(source)s”; use one of: %(choices)s.") % {
            "source": str(source)[:40], "choices": ", ".join(VacancySource.values)}})
    window = int(settings.KASIP_VACANCY_DEDUP_DAYS if dedup_days is None else dedup_days)
    say = progress or (lambda stage, done, total: None)
    result = IngestResult(source=source)
    started = last = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal last
        now = time.perf_counter()
        result.stages[stage] = round(now - last, 3)
        last = now

    say("read", 0, 1)
    try:
        raw = vacancy_file.read(data, filename, encoding)
    except FileRejected as exc:
        result.file_error = str(exc)
        return result
    result.encoding, result.ignored_columns, result.rows = raw.encoding, raw.ignored_columns, raw.frame.height
    lap("read")
    say("check", 0, result.rows)
    checked = vacancy_file.check(raw, **lookups(), today=today or timezone.localdate())
    result.notices = [str(n) for n in checked.notices]
    lap("check")
    if checked.error_count:
        result.errors = [e.as_dict() for e in checked.errors]
        result.error_count = checked.error_count
        return result
    say("check", result.rows, result.rows)
    frame = _with_industry(_with_keys(checked.frame))
    lap("normalise")
    say("deduplicate", 0, result.rows)
    duplicate = _external_duplicates(frame, source)
    kept_ids = frame.filter(~pl.Series(duplicate, dtype=pl.Boolean))
    if kept_ids.height:
        kept_ids = kept_ids.filter(~pl.Series(_repost_mask(kept_ids, _stored_anchors(kept_ids, window), window)))
    frame = kept_ids
    result.duplicates = result.rows - frame.height
    lap("deduplicate")
    frame, unsure, titles = _code(frame, say)
    lap("code")
    frame = frame.with_columns(pl.col("posted_on").dt.truncate("1mo").alias("month"), pl.lit(source).alias("source"))
    counts = frame.group_by("coding").agg(pl.len()).iter_rows()
    result.coding = {method: n for method, n in counts}
    months = sorted(frame.get_column("month").unique().to_list())
    result.months = len(months)
    if frame.height:
        result.first_posted = frame.get_column("posted_on").min().isoformat()
        result.last_posted = frame.get_column("posted_on").max().isoformat()
    say("store", 0, frame.height)
    with transaction.atomic():
        batch = VacancyBatch.objects.create(
            source=source, original_name=(filename or "")[-255:], rows=result.rows, stored=frame.height,
            duplicates=result.duplicates, coding=result.coding, first_posted=result.first_posted or None,
            last_posted=result.last_posted or None, job=job, created_by=_user(actor))
        items: dict[str, int] = {}
        if unsure:
            queued = frame.filter(pl.col("coding") == CodingMethod.UNSURE).group_by("normalised").agg(pl.len())
            n_by_key = dict(queued.iter_rows())
            keys = [k for k in unsure if k in n_by_key]
            summary = enqueue_titles([titles[k] for k in keys], source=CodingSource.VACANCY,
                                     source_ref=(filename or "")[-300:], counts=[n_by_key[k] for k in keys],
                                     predictions={k: unsure[k] for k in keys})
            result.queued_titles = summary["new_items"]
            for start in range(0, len(keys), LOOKUP_CHUNK):
                items.update(CodingItem.objects.filter(normalised__in=keys[start:start + LOOKUP_CHUNK])
                             .values_list("normalised", "pk"))
        lap("queue")
        columns = ["source", "external_id", "title", "normalised", "employer", "employer_bin", "industry", "district_id",
                   "posted_on", "month", "positions", "salary_min", "salary_max", "given_code", "isco08", "coding",
                   "confidence", "dedup_key"]
        item_of = pl.DataFrame({"normalised": list(items), "coding_item_id": list(items.values())},
                               schema={"normalised": pl.String, "coding_item_id": pl.Int64})
        rows = frame.select(columns).join(item_of, on="normalised", how="left").with_columns(
            pl.when(pl.col("coding") == CodingMethod.UNSURE).then(pl.col("coding_item_id")).otherwise(None)
            .alias("coding_item_id"),
            pl.lit(batch.pk, dtype=pl.Int64).alias("batch_id")).drop("normalised").sort("posted_on")  # in date order: the month index appends
        RawWriter().insert_frame(Vacancy, rows)
        lap("store")
        refresh_demand(months)
        lap("aggregate")
        result.seconds = round(time.perf_counter() - started, 3)
        batch.seconds = result.seconds
        batch.save(update_fields=["seconds"])
        if _user(actor) is not None:
            audit.log("import", batch, {"file": [None, batch.original_name], "stored": [None, batch.stored],
                                        "duplicates": [None, batch.duplicates]},
                      actor=actor, object_repr=f"job ads: {batch.original_name}")
    say("store", frame.height, frame.height)
    result.batch, result.stored, result.ok = batch.pk, frame.height, True
    return result


def refresh_demand(months: Iterable[dt.date] | None = None) -> int:
    """Recount the demand cells of the given months (all months when None) from the stored ads; returns the
    number of cells written. Called inside ingests, deletions and recodings, so that the cells always agree
    with the ads."""
    table, cells = Vacancy._meta.db_table, DemandCell._meta.db_table
    insert = (f'INSERT INTO "{cells}" ("isco08", "district_id", "month", "postings", "positions") '
              f'SELECT "isco08", "district_id", "month", COUNT(*), SUM("positions") FROM "{table}"')
    group = ' GROUP BY "isco08", "district_id", "month"'
    written = 0
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # two recounts of one month at once would both insert its cells
            cursor.execute(f'LOCK TABLE "{cells}" IN SHARE ROW EXCLUSIVE MODE')
        if months is None:
            DemandCell.objects.all().delete()
            cursor.execute(insert + group)
            return cursor.rowcount
        months = sorted(set(months))
        for start in range(0, len(months), MONTH_CHUNK):
            chunk = months[start:start + MONTH_CHUNK]
            DemandCell.objects.filter(month__in=chunk).delete()
            placeholders = ", ".join(["%s"] * len(chunk))
            cursor.execute(insert + f' WHERE "month" IN ({placeholders})' + group, chunk)
            written += max(cursor.rowcount, 0)
    return written


def recode_vacancies(item: CodingItem, code: str) -> int:
    """An analyst coded a title of the queue: the ads that waited on it take the analyst's code, and the demand
    of their months is recounted. Returns the ads changed."""
    ads = Vacancy.objects.filter(coding_item=item)
    with transaction.atomic():
        months = list(ads.order_by().values_list("month", flat=True).distinct())
        if not months:
            return 0
        changed = ads.update(isco08=code, coding=CodingMethod.ANALYST, confidence=None)
        refresh_demand(months)
    return changed


def delete_batch(actor, batch: VacancyBatch) -> int:
    """Take an ingested file's ads out (its demand is recounted); returns how many ads were deleted."""
    _require(actor, policy.can_ingest_vacancies(actor), gettext("You may not delete job ads."))
    with transaction.atomic():
        months = list(batch.vacancies.order_by().values_list("month", flat=True).distinct())
        deleted = batch.vacancies.all().delete()[0]
        name = batch.original_name
        audit.log("delete", batch, {"file": [name, None], "stored": [batch.stored, None]},
                  actor=_user(actor), object_repr=f"job ads: {name}")
        batch.delete()
        refresh_demand(months)
    return deleted


# --- the background job ------------------------------------------------------------------------------------
STAGES = ("read", "check", "deduplicate", "code", "store")


def start_ingest(actor, filename: str, data: bytes, *, source: str = VacancySource.OTHER,
                 encoding: str | None = None, enqueue: bool = True) -> Job:
    """Check the upload's size and type, store it and queue the ingest on the worker."""
    _require(actor, policy.can_ingest_vacancies(actor), gettext("You may not load job ads."))
    if source not in VacancySource.values:
        raise ValidationError({"source": gettext("Unknown source “%(source)s”; use one of: %(choices)s.") % {
            "source": str(source)[:40], "choices": ", ".join(VacancySource.values)}})
    limit = settings.KASIP_VACANCY_UPLOAD_MAX_BYTES
    if len(data) > limit:
        raise FileRejected(gettext("The file is too large (%(size)s MB); the limit is %(limit)s MB.") % {
            "size": round(len(data) / 1048576, 1), "limit": round(limit / 1048576, 1)})
    if not (filename or "").lower().endswith(vacancy_file.EXTENSIONS):
        raise FileRejected(gettext("Vacancy files are read from CSV, XLSX or JSON Lines (.jsonl) files."))
    if not data.strip():
        raise FileRejected(gettext("The file is empty."))
    job = Job(kind=INGEST_JOB, created_by=_user(actor), original_name=filename[-255:], total=100,
              params={"ingest": source, "encoding": encoding or ""})
    job.file.save(filename[-100:], ContentFile(data), save=False)
    job.save()
    if enqueue:
        from ..tasks import ingest_vacancies as task

        transaction.on_commit(lambda: task.delay(job.pk))
    return job


def _job_progress(job: Job) -> ProgressFn:
    names = {"read": gettext("Reading the file"), "check": gettext("Checking the rows"),
             "deduplicate": gettext("Skipping re-posted ads"), "code": gettext("Coding the titles"),
             "store": gettext("Storing the ads")}
    spans = {"read": (0, 5), "check": (5, 20), "deduplicate": (20, 30), "code": (30, 80), "store": (80, 100)}

    def write(stage: str, done: int, total: int) -> None:
        low, high = spans.get(stage, (0, 100))
        percent = low + (high - low) * (done / total if total else 1)
        Job.objects.filter(pk=job.pk).update(progress=int(percent), total=100, message=names.get(stage, stage))

    return write


def ingest_message(result: IngestResult) -> str:
    if not result.ok:
        return result.file_error or gettext("Nothing was saved: %(n)s rows have problems.") % {
            "n": result.error_count}
    return gettext("%(stored)s job ads stored, %(duplicates)s re-posts skipped, %(queued)s titles sent to the coding "
                   "queue.") % {"stored": result.stored, "duplicates": result.duplicates,
                                "queued": result.queued_titles}


def execute_ingest(job_id: int) -> Job:
    """Run a queued ingest (the worker's side of :func:`start_ingest`); the job records the result."""

    def work(job, actor):
        with job.file.open("rb") as handle:
            data = handle.read()
        outcome = ingest_vacancies(actor, data, job.original_name, source=job.params.get("ingest", "other"),
                                   encoding=job.params.get("encoding") or None, progress=_job_progress(job), job=job)
        result = outcome.as_dict()
        report = result.pop("errors")
        return outcome.ok, ingest_message(outcome), result, report

    return run_queued_job(job_id, work, what="the vacancy ingest", steps=100,
                          expected=(coder_file.CoderUnavailable,))
