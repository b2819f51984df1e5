"""kasip import-exposure [DIR] [--write-table]: recompute the automation and AI exposure indices per ISCO-08 unit
group from the publishers' files (laid out as ../shared/data/reference) and store them; without DIR, load the
project's table."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kasip.labour import exposure, services


class Command(BaseCommand):
    help = ("Store the exposure of ISCO-08 unit groups to automation and AI: from the publishers' files under DIR "
            "(default KASIP_REFERENCE_DIR; ILO 2025 generative-AI task scores, Nesta's automation risk, Frey & "
            "Osborne and the AIOE through the ISCO-SOC crosswalk), or from the project's committed table with "
            "--table. A file in an unexpected layout is refused, naming what is missing; nothing is stored then.")

    def add_arguments(self, parser):
        parser.add_argument("dir", nargs="?", help="the reference directory (default: KASIP_REFERENCE_DIR)")
        parser.add_argument("--table", action="store_true", help="load the project's committed table instead")
        parser.add_argument("--write-table", metavar="FILE",
                            help="also write the figures as the project's table (src/kasip/labour/data/exposure.csv)")

    def handle(self, *args, dir=None, table=False, write_table=None, **options):
        if table:
            counts = services.load_exposure()
            self.stdout.write("project table: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
            return
        root = dir or settings.KASIP_REFERENCE_DIR
        if not root or not Path(root).is_dir():
            raise CommandError(f"{root or 'KASIP_REFERENCE_DIR'}: not a directory (use --table for the project's table)")
        try:
            scores, missing = services.compute_exposure(Path(root))
        except exposure.ExposureFileError as exc:
            raise CommandError(str(exc)) from exc
        if not scores:
            raise CommandError(f"{root}: none of the exposure files is there: {', '.join(missing)}")
        counts = services.store_exposure(scores)
        for index, n in counts.items():
            self.stdout.write(f"{index}: {n} unit groups")
        workbook = Path(root) / exposure.FILES[exposure.ILO]
        if workbook.exists():
            try:
                tasks = services.store_task_texts(exposure.ilo_task_texts(workbook))
            except exposure.ExposureFileError as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(f"ILO task texts (for reskilling pathways): {tasks}")
        for name in missing:
            self.stdout.write(f"missing: {name}")
        if write_table:
            Path(write_table).write_text(exposure.write_table(scores), encoding="utf-8")
            self.stdout.write(f"table written: {write_table}")
