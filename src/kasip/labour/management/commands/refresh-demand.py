"""kasip refresh-demand: recount every demand cell (job ads per occupation × district × month) from the stored
ads. Ingests, deletions and analysts' codings keep them current; this is for repairs and after manual edits."""

import time

from django.core.management.base import BaseCommand

from kasip.labour import services


class Command(BaseCommand):
    help = ("Recount the demand figures (job ads per occupation, district and month) from the stored ads. Ingests, "
            "deleted files and the analysts' codings recount the months they touch; this recounts them all.")

    def handle(self, *args, **options):
        started = time.perf_counter()
        cells = services.refresh_demand()
        self.stdout.write(f"demand cells: {cells} ({time.perf_counter() - started:.1f} s)")
