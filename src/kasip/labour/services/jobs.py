"""The worker's side of the labour module's background jobs (the coder's training, a vacancy ingest, a forecast
run): claim the queued job, run its work in the language of whoever started it, and record the outcome, or
why it failed, on the job."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext

from kasip.core import audit
from kasip.core.models import Job, JobStatus

log = logging.getLogger(__name__)

# the work: (job, actor) -> (succeeded, message, result, report of bad rows)
Work = Callable[[Job, object], tuple[bool, str, dict, list]]


def run_queued_job(job_id: int, work: Work, *, what: str, steps: int,
                   expected: tuple[type[Exception], ...] = ()) -> Job:
    """Run ``work`` for a queued job; a job already taken by another worker, or finished, is left alone.
    ``expected`` errors (with PermissionDenied and ValidationError) become the job's message; any other is
    logged as the failure of ``what``. A job that succeeds ends at ``steps`` of ``steps``."""
    job = Job.objects.select_related("created_by").get(pk=job_id)
    if not Job.objects.filter(pk=job.pk, status=JobStatus.QUEUED).update(status=JobStatus.RUNNING,
                                                                         started_at=timezone.now()):
        return job
    actor = job.created_by
    language = (actor.language if actor is not None else "") or settings.LANGUAGE_CODE
    succeeded, message, result, report = False, "", {}, []
    with translation.override(language), audit.acting_as(actor):
        try:
            succeeded, message, result, report = work(job, actor)
        except (ValidationError, PermissionDenied, *expected) as exc:
            message = " ".join(getattr(exc, "messages", None) or [str(exc)])
        except Exception as exc:  # the job records the failure instead of vanishing
            log.exception("job %s: %s failed", job.pk, what)
            message = gettext("The job failed: %(error)s") % {"error": exc}
    job.refresh_from_db()
    job.status = JobStatus.SUCCEEDED if succeeded else JobStatus.FAILED
    job.message, job.result, job.report, job.finished_at = message, result, report, timezone.now()
    if succeeded:
        job.progress = job.total = steps
    job.save()
    return job
