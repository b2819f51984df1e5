"""kasip report regional --format pdf|xlsx|html --out FILE [--lang kk|ru|en] [--year 2026] [--public]"""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from kasip.labour import documents, selectors


class Command(BaseCommand):
    help = ("Write a report. `regional`: \"In-demand occupations and occupations exposed to automation and AI\" "
            "(summary, in-demand occupations, the most exposed, the quadrant chart, districts, programmes, "
            "methodology) as PDF, XLSX or HTML, in Kazakh, Russian or English; --public hides counts under 5.")

    def add_arguments(self, parser):
        parser.add_argument("name", choices=["regional"], help="the report: regional")
        parser.add_argument("--format", dest="fmt", choices=documents.REPORT_FORMATS, default="pdf")
        parser.add_argument("--out", required=True, help="the file to write")
        parser.add_argument("--lang", choices=["kk", "ru", "en"], default="ru", help="default: ru")
        parser.add_argument("--year", type=int, help="the year of needs, graduates and the gap (default: the latest)")
        parser.add_argument("--public", action="store_true", help="the public version (counts under 5 hidden)")

    def handle(self, *args, name, fmt, out, lang, year=None, public=False, **options):
        if year is not None and not 2000 <= year <= 2100:
            raise CommandError("--year must be between 2000 and 2100")
        target = Path(out)
        if not target.parent.is_dir():
            raise CommandError(f"{target.parent}: no such directory")
        started = time.perf_counter()
        with translation.override(lang):
            data = selectors.regional_report(year=year, public=public)
            content, _ctype = documents.render_report(data, fmt, lang)
        partial = target.with_name(target.name + ".part")
        partial.write_bytes(content)
        partial.replace(target)
        self.stdout.write(f"{target}: {fmt}, {lang}, year {data['year']}, {len(content):,} bytes, "
                          f"{len(data['in_demand'])} in demand, {len(data['exposed'])} most exposed, "
                          f"{time.perf_counter() - started:.1f} s")
