"""The composition benchmark: exactness, production quality and speed, rules,
re-composition and scaling. Reports; it asserts nothing (tests do that).
"""

from __future__ import annotations

import json
import math
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np

from leerkring.composition import (
    compose,
    engine,
    parse_problem,
    random_objectives,
    score_groups,
)

from . import references
from .cohort import CATEGORICAL, make_problem, with_rules
from .exact import solve_exact

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "bench" / "results" / "composition.json"


def _print(text: str = "") -> None:
    print(text, flush=True)


def max_proportion_deviation(
    raw: dict[str, Any], groups: Sequence[Sequence[Any]]
) -> float:
    """Largest |share in a community - share in the cohort| over all categories."""
    people = {p["id"]: p for p in raw["people"]}
    worst = 0.0
    for attribute in CATEGORICAL:
        values = [str(p.get(attribute)) for p in raw["people"]]
        for value in set(values):
            cohort_share = values.count(value) / len(values)
            for group in groups:
                inside = sum(
                    1 for pid in group if str(people[pid].get(attribute)) == value
                )
                worst = max(worst, abs(inside / len(group) - cohort_share))
    return worst


# --------------------------------------------------------------- exact check
def exact_check(count: int, budget_s: float) -> dict[str, Any]:
    """Engine vs proven MILP optimum on small cohorts (N <= 12, K = 2-3)."""
    hits, gaps, rows = 0, [], []
    milp_seconds = 0.0
    for i in range(count):
        rng = np.random.default_rng(50_000 + i)
        n = int(rng.integers(6, 13))
        k = int(rng.choice([2, 3]))
        size = math.ceil(n / k)
        raw = make_problem(n, 60_000 + i, max_group_size=size, time_budget_s=budget_s)
        if i % 3 == 2:
            ids = [p["id"] for p in raw["people"]]
            order = [ids[int(x)] for x in rng.permutation(n)]
            raw["must_link"] = [order[:2]]
            raw["cannot_link"] = [order[2:4]]
        problem = parse_problem(raw)
        start = time.perf_counter()
        exact = solve_exact(problem)
        milp_seconds += time.perf_counter() - start
        found = compose(problem).objective
        optimum = exact["objective"]
        gap = max(0.0, (optimum - found) / optimum) if optimum > 0 else 0.0
        hit = found >= optimum - 1e-5 * max(1.0, optimum)
        hits += hit
        gaps.append(gap)
        rows.append(
            {
                "n": n,
                "groups": problem.n_groups,
                "constrained": i % 3 == 2,
                "optimum": optimum,
                "proven": exact["proven_optimal"],
                "found": found,
                "hit": bool(hit),
            }
        )
    return {
        "instances": count,
        "engine_budget_s": budget_s,
        "hit_rate": hits / count,
        "mean_gap": float(np.mean(gaps)),
        "max_gap": float(np.max(gaps)),
        "all_proven_optimal": all(r["proven"] for r in rows),
        "milp_seconds_total": milp_seconds,
        "rows": rows,
    }


# ---------------------------------------------------------------- production
def production(seeds: Sequence[int], n_random: int) -> dict[str, Any]:
    """N=600 into 50 communities, budget 0.5 s, against stored best-known values."""
    refs = references.load()
    rows = []
    for seed in seeds:
        raw = references.instance(seed, 0.5, engine_seed=0)
        ref = refs[seed]
        assert ref["fingerprint"] == references.fingerprint(raw), "generator changed"
        start = time.perf_counter()
        problem = parse_problem(raw)
        solution = compose(problem)
        wall = time.perf_counter() - start
        returned = solution.objective
        capped = solution.stats["stopped_by"] == "clock_cap"
        if capped:
            # A loaded machine hit the clock cap before the modelled work was
            # done; the deterministic answer (what an unloaded machine returns
            # for this seed) is scored, the truncated one is kept beside it.
            saved = engine.CLOCK_CAP
            engine.CLOCK_CAP = 1e9
            try:
                solution = compose(problem)
            finally:
                engine.CLOCK_CAP = saved
        randoms = random_objectives(problem, n_random, seed)
        mean, sd = float(np.mean(randoms)), float(np.std(randoms))
        best = max(ref["objective"], solution.objective, returned)
        rows.append(
            {
                "instance_seed": seed,
                "wall_s": wall,
                "reported_seconds": solution.seconds,
                "objective": solution.objective,
                "best_known": ref["objective"],
                "random_mean": mean,
                "random_sd": sd,
                "normalised_gap": (best - solution.objective) / (best - mean),
                "clock_capped": capped,
                "normalised_gap_as_returned": (best - returned) / (best - mean),
                "z": (solution.objective - mean) / sd,
                "max_proportion_deviation": max_proportion_deviation(
                    raw, solution.groups
                ),
                "violations": len(score_groups(problem, solution.groups).violations),
            }
        )
    walls = sorted(r["wall_s"] for r in rows)
    gaps = [r["normalised_gap"] for r in rows]
    return {
        "instances": len(rows),
        "n": references.N,
        "groups": 50,
        "budget_s": 0.5,
        "median_wall_s": statistics.median(walls),
        "p95_wall_s": float(np.percentile(walls, 95)),
        "max_wall_s": walls[-1],
        "mean_normalised_gap": float(np.mean(gaps)),
        "worst_normalised_gap": float(np.max(gaps)),
        "clock_capped_runs": sum(r["clock_capped"] for r in rows),
        "mean_normalised_gap_as_returned": float(
            np.mean([r["normalised_gap_as_returned"] for r in rows])
        ),
        "worst_normalised_gap_as_returned": float(
            np.max([r["normalised_gap_as_returned"] for r in rows])
        ),
        "min_z": min(r["z"] for r in rows),
        "mean_z": float(np.mean([r["z"] for r in rows])),
        "max_proportion_deviation": max(r["max_proportion_deviation"] for r in rows),
        "violations": sum(r["violations"] for r in rows),
        "rows": rows,
    }


def cli_walls(seeds: Sequence[int]) -> dict[str, Any]:
    """Whole-process wall time of ``python -m leerkring.composition`` (imports too)."""
    walls, reported = [], []
    for seed in seeds:
        text = json.dumps(references.instance(seed, 0.5))
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "leerkring.composition"],
            input=text,
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=True,
        )
        walls.append(time.perf_counter() - start)
        reported.append(json.loads(result.stdout)["seconds"])
    return {
        "runs": len(walls),
        "median_process_wall_s": statistics.median(walls),
        "max_process_wall_s": max(walls),
        "median_reported_seconds": statistics.median(reported),
    }


# ------------------------------------------------------------- hard rules
def constrained(seed: int = 9301) -> dict[str, Any]:
    """Must-links, cannot-links (managers apart from their teams), minimums, fixed."""
    raw = with_rules(make_problem(600, seed), seed)
    problem = parse_problem(raw)
    solution = compose(problem)
    check = score_groups(problem, solution.groups)
    plain = compose(parse_problem(make_problem(600, seed)))
    return {
        "must_link_groups": len(raw["must_link"]),
        "cannot_link_pairs": len(raw["cannot_link"]),
        "minimums": raw["min_per_group"],
        "fixed": len(raw["fixed"]),
        "violations": len(check.violations),
        "seconds": solution.seconds,
        "stopped_by": solution.stats["stopped_by"],
        "objective": solution.objective,
        "objective_without_rules": plain.objective,
    }


def recomposition(seed: int = 9401, n_random: int = 100) -> dict[str, Any]:
    """Three periods in a row: repeated pairs vs what random regrouping gives."""
    raw = make_problem(600, seed)
    periods: list[list[list[Any]]] = []
    rows = []
    for period in range(3):
        raw["previous_groups"] = list(periods)
        problem = parse_problem(raw)
        solution = compose(problem)
        index = {pid: i for i, pid in enumerate(problem.ids)}
        before: set[tuple[int, int]] = set()
        for old in periods:
            for group in old:
                for a, b in combinations(sorted(index[x] for x in group), 2):
                    before.add((a, b))
        rng = np.random.default_rng(seed + period)
        random_repeats = []
        for _ in range(n_random if periods else 0):
            labels = rng.permutation(problem.n) % problem.n_groups
            random_repeats.append(sum(1 for a, b in before if labels[a] == labels[b]))
        rows.append(
            {
                "period": period + 1,
                "repeated_pairs": solution.repeated_pairs,
                "repeated_pairs_last_period": solution.repeated_pairs_last_period,
                "random_expected_repeats": float(np.mean(random_repeats))
                if random_repeats
                else 0.0,
                "objective": solution.objective,
                "seconds": solution.seconds,
                "violations": len(solution.violations),
            }
        )
        periods.append(solution.groups)
    return {"periods": rows}


def scaling(sizes: Sequence[int]) -> list[dict[str, Any]]:
    rows = []
    for n in sizes:
        result = subprocess.run(
            [sys.executable, "-m", "bench.composition.scale_one", str(n)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=True,
        )
        rows.append(json.loads(result.stdout))
    return rows


# -------------------------------------------------------------------- main
def main(argv: Sequence[str]) -> int:
    quick = "--quick" in argv
    started = time.perf_counter()
    report: dict[str, Any] = {
        "machine": {
            "python": platform.python_version(),
            "cpus": _cpus(),
            # Other work on the machine inflates every wall time; say how much.
            "load_average_at_start": list(os.getloadavg()),
        },
        "quick": quick,
    }
    _print("Composition benchmark" + (" (quick)" if quick else ""))
    _print("=" * 60)

    exact = exact_check(30 if quick else 100, 0.2)
    report["exact"] = exact
    _print(
        f"Exact check: {exact['instances']} cohorts N=6-12, K=2-3 "
        f"(1/3 with must/cannot-links), MILP (HiGHS) proven optimal: "
        f"{exact['all_proven_optimal']}"
    )
    _print(
        f"  optimum reached {exact['hit_rate']:.0%}  mean gap "
        f"{exact['mean_gap']:.4%}  max gap {exact['max_gap']:.4%}  "
        f"(engine budget {exact['engine_budget_s']} s)"
    )

    seeds = references.INSTANCE_SEEDS[: 6 if quick else 20]
    prod = production(seeds, 100 if quick else 200)
    report["production"] = prod
    _print(
        "Production: N=600 into 50 communities, budget 0.5 s, "
        f"{prod['instances']} instances"
    )
    _print(
        f"  wall (API, incl. distance matrix): median {prod['median_wall_s']:.3f} s  "
        f"p95 {prod['p95_wall_s']:.3f} s  max {prod['max_wall_s']:.3f} s"
    )
    _print(
        f"  normalised gap vs best known: mean {prod['mean_normalised_gap']:.3%}  "
        f"worst {prod['worst_normalised_gap']:.3%}"
    )
    if prod["clock_capped_runs"]:
        _print(
            f"  ({prod['clock_capped_runs']} runs hit the clock cap on this loaded "
            "machine; the gaps above are of the deterministic answer, as returned: "
            f"mean {prod['mean_normalised_gap_as_returned']:.3%} worst "
            f"{prod['worst_normalised_gap_as_returned']:.3%})"
        )
    _print(
        f"  diversity z vs random: min {prod['min_z']:.1f}  mean {prod['mean_z']:.1f}; "
        f"max category share deviation {prod['max_proportion_deviation']:.3f}; "
        f"violations {prod['violations']}"
    )
    cli = cli_walls(seeds[:3])
    report["cli"] = cli
    _print(
        f"  CLI whole process (python start + numpy import + solve): median "
        f"{cli['median_process_wall_s']:.3f} s, max {cli['max_process_wall_s']:.3f} s"
    )

    rules = constrained()
    report["constrained"] = rules
    _print(
        f"Hard rules (N=600: {rules['must_link_groups']} must-link pairs, "
        f"{rules['cannot_link_pairs']} cannot-link pairs, teacher>=1 and student>=4 "
        f"per community, {rules['fixed']} fixed): violations {rules['violations']}, "
        f"{rules['seconds']:.3f} s (stopped by {rules['stopped_by']}), "
        f"objective {rules['objective']:.1f} "
        f"(without rules {rules['objective_without_rules']:.1f})"
    )

    again = recomposition(n_random=30 if quick else 100)
    report["recomposition"] = again
    for row in again["periods"]:
        _print(
            f"Period {row['period']}: repeated pairs (any earlier period) "
            f"{row['repeated_pairs']}  random regrouping "
            f"~{row['random_expected_repeats']:.1f}"
            f"  objective {row['objective']:.1f}  {row['seconds']:.3f} s"
        )

    scale = scaling((1000, 2000) if quick else (1000, 2000, 5000))
    report["scaling"] = scale
    _print("Scaling (budget 0.5 s; the first descent always completes):")
    _print("       N  groups   wall s  matrix s  matrix MB  peak RSS MB")
    for row in scale:
        _print(
            f"  {row['n']:6d}  {row['groups']:6d}  {row['seconds']:7.2f}  "
            f"{row['matrix_seconds']:8.2f}  {row['matrix_mb']:9.0f}  "
            f"{row['peak_rss_mb']:11.0f}"
        )
    report["total_seconds"] = time.perf_counter() - started
    report["machine"]["load_average_at_end"] = list(os.getloadavg())
    _print(
        "Load average (1/5/15 min) at start "
        + " ".join(f"{x:.1f}" for x in report["machine"]["load_average_at_start"])
        + ", at end "
        + " ".join(f"{x:.1f}" for x in report["machine"]["load_average_at_end"])
        + f" on {_cpus()} CPUs"
    )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=1) + "\n")
    _print(
        f"Total {report['total_seconds']:.0f} s; written {RESULTS.relative_to(ROOT)}"
    )
    return 0


def _cpus() -> int:
    return os.cpu_count() or 0
