"""B3: vacancy ingest (`kasip.labour.services.ingest_vacancies`) of synthetic job ads on PostgreSQL.

    .venv/bin/python bench/ingest.py                    # 1 000 000 ads, PostgreSQL database kasip_bench
    .venv/bin/python bench/ingest.py --ads 100000       # a quicker run
    .venv/bin/python bench/ingest.py --database-url sqlite:////tmp/b3.sqlite3   # the embedded database

The ads come from `kasip.demo.vacancies.synthetic_ads` (the demo's generator: the project's Russian, Kazakh and
English titles written as ads write them, 13 districts, three years, 10 % re-posts within three weeks, 10 % with
an occupation code), written once as CSV and as JSON Lines. Each ingest runs in a child process on an emptied
vacancy table, so that its peak memory (ru_maxrss) is its own: read, check every row, normalise and
de-duplicate, code each distinct normalised title once with the site's coder (`make coder`), store (COPY on
PostgreSQL), queue the unsure titles, recount the demand cells; `rows_per_s` is rows read per second end to end.

Also measured in the same run:
- the ORM baseline: 20 000 of the same ads saved one by one with `Vacancy.objects.create` (rows per second),
  and the ratio of the ingest's rate to it (target >= 30);
- PostgreSQL's own COPY of the raw CSV into an unindexed table of text columns, against the ingest's store
  step (COPY of the checked rows into the indexed vacancy table; target within 3x);
- a file with bad rows: each reported, nothing written.

Targets on PostgreSQL: <= 120 s end to end and <= 2 GB peak. The last line is `BENCH ingest key=value ...`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def setup(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("KASIP_DEMO", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kasip.settings")
    import django

    django.setup()


def prepare(database_url: str) -> None:
    """Create the database when missing, migrate, load the taxonomy and the demo region's districts."""
    if database_url.startswith("postgres"):
        import psycopg

        name = database_url.rsplit("/", 1)[1]
        admin = database_url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                conn.execute(f'CREATE DATABASE "{name}"')
    setup(database_url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from kasip.demo import region as data
    from kasip.labour.models import Occupation
    from kasip.labour.services import load_taxonomy
    from kasip.registry.models import District, Region

    if not Occupation.objects.exists():
        load_taxonomy()
    region, _ = Region.objects.update_or_create(kato=data.REGION["kato"], defaults={
        k: v for k, v in data.REGION.items() if k != "kato"})
    for kato, kind, kk, ru, en in data.DISTRICTS:
        District.objects.update_or_create(kato=kato, defaults={"region": region, "kind": kind, "name_kk": kk,
                                                               "name_ru": ru, "name_en": en})


def empty_tables() -> None:
    from kasip.labour.models import CodingItem, DemandCell, Vacancy, VacancyBatch

    Vacancy.objects.all().delete() if Vacancy.objects.count() < 50_000 else _truncate()
    VacancyBatch.objects.all().delete()
    DemandCell.objects.all().delete()
    CodingItem.objects.all().delete()


def _truncate() -> None:
    from django.db import connection

    from kasip.labour.models import Vacancy

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f'TRUNCATE "{Vacancy._meta.db_table}"')
        else:
            cursor.execute(f'DELETE FROM "{Vacancy._meta.db_table}"')


def generate(n: int, folder: Path) -> dict:
    from kasip.demo import region as data
    from kasip.demo.loader import SMALL_EMPLOYERS, enterprise_bin
    from kasip.demo.vacancies import synthetic_ads

    started = time.perf_counter()
    districts = [(kato, {"351010000": 10, "352410000": 4}.get(kato, 1.0)) for kato, *_r in data.DISTRICTS]
    employers = [(ru, enterprise_bin(i), kato) for i, (kato, _kk, ru, *_r) in enumerate(data.ENTERPRISES, start=1)]
    employers += [(f"{name} {k}", "", "") for name in SMALL_EMPLOYERS for k in range(40)]
    end = dt.date(2026, 10, 31)
    ads = synthetic_ads(n, districts=districts, employers=employers, start=dt.date(2023, 11, 1), end=end, seed=3)
    csv_path, jsonl_path = folder / "ads.csv", folder / "ads.jsonl"
    ads.write_csv(csv_path)
    ads.write_ndjson(jsonl_path)
    return {"csv": str(csv_path), "jsonl": str(jsonl_path), "generate_s": round(time.perf_counter() - started, 1),
            "csv_mb": round(csv_path.stat().st_size / 1e6, 1), "jsonl_mb": round(jsonl_path.stat().st_size / 1e6, 1),
            "distinct_titles": ads.get_column("title").n_unique()}


def child(database_url: str, path: str) -> None:
    """One ingest in this process; prints its result as JSON."""
    setup(database_url)
    empty_tables()
    from kasip.labour import coder_file, services

    coder_file.get_coder()  # loaded before the clock starts, as in the worker
    data = Path(path).read_bytes()
    started = time.perf_counter()
    result = services.ingest_vacancies(None, data, Path(path).name, source="enbek", today=dt.date(2026, 11, 27))
    seconds = time.perf_counter() - started
    from kasip.labour.models import CodingItem, DemandCell, Vacancy

    print(json.dumps({"ok": result.ok, "rows": result.rows, "stored": result.stored, "duplicates": result.duplicates,
                      "coding": result.coding, "queued_titles": result.queued_titles, "stages": result.stages,
                      "seconds": round(seconds, 2), "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF)
                                                                     .ru_maxrss / 1024),
                      "db_ads": Vacancy.objects.count(), "cells": DemandCell.objects.count(),
                      "queue": CodingItem.objects.count(), "errors": result.errors[:3],
                      "file_error": result.file_error}))


def run_child(database_url: str, path: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", path, "--database-url", database_url],
                         capture_output=True, text=True, check=False)
    if out.returncode != 0:
        sys.stderr.write(out.stderr)
        raise SystemExit(f"the ingest of {path} failed")
    return json.loads(out.stdout.strip().splitlines()[-1])


def orm_baseline(rows: int) -> float:
    """Ads saved one by one through the ORM, as a naive importer would: rows per second."""
    from kasip.labour.models import Vacancy, VacancyBatch
    from kasip.registry.models import District

    empty_tables()
    batch = VacancyBatch.objects.create(source="other", original_name="orm.csv")
    districts = list(District.objects.all())
    started = time.perf_counter()
    for i in range(rows):
        posted = dt.date(2024, 1, 1) + dt.timedelta(days=i % 900)
        Vacancy.objects.create(batch=batch, source="other", external_id=str(i), title=f"Сварщик {i % 50}",
                               employer="ТОО Болат", district=districts[i % len(districts)],
                               posted_on=posted, month=posted.replace(day=1), isco08="7212", coding="coder",
                               confidence=0.9, dedup_key=f"{i:016x}")
    rate = rows / (time.perf_counter() - started)
    empty_tables()
    return rate


def raw_copy(csv_path: str) -> float | None:
    """PostgreSQL's own COPY of the raw file into an unindexed table of text columns: seconds."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    header = Path(csv_path).open(encoding="utf-8").readline().strip().split(",")
    columns = ", ".join(f'"{c}" text' for c in header)
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_raw_ads")
        cursor.execute(f"CREATE UNLOGGED TABLE bench_raw_ads ({columns})")
        started = time.perf_counter()
        with open(csv_path, "rb") as handle, cursor.cursor.copy(
                "COPY bench_raw_ads FROM STDIN WITH (FORMAT csv, HEADER true)") as copy:
            while chunk := handle.read(1 << 20):
                copy.write(chunk)
        seconds = time.perf_counter() - started
        cursor.execute("DROP TABLE bench_raw_ads")
    return seconds


def bad_file(folder: Path) -> dict:
    from kasip.labour import services
    from kasip.labour.models import Vacancy

    rows = ["title,district,date", "Сварщик,351010000,2025-01-05", ",351010000,2025-01-05",
            "Повар,Атлантида,2025-01-05", "Повар,351010000,31.02.2025"]
    before = Vacancy.objects.count()
    result = services.ingest_vacancies(None, "\n".join(rows).encode(), "bad.csv", today=dt.date(2026, 11, 27))
    return {"bad_rows_reported": len(result.errors), "bad_file_wrote": Vacancy.objects.count() - before}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ads", type=int, default=1_000_000)
    parser.add_argument("--orm-rows", type=int, default=20_000)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/kasip_bench")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.database_url, args.child)
        return
    prepare(args.database_url)
    with tempfile.TemporaryDirectory() as tmp:
        files = generate(args.ads, Path(tmp))
        print(f"generated {args.ads} ads in {files['generate_s']} s: CSV {files['csv_mb']} MB, JSON Lines "
              f"{files['jsonl_mb']} MB, {files['distinct_titles']} distinct titles", flush=True)
        results = {}
        for kind in ("csv", "jsonl"):
            results[kind] = run_child(args.database_url, files[kind])
            r = results[kind]
            print(f"{kind}: {r['seconds']} s, {r['rows'] / r['seconds']:,.0f} rows/s, peak {r['peak_mb']} MB, "
                  f"stored {r['stored']}, re-posts {r['duplicates']}, coding {r['coding']}, queued titles "
                  f"{r['queued_titles']}, demand cells {r['cells']}; stages {r['stages']}", flush=True)
        copy_s = raw_copy(files["csv"])
        orm_rate = orm_baseline(args.orm_rows)
        bad = bad_file(Path(tmp))
    from django.db import connection

    csv = results["csv"]
    rate = csv["rows"] / csv["seconds"]
    figures = {
        "database": connection.vendor, "ads": args.ads, "csv_s": csv["seconds"], "jsonl_s": results["jsonl"]["seconds"],
        "csv_rows_per_s": round(rate), "jsonl_rows_per_s": round(results["jsonl"]["rows"] / results["jsonl"]["seconds"]),
        "peak_mb": max(csv["peak_mb"], results["jsonl"]["peak_mb"]), "stored": csv["stored"],
        "reposts": csv["duplicates"], "orm_rows_per_s": round(orm_rate), "vs_orm": round(rate / orm_rate, 1),
        "store_s": csv["stages"].get("store"), "raw_copy_s": round(copy_s, 2) if copy_s is not None else None,
        "store_vs_copy": round(csv["stages"]["store"] / copy_s, 2) if copy_s else None, **bad,
    }
    print(f"ORM one by one: {orm_rate:,.0f} rows/s; ingest {figures['vs_orm']}x faster (target >= 30x)")
    if copy_s is not None:
        print(f"raw COPY of the CSV into an unindexed table: {copy_s:.2f} s; the ingest's store step "
              f"{figures['store_s']} s = {figures['store_vs_copy']}x (target <= 3x)")
    print(f"bad file: {bad['bad_rows_reported']} bad rows reported, {bad['bad_file_wrote']} ads written")
    print(f"targets: <= 120 s ({'met' if csv['seconds'] <= 120 and results['jsonl']['seconds'] <= 120 else 'NOT met'}), "
          f"<= 2048 MB ({'met' if figures['peak_mb'] <= 2048 else 'NOT met'})")
    print("BENCH ingest " + " ".join(f"{k}={v}" for k, v in figures.items()))


if __name__ == "__main__":
    main()
