"""kasip import KIND FILE: the same import as the web page, in the foreground, with a report."""

import sys
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from kasip.core import audit
from kasip.core.imports import REGISTRY
from kasip.core.models import Job, JobStatus
from kasip.core.services import execute_job
from kasip.core.tabular import FileRejected

from ._actor import resolve_actor


class Command(BaseCommand):
    help = "Import a CSV or XLSX file. Nothing is written if any row is bad; every bad row is reported."

    def add_arguments(self, parser):
        parser.add_argument("kind", help="what the file holds: " + ", ".join(sorted(REGISTRY)))
        parser.add_argument("file", help="path to a .csv or .xlsx file")
        parser.add_argument("--as", dest="as_user", help="username whose rights apply (default: a region admin)")
        parser.add_argument("--encoding", default="", help="encoding of a CSV file (default: detect)")

    def handle(self, *args, kind, file, as_user, encoding, **options):
        from kasip.core.models import Role, User
        from kasip.core.services import start_import

        if kind not in REGISTRY:
            raise CommandError(f"unknown kind “{kind}”; known kinds: {', '.join(sorted(REGISTRY))}")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"file not found: {file}")
        actor = resolve_actor(as_user) if as_user else (
            User.objects.filter(role=Role.REGION_ADMIN, is_active=True).order_by("pk").first())
        if actor is None:
            raise CommandError("no region admin exists; create one with `kasip createuser --role region_admin` or pass --as")
        try:
            with audit.acting_as(actor):
                job = start_import(actor, kind, path.name, path.read_bytes(), encoding or None, enqueue=False)
        except FileRejected as exc:
            raise CommandError(str(exc)) from exc
        except PermissionDenied as exc:
            raise CommandError(f"--as {actor.username}: {exc}") from exc
        # run here, in the foreground, with a progress line
        last = [-1]

        def show(done, total):
            percent = int(done * 100 / total) if total else 100
            if percent != last[0]:
                last[0] = percent
                sys.stderr.write(f"\rchecking rows: {done}/{total} ({percent}%)")
                sys.stderr.flush()

        job = execute_job(job.pk, on_progress=show)
        sys.stderr.write("\n")
        job = Job.objects.get(pk=job.pk)
        if job.status == JobStatus.SUCCEEDED:
            self.stdout.write(self.style.SUCCESS(
                f"imported {kind}: {job.result['created']} created, {job.result['updated']} updated (job {job.pk})"))
            return
        if job.message:
            self.stderr.write(f"{file}: {job.message}")
        for error in job.report:
            self.stderr.write(f"{file}: row {error['row']}, column “{error['column']}”: {error['message']}")
        raise CommandError(f"nothing was imported: {len(job.report)} bad row(s) (job {job.pk})")
