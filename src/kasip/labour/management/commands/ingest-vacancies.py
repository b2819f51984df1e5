"""kasip ingest-vacancies FILE [--source enbek] [--encoding cp1251]: load a file of job ads in the foreground,
with a progress bar; a file with bad rows is refused whole and each bad row is listed."""

import time
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from kasip.core.audit import acting_as
from kasip.core.management.commands._actor import resolve_actor
from kasip.labour import coder_file, services
from kasip.labour.models import VacancySource

SHOWN_ERRORS = 50
STAGES = {"read": "reading", "check": "checking rows", "deduplicate": "skipping re-posts", "code": "coding titles",
          "store": "storing"}


class Command(BaseCommand):
    help = ("Load a file of job ads (CSV, XLSX or JSON Lines; headers in Kazakh, Russian or English): every row is "
            "checked, re-posts of an ad within KASIP_VACANCY_DEDUP_DAYS are skipped, a code in the file is kept and "
            "the other titles are coded (each distinct title once; those the coder is unsure of go to the coding "
            "queue), and the demand figures of the months it covers are recounted. A file with a bad row writes "
            "nothing: the bad rows are listed and the command exits with status 1.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="the file: .csv, .tsv, .txt, .xlsx, .jsonl or .ndjson")
        parser.add_argument("--source", default=VacancySource.OTHER, choices=VacancySource.values,
                            help="where the ads come from (default: other)")
        parser.add_argument("--encoding", help="the CSV's encoding when it is not detected (utf-8, cp1251, kz1048)")
        parser.add_argument("--dedup-days", type=int, help="the re-post window in days (default: the setting, 30)")
        parser.add_argument("--as", dest="username", help="act as this user (the policy applies); default: the system")

    def handle(self, *args, file: str, source: str, encoding=None, dedup_days=None, username=None, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file}: no such file")
        if dedup_days is not None and dedup_days < 0:
            raise CommandError("--dedup-days must be 0 or more")
        actor = resolve_actor(username)
        verbose = options.get("verbosity", 1) > 0
        started = time.perf_counter()

        def show(stage: str, done: int, total: int) -> None:
            if not verbose:
                return
            width = 30
            filled = int(width * done / total) if total else width
            self.stderr.write(f"\r{STAGES.get(stage, stage):<16} [{'#' * filled}{'.' * (width - filled)}] "
                              f"{done}/{total} {time.perf_counter() - started:6.1f} s", ending="")
            self.stderr.flush()

        try:
            with acting_as(actor):
                result = services.ingest_vacancies(actor, path.read_bytes(), path.name, source=source,
                                                   encoding=encoding, progress=show, dedup_days=dedup_days)
        except PermissionDenied as exc:
            raise CommandError(f"--as {username}: {exc}") from exc
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        except coder_file.CoderUnavailable as exc:
            raise CommandError(str(exc)) from exc
        if verbose:
            self.stderr.write("")
        if not result.ok:
            if result.file_error:
                raise CommandError(f"{path.name}: {result.file_error}")
            for error in result.errors[:SHOWN_ERRORS]:
                self.stderr.write(f"row {error['row']}, {error['column'] or '-'}: {error['message']}")
            if result.error_count > SHOWN_ERRORS:
                self.stderr.write(f"... and {result.error_count - SHOWN_ERRORS} more")
            raise CommandError(f"{path.name}: {result.error_count} bad rows; nothing was stored")
        self.stdout.write(f"rows read: {result.rows} ({result.encoding or 'xlsx'})")
        self.stdout.write(f"ads stored: {result.stored} (file {result.batch})")
        self.stdout.write(f"re-posts skipped: {result.duplicates}")
        coded = ", ".join(f"{method} {n}" for method, n in sorted(result.coding.items())) or "-"
        self.stdout.write(f"coding: {coded}")
        self.stdout.write(f"titles sent to the coding queue: {result.queued_titles}")
        self.stdout.write(f"months: {result.months} ({result.first_posted} to {result.last_posted})")
        for notice in result.notices:
            self.stdout.write(f"notice: {notice}")
        if result.ignored_columns:
            self.stdout.write(f"columns ignored: {', '.join(result.ignored_columns)}")
        rate = result.rows / result.seconds if result.seconds else 0
        self.stdout.write(f"seconds: {result.seconds} ({rate:,.0f} rows/s)")
