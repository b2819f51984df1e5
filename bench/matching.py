"""B2: stable matching of students to training places (`kasip.dual.matching.match`).

    .venv/bin/python bench/matching.py           # 100 000 x 10 000 and 3 000 x 300 with the peer
    .venv/bin/python bench/matching.py --quick   # 20 000 x 2 000 and 1 000 x 100 with the peer

Instance generator (seeded): N students each rank k distinct eligible places, drawn with a
skewed popularity (log-normal weights, so popular places are over-subscribed); each place
has 1-20 seats and ranks its applicants by a score (the student's grade plus the place's own
interview mark, rounded, so there are ties) with the ties broken by `rank_by_score`'s seeded
lottery; a place turns down about 2 % of its applicants (does not rank them).

Figures per instance: seconds of the `match` call alone (median of 5; building the instance is
not timed), peak memory of one call (tracemalloc, in a separate run so it does not slow the
timed ones), matched count, and a stability check (`blocking_pairs` empty) after every run.
At the small size the peer, the PyPI package `matching` (HospitalResident, resident-optimal;
a bench-only dependency), solves the same instance in the same run, median of 3: its whole
call from the dicts (`create_from_dictionaries` + `solve()`, as `match` goes from its dicts
to a matching) gives the ratio peer / ours of the target (>= 50x); its `solve()` alone is
reported beside it (`small_solve_ratio`). Its result must be identical. The large target is <= 1 s and <= 500 MB.
The last line is `BENCH matching key=value ...`.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import random
import resource
import statistics
import sys
import time
import tracemalloc
import warnings
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

# This file is named like the peer package: keep its folder off the path so that `import
# matching` finds the package, and find kasip in src/ when it is not installed.
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(HERE.parent / "src"))

from kasip.dual.matching import blocking_pairs, match, rank_by_score  # noqa: E402

Instance = tuple[dict[str, list[str]], dict[str, list[str]], dict[str, int]]


def make_instance(n_students: int, n_places: int, k: int, seed: int) -> Instance:
    """Returns (student_prefs, place_prefs, capacities) as described in the module doc."""
    rng = random.Random(seed)
    places = [f"P{i:06d}" for i in range(n_places)]
    capacities = {p: rng.randint(1, 20) for p in places}
    cum = list(itertools.accumulate(rng.lognormvariate(0.0, 1.0) for _ in places))
    grade = {}
    student_prefs: dict[str, list[str]] = {}
    applicants: dict[str, list[str]] = {p: [] for p in places}
    k = min(k, n_places)
    for i in range(n_students):
        student = f"S{i:07d}"
        grade[student] = rng.uniform(2.0, 5.0)
        chosen: list[str] = []
        seen: set[str] = set()
        while len(chosen) < k:
            for p in rng.choices(places, cum_weights=cum, k=k):
                if p not in seen and len(chosen) < k:
                    seen.add(p)
                    chosen.append(p)
        student_prefs[student] = chosen
        for p in chosen:
            applicants[p].append(student)
    place_prefs = {}
    for p in places:
        scores = {s: round(grade[s] * 10 + rng.uniform(0, 10)) for s in applicants[p]
                  if rng.random() >= 0.02}
        place_prefs[p] = rank_by_score(scores, f"{seed}:{p}")
    return student_prefs, place_prefs, capacities


def time_match(inst: Instance, runs: int) -> tuple[list[float], dict[str, str | None]]:
    times = []
    result: dict[str, str | None] = {}
    for _ in range(runs):
        gc.collect()
        started = time.perf_counter()
        result = match(*inst)
        times.append(time.perf_counter() - started)
        pairs = blocking_pairs(*inst, result)
        if pairs:
            raise SystemExit(f"UNSTABLE: {len(pairs)} blocking pairs, e.g. {pairs[:3]}")
    return times, result


def peak_mb(inst: Instance) -> float:
    gc.collect()
    tracemalloc.start()
    match(*inst)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def peer_solve(inst: Instance, runs: int) -> tuple[list[float], list[float], dict[str, str | None]]:
    """Solves with `matching`'s HospitalResident (resident-optimal). Returns the seconds of the
    whole call from the dicts (`create_from_dictionaries` + `solve()`, what `match` does from
    its dicts), those of `solve()` alone, and the result as student -> place. The peer needs
    consistent input (each side ranks exactly who ranked it, no empty list, no place without
    seats), so it gets the instance reduced to that (not timed), which changes no stable
    matching."""
    from matching.games import HospitalResident

    student_prefs, place_prefs, capacities = inst
    ranks = {p: set(lst) for p, lst in place_prefs.items() if capacities.get(p, 0) > 0}
    residents = {s: [p for p in lst if p in ranks and s in ranks[p]]
                 for s, lst in student_prefs.items()}
    residents = {s: lst for s, lst in residents.items() if lst}
    wanted: dict[str, set[str]] = {p: set() for p in ranks}
    for s, lst in residents.items():
        for p in lst:
            wanted[p].add(s)
    hospitals = {p: [s for s in place_prefs[p] if s in wanted[p]] for p in ranks if wanted[p]}
    residents = {s: [p for p in lst if p in hospitals] for s, lst in residents.items()}
    seats = {p: capacities[p] for p in hospitals}
    # Its constructor deep-copies the players, which recurses along the preference lists.
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 20 * len(residents) + 10_000))
    whole, solve = [], []
    result: dict[str, str | None] = {}
    for _ in range(runs):
        gc.collect()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            started = time.perf_counter()
            game = HospitalResident.create_from_dictionaries(residents, hospitals, seats)
            built = time.perf_counter()
            solved = game.solve(optimal="resident")
            done = time.perf_counter()
        whole.append(done - started)
        solve.append(done - built)
        result = dict.fromkeys(student_prefs)
        for hospital, matched in solved.items():
            for resident in matched:
                result[resident.name] = hospital.name
    return whole, solve, result


def run_size(label: str, n: int, m: int, k: int, seed: int, runs: int, peer: bool,
             figures: dict[str, object]) -> None:
    started = time.perf_counter()
    inst = make_instance(n, m, k, seed)
    built = time.perf_counter() - started
    seats = sum(inst[2].values())
    print(f"[{label}] {n} students x {m} places, k={k}, {seats} seats, seed {seed} "
          f"(instance built in {built:.1f} s)")
    times, result = time_match(inst, runs)
    med = statistics.median(times)
    matched = sum(1 for v in result.values() if v is not None)
    peak = peak_mb(inst)
    print(f"[{label}] match: median {med:.4f} s of {runs} ({', '.join(f'{t:.4f}' for t in times)}), "
          f"peak {peak:.0f} MB (tracemalloc), matched {matched}/{n}, stable on every run")
    figures.update({f"{label}_n": n, f"{label}_places": m, f"{label}_s": round(med, 4),
                    f"{label}_peak_mb": round(peak, 1), f"{label}_matched": matched,
                    f"{label}_stable": 1})
    if not peer:
        return
    try:
        peer_version = version("matching")
    except PackageNotFoundError:
        print(f"[{label}] peer: the package `matching` is not installed; skipped")
        figures[f"{label}_peer"] = "absent"
        return
    peer_whole, peer_solve_only, peer_result = peer_solve(inst, 3)
    whole_med = statistics.median(peer_whole)
    solve_med = statistics.median(peer_solve_only)
    identical = peer_result == result
    ratio = whole_med / med
    solve_ratio = solve_med / med
    print(f"[{label}] peer matching {peer_version} HospitalResident, median of 3: "
          f"create_from_dictionaries + solve() {whole_med:.3f} s "
          f"({', '.join(f'{t:.3f}' for t in peer_whole)}), solve() alone {solve_med:.3f} s; "
          f"results identical: {identical}")
    print(f"[{label}] ours is {ratio:.0f}x faster than the peer's whole call from the dicts "
          f"(target >= 50x), {solve_ratio:.0f}x faster than its solve() alone")
    figures.update({f"{label}_peer_s": round(whole_med, 4),
                    f"{label}_peer_solve_s": round(solve_med, 4), f"{label}_ratio": round(ratio, 1),
                    f"{label}_solve_ratio": round(solve_ratio, 1),
                    f"{label}_identical": int(identical), "peer_version": peer_version})
    if not identical:
        diff = [s for s in result if result[s] != peer_result[s]]
        print(f"[{label}] DIFFERENT for {len(diff)} students, e.g. "
              f"{[(s, result[s], peer_result[s]) for s in diff[:3]]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a smaller run")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    figures: dict[str, object] = {}
    if args.quick:
        run_size("large", 20_000, 2_000, 10, args.seed, 5, False, figures)
        run_size("small", 1_000, 100, 10, args.seed, 5, True, figures)
    else:
        run_size("large", 100_000, 10_000, 10, args.seed, 5, False, figures)
        run_size("small", 3_000, 300, 10, args.seed, 5, True, figures)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures["max_rss_mb"] = round(rss)
    ok = (figures.get("small_identical", 1) == 1
          and (args.quick or (figures["large_s"] <= 1.0 and figures["large_peak_mb"] <= 500
                              and float(figures.get("small_ratio", 50)) >= 50)))
    figures["targets_met"] = int(ok)
    print(f"process max RSS {rss:.0f} MB (instances included)")
    print("BENCH matching " + " ".join(f"{k}={v}" for k, v in figures.items()))


if __name__ == "__main__":
    main()
