"""kasip import-reference [DIR]: load the occupation taxonomy — the project's committed tables, then the
publishers' files under DIR (default: KASIP_REFERENCE_DIR) — and report what was loaded."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from kasip.labour import services


class Command(BaseCommand):
    help = ("Load the occupation taxonomy: ISCO-08 (ILO), OKZ Russian titles, ESCO job titles, the BLS ISCO↔SOC "
            "and SOC 2010→2018 crosswalks from DIR, on top of the project's own tables. Idempotent.")

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", help="the reference directory (default: KASIP_REFERENCE_DIR)")
        parser.add_argument("--committed-only", action="store_true",
                            help="load only the project's committed tables (no reference directory needed)")

    def handle(self, *args, directory=None, committed_only=False, **options):
        if committed_only:
            report = services.load_taxonomy()
        else:
            directory = directory or getattr(settings, "KASIP_REFERENCE_DIR", "")
            if not directory:
                raise CommandError("Give the reference directory (or set KASIP_REFERENCE_DIR), or use "
                                   "--committed-only.")
            if not Path(directory).is_dir():
                raise CommandError(f"{directory}: no such directory.")
            try:
                report = services.import_reference(directory)
            except ValidationError as exc:
                raise CommandError("; ".join(exc.messages)) from exc
        for key, value in report.items():
            if key == "missing_files":
                for path in value:
                    self.stdout.write(f"missing (skipped): {path}")
            else:
                self.stdout.write(f"{key}: {value}")
