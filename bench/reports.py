"""B7: the regional report "In-demand occupations and occupations exposed to automation and AI" on the demo region.

    .venv/bin/python bench/reports.py                 # a fresh SQLite demo region in a temporary directory
    .venv/bin/python bench/reports.py --database-url sqlite:////tmp/demo/db.sqlite3   # an existing demo database
    .venv/bin/python bench/reports.py --runs 5

The demo region (`kasip demo`: 37 colleges, 32 990 students, 60 000 synthetic job ads of three years, the
forecasts) is loaded first when the database is new (not timed). Then, `--runs` times each (median reported):
the report's data (every section's query), the PDF (data + HTML + two server-side SVG charts + WeasyPrint, in
Russian) and the XLSX workbook (data + openpyxl, in Kazakh), each from scratch in this process (the chart
renderer's cache cleared). Targets: PDF <= 10 s, XLSX <= 5 s. The last line is `BENCH reports key=value ...`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", help="default: a new SQLite database in a temporary directory")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    tmp = None
    if not args.database_url:
        tmp = tempfile.TemporaryDirectory()
        args.database_url = f"sqlite:///{tmp.name}/db.sqlite3"
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("KASIP_DEMO", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kasip.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from kasip.core import charts
    from kasip.labour import documents, selectors
    from kasip.labour.models import Vacancy

    call_command("migrate", verbosity=0)
    if not Vacancy.objects.exists():
        started = time.perf_counter()
        call_command("demo", verbosity=0, quiet_logins=True)
        print(f"demo region loaded in {time.perf_counter() - started:.1f} s", flush=True)

    def timed(fn) -> tuple[float, object]:
        charts._render.cache_clear()
        started = time.perf_counter()
        result = fn()
        return time.perf_counter() - started, result

    data_s, pdf_s, xlsx_s = [], [], []
    sizes = {}
    for _run in range(args.runs):
        seconds, data = timed(lambda: selectors.regional_report())
        data_s.append(seconds)
        seconds, (pdf, _t) = timed(lambda: documents.render_report(selectors.regional_report(), "pdf", "ru"))
        pdf_s.append(seconds)
        seconds, (xlsx, _t) = timed(lambda: documents.render_report(selectors.regional_report(), "xlsx", "kk"))
        xlsx_s.append(seconds)
        sizes = {"pdf_kb": round(len(pdf) / 1024), "xlsx_kb": round(len(xlsx) / 1024)}
    figures = {
        "data_s": round(statistics.median(data_s), 2), "pdf_s": round(statistics.median(pdf_s), 2),
        "xlsx_s": round(statistics.median(xlsx_s), 2), **sizes, "runs": args.runs,
        "in_demand": len(data["in_demand"]), "exposed": len(data["exposed"]), "year": data["year"],
    }
    print(f"report data {figures['data_s']} s; PDF {figures['pdf_s']} s ({sizes['pdf_kb']} KB, target <= 10 s: "
          f"{'met' if figures['pdf_s'] <= 10 else 'NOT met'}); XLSX {figures['xlsx_s']} s ({sizes['xlsx_kb']} KB, "
          f"target <= 5 s: {'met' if figures['xlsx_s'] <= 5 else 'NOT met'}); medians of {args.runs}")
    print("BENCH reports " + " ".join(f"{k}={v}" for k, v in figures.items()))
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
