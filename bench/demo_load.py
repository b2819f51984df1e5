"""B4 data: how long loading the demo region (SQLite) and the national data set (PostgreSQL) takes.

    .venv/bin/python bench/demo_load.py                  # both
    .venv/bin/python bench/demo_load.py --only demo      # the demo region, median of 3 fresh loads
    .venv/bin/python bench/demo_load.py --only national  # the national set, one load

Each load runs in a fresh database: a temporary SQLite file (KASIP_SQLITE_PATH) or the
PostgreSQL database kasip_bench (DATABASE_URL=postgres://postgres@127.0.0.1:5432/kasip_bench),
which this script drops and creates. `migrate` runs first (timed apart), then `kasip demo`
as a child process whose peak memory is read from os.wait4(). The national set includes B4's 2 000 000 job ads
(ingested through the vacancy service, so the coder's file must exist: `make coder`). Targets: demo <= 60 s on
SQLite, national <= 600 s on PostgreSQL. The last line is `BENCH demo_load key=value ...`.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_URL = "postgres://postgres@127.0.0.1:5432/kasip_bench"
TABLES = {
    "colleges": "registry_college", "enterprises": "registry_enterprise", "programmes": "registry_programme",
    "job_ads": "labour_vacancy",
    "groups": "registry_group", "students": "registry_student", "events": "registry_studentevent",
    "graduations": "outcomes_graduation", "needs": "partners_workforceneed",
}


def run(args: list[str], env: dict, quiet: bool = True) -> tuple[float, int]:
    """Runs `python -m kasip ARGS`; returns (seconds, peak RSS in MB) of that child alone."""
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "kasip", *args], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE if quiet else None, stderr=subprocess.PIPE if quiet else None)
    if quiet:
        out, err = proc.communicate()
        status, rusage = proc.returncode, None
    else:
        _pid, status, rusage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out = err = b""
    seconds = time.monotonic() - started
    if proc.returncode:
        sys.stderr.write((out or b"").decode() + (err or b"").decode())
        raise SystemExit(f"kasip {' '.join(args)} failed ({proc.returncode})")
    peak = (rusage.ru_maxrss / 1024) if rusage else 0.0
    return seconds, peak


def base_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "KASIP_SQLITE_PATH")}
    env.update(KASIP_DEMO="1", KASIP_HTTPS="0", PYTHONPATH=str(ROOT / "src"), **extra)
    return env


def bench_demo(runs: int) -> dict:
    timings, peaks, counts = [], [], {}
    for i in range(runs):
        with tempfile.TemporaryDirectory(prefix="kasip-bench-") as tmp:
            path = Path(tmp) / "demo.sqlite3"
            env = base_env(KASIP_SQLITE_PATH=str(path))
            migrate_s, _ = run(["migrate", "--noinput", "-v0"], env)
            seconds, peak = run(["demo", "--quiet-logins"], env, quiet=False)
            again, _ = run(["demo", "--quiet-logins"], env)
            with sqlite3.connect(path) as db:
                counts = {k: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for k, t in TABLES.items()}
            print(f"demo run {i + 1}/{runs}: {seconds:.1f} s (migrate {migrate_s:.1f} s, second run {again:.1f} s), "
                  f"peak {peak:.0f} MB, {counts['students']} students", flush=True)
            timings.append(seconds)
            peaks.append(peak)
    return {"demo_s": round(statistics.median(timings), 2), "demo_min_s": round(min(timings), 2),
            "demo_runs": runs, "demo_peak_mb": round(max(peaks)), "demo_rerun_s": round(again, 2),
            **{f"demo_{k}": v for k, v in counts.items()}}


def bench_national(args) -> dict:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute("DROP DATABASE IF EXISTS kasip_bench WITH (FORCE)")
        admin.execute("CREATE DATABASE kasip_bench")
    env = base_env(DATABASE_URL=PG_URL)
    migrate_s, _ = run(["migrate", "--noinput", "-v0"], env)
    print(f"national: migrated in {migrate_s:.1f} s; loading ...", flush=True)
    extra = []
    for name in ("students", "colleges", "enterprises", "regions", "vacancies"):
        if getattr(args, name) is not None:
            extra += [f"--{name}", str(getattr(args, name))]
    seconds, peak = run(["demo", "--scale", "national", *extra], env, quiet=False)
    with psycopg.connect(PG_URL.replace("postgres://", "postgresql://")) as db:
        counts = {k: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for k, t in TABLES.items()}
        size = db.execute("SELECT pg_database_size('kasip_bench')").fetchone()[0]
    print(f"national: {seconds:.1f} s, peak {peak:.0f} MB, {counts}", flush=True)
    if not args.keep:
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute("DROP DATABASE IF EXISTS kasip_bench WITH (FORCE)")
    return {"national_s": round(seconds, 1), "national_peak_mb": round(peak), "national_db_mb": round(size / 2**20),
            "national_migrate_s": round(migrate_s, 1), **{f"national_{k}": v for k, v in counts.items()},
            "national_students_per_s": round(counts["students"] / seconds) if seconds else 0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["demo", "national"])
    parser.add_argument("--runs", type=int, default=3, help="demo loads to take the median of (default 3)")
    parser.add_argument("--keep", action="store_true", help="keep the kasip_bench database after the run")
    for name in ("students", "colleges", "enterprises", "regions", "vacancies"):
        parser.add_argument(f"--{name}", type=int, default=None, help=f"national: {name} (default: B4's size)")
    args = parser.parse_args()
    figures: dict = {}
    if args.only in (None, "demo"):
        figures.update(bench_demo(args.runs))
        figures["demo_target_s"] = 60
        figures["demo_ok"] = int(figures["demo_s"] <= 60)
    if args.only in (None, "national"):
        figures.update(bench_national(args))
        figures["national_target_s"] = 600
        figures["national_ok"] = int(figures["national_s"] <= 600)
    print("BENCH demo_load " + " ".join(f"{k}={v}" for k, v in figures.items()))


if __name__ == "__main__":
    main()
