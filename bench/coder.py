"""Benchmark B1: the occupation coder's accuracy, confidence, speed and memory.

Sets: ../shared/data/benchmarks/coder/jobbert_val_isco08.csv (real English vacancy titles),
esco_leave_occupation_out_300.csv (titles of 300 ESCO occupations left out of the index)
and bench/data/ru_kk_titles.csv (the project's Russian and Kazakh ad titles, each with its
acceptable ISCO-08 codes; never part of the lexicon). The nearest-label TF-IDF baseline
(word TF-IDF over the same labels, best cosine) runs on the same sets in the same run.

Speed, load time and peak memory are measured in fresh processes that load the saved coder
and code the distinct titles of all sets (median of 3 runs).

    .venv/bin/python bench/coder.py [--reference DIR] [--runs 3]

Prints one final line: BENCH coder key=value ...
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from kasip.labour.coder import OccupationCoder, analyse, reference_dir, training_aliases  # noqa: E402
from kasip.labour.coder.lexicon import load_project_aliases  # noqa: E402
from kasip.labour.coder.text import detect_language  # noqa: E402


def read_sets(bench_dir: Path):
    sets = {}
    with (bench_dir / "jobbert_val_isco08.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    sets["jobbert"] = [(r["vacancyTitle"], {r["isco08"].zfill(4)}) for r in rows]
    with (bench_dir / "esco_leave_occupation_out_300.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    sets["loo"] = [(r["label"], {r["isco"].zfill(4)}) for r in rows]
    loo_uris = frozenset(r["uri"] for r in rows)
    with (ROOT / "bench" / "data" / "ru_kk_titles.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(line for line in fh if not line.startswith("#")))
    sets["rukk"] = [(r["title"], {c.strip() for c in r["isco08"].split(";") if c.strip()}) for r in rows]
    return sets, loo_uris


def metrics(preds, truth) -> dict[str, float]:
    """top-1 / top-3 at 4 digits, top-1 at 2 digits, precision on the 40 % most confident."""
    n = len(truth)
    top1 = np.array([bool(p.candidates) and p.candidates[0][0] in t for p, t in zip(preds, truth, strict=True)])
    top3 = np.array([any(c in t for c, _ in p.candidates[:3]) for p, t in zip(preds, truth, strict=True)])
    top1_2d = np.array(
        [bool(p.candidates) and p.candidates[0][0][:2] in {c[:2] for c in t} for p, t in zip(preds, truth, strict=True)]
    )
    conf = np.array([p.confidence for p in preds])
    order = np.argsort(-conf, kind="stable")
    m = max(1, int(round(0.4 * n)))
    return {
        "top1": top1.mean(),
        "top3": top3.mean(),
        "top1_2d": top1_2d.mean(),
        "p40": top1[order[:m]].mean(),
        "n": n,
    }


def nearest_label_baseline(aliases, titles) -> list[str]:
    """Word TF-IDF over the labels, the code of the most similar label."""
    labels = [a.text.lower() for a in aliases]
    codes = np.array([a.code for a in aliases])
    vec = TfidfVectorizer(sublinear_tf=True)
    x = normalize(vec.fit_transform(labels))
    out = []
    for start in range(0, len(titles), 1000):
        q = normalize(vec.transform([t.lower() for t in titles[start : start + 1000]]))
        sims = (q @ x.T).toarray()
        out.extend(codes[np.argmax(sims, axis=1)])
    return list(out)


SPEED_SNIPPET = r"""
import json, os, resource, sys, time
t0 = time.perf_counter()
sys.path.insert(0, sys.argv[3])
from kasip.labour.coder import OccupationCoder
coder = OccupationCoder.load(sys.argv[1])
coder.code(["электрогазосварщик"])  # first use loads the Russian dictionaries
load = time.perf_counter() - t0
titles = json.load(open(sys.argv[2], encoding="utf-8"))
t1, c1 = time.perf_counter(), time.process_time()
coder.code(titles)
took, cpu = time.perf_counter() - t1, time.process_time() - c1
# VmHWM: this process's own peak resident memory (ru_maxrss would keep the parent's
# size at fork: Linux carries it across exec)
try:
    peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM")) / 1024
except (OSError, StopIteration):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"load_s": load, "titles_per_s": len(titles) / took, "titles_per_cpu_s": len(titles) / cpu,
                  "peak_mb": peak, "loadavg": os.getloadavg()[0]}))
"""


def speed(model_path: Path, titles: list[str], runs: int) -> dict[str, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as fh:
        json.dump(titles, fh, ensure_ascii=False)
        titles_path = fh.name
    results = []
    try:
        for _ in range(runs):
            out = subprocess.run(
                [sys.executable, "-c", SPEED_SNIPPET, str(model_path), titles_path, str(ROOT / "src")],
                check=True, capture_output=True, text=True,
            )
            results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    finally:
        os.unlink(titles_path)
    return {key: statistics.median(r[key] for r in results) for key in results[0]}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reference", default=None)
    parser.add_argument("--benchmarks", default=None, help="default: ../shared/data/benchmarks/coder")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--errors", type=int, default=0, help="print this many errors per set")
    args = parser.parse_args()

    ref = reference_dir(args.reference)
    bench_dir = Path(args.benchmarks) if args.benchmarks else (ref.parent / "benchmarks" / "coder" if ref else ROOT.parent / "shared" / "data" / "benchmarks" / "coder")
    sets, loo_uris = read_sets(bench_dir)
    print(f"reference: {ref}; sets: " + ", ".join(f"{k}={len(v)}" for k, v in sets.items()))

    figures: dict[str, float] = {}
    # The project's test titles are kept out of its lexicon: no title is an alias as written;
    # after normalisation many meet one (that is the normaliser's job), reported for the record.
    lexicon = load_project_aliases(("ru", "kk"))
    written = {a.text.lower().replace("ё", "е") for a in lexicon}
    normalised = {" ".join(analyse(a.text)) for a in lexicon}
    rukk_titles = [t for t, _ in sets["rukk"]]
    figures["rukk_overlap_exact"] = sum(t.lower().replace("ё", "е") in written for t in rukk_titles)
    figures["rukk_overlap_normalised"] = float(np.mean([" ".join(analyse(t)) in normalised for t in rukk_titles]))
    figures["lexicon_ru"] = len({a.text.lower() for a in lexicon if a.source == "ru"})
    figures["lexicon_kk"] = len({a.text.lower() for a in lexicon if a.source == "kk"})
    figures["lexicon_groups"] = len({a.code for a in lexicon})
    print(
        f"lexicon: {figures['lexicon_ru']} ru, {figures['lexicon_kk']} kk aliases over {figures['lexicon_groups']} unit groups; "
        f"ru/kk test titles that are aliases as written: {figures['rukk_overlap_exact']}, "
        f"after normalisation: {figures['rukk_overlap_normalised']:.2f}"
    )
    t0 = time.perf_counter()
    full_aliases = training_aliases(ref)
    coder = OccupationCoder().fit(full_aliases)
    figures["build_s"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    loo_aliases = training_aliases(ref, exclude_uris=loo_uris)
    loo_coder = OccupationCoder().fit(loo_aliases)
    print(f"built: full {figures['build_s']:.1f} s ({len(full_aliases)} aliases), leave-out {time.perf_counter() - t0:.1f} s ({len(loo_aliases)} aliases)")

    for name, model, aliases in (("jobbert", coder, full_aliases), ("loo", loo_coder, loo_aliases), ("rukk", coder, full_aliases)):
        titles = [t for t, _ in sets[name]]
        truth = [c for _, c in sets[name]]
        preds = model.code(titles, k=3)
        m = metrics(preds, truth)
        base = nearest_label_baseline(aliases, titles)
        m["baseline_top1"] = float(np.mean([b in t for b, t in zip(base, truth, strict=True)]))
        unsure = np.mean([p.fallback is not None for p in preds])
        print(
            f"{name:8s} n={m['n']:5d} top1={m['top1']:.3f} top3={m['top3']:.3f} top1_2d={m['top1_2d']:.3f} "
            f"p40={m['p40']:.3f} baseline_top1={m['baseline_top1']:.3f} fallback_offered={unsure:.2f}"
        )
        for key in ("top1", "top3", "top1_2d", "p40", "baseline_top1"):
            figures[f"{name}_{key}"] = m[key]
        if name == "rukk":
            for lang in ("ru", "kk"):
                idx = [i for i, t in enumerate(titles) if detect_language(t) == lang]
                figures[f"{lang}_top1"] = float(np.mean([bool(preds[i].candidates) and preds[i].candidates[0][0] in truth[i] for i in idx]))
                print(f"   {lang}: n={len(idx)} top1={figures[f'{lang}_top1']:.3f}")
        if args.errors:
            shown = 0
            for p, t in zip(preds, truth, strict=True):
                if p.code not in t and shown < args.errors:
                    print(f"   ✗ {p.title!r} → {p.code} ({p.confidence:.2f}) want {sorted(t)}")
                    shown += 1

    with tempfile.TemporaryDirectory() as tmp:
        path = coder.save(Path(tmp) / "coder.pkl")
        figures["file_mb"] = path.stat().st_size / 1e6
        distinct = list(dict.fromkeys(t for s in sets.values() for t, _ in s))
        figures.update(speed(path, distinct, args.runs))
    print(
        f"speed: {figures['titles_per_s']:.0f} distinct titles/s wall-clock, {figures['titles_per_cpu_s']:.0f} per CPU second "
        f"(machine load average {figures['loadavg']:.1f} on {os.cpu_count()} cores: on a shared machine the CPU figure is the "
        f"one process's own speed), load {figures['load_s']:.2f} s, peak {figures['peak_mb']:.0f} MB, file {figures['file_mb']:.1f} MB"
    )

    def fmt(v):
        return f"{v:.3f}" if isinstance(v, float) and v < 100 else f"{v:.0f}"

    print("BENCH coder " + " ".join(f"{k}={fmt(v)}" for k, v in figures.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
