"""Measure the engine's cost model on this machine.

``python -m bench.composition.calibrate`` times the three things the search's
modelled budget counts (see ``leerkring/composition/engine.py``): a group
evaluation (fixed part plus a part per member x unit cell), an applied swap,
and the distance matrix per cell and attribute. It prints the fitted
constants beside the ones in the engine. Run it on an idle machine: the
constants decide how much work a 0.5 s budget buys everywhere.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable

import numpy as np

from leerkring.composition import engine, parse_problem
from leerkring.composition.distance import distance_matrix, encode

from .cohort import make_problem, with_rules

SIZES = (60, 200, 600, 1000, 2000)
RULE_SIZES = (600, 2000)
RULE_KINDS = ("must_link", "cannot_link", "min_per_group")
REPEATS = 5


def _best_of(repeats: int, run: Callable[[], object]) -> float:
    """The fastest of several timings: the least disturbed by other work."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def _search(raw: dict[str, object]) -> engine.Search:
    problem = parse_problem(raw)
    search = engine.Search(problem, distance_matrix(encode(problem)), seed=0)
    search.construct()
    search.descend(list(range(search.k)), [])
    return search


def _evaluation(search: engine.Search) -> tuple[float, float]:
    """Seconds per group evaluation and the mean (member x unit) cells of one."""
    groups = list(range(search.k))

    def evaluate_all() -> None:
        for group in groups:
            search.evaluate_group(group)

    seconds = _best_of(REPEATS, evaluate_all) / len(groups)
    cells = statistics.mean(len(search.members[g]) * search.u for g in groups)
    return seconds, cells


def measure(n: int) -> dict[str, float]:
    problem = parse_problem(make_problem(n, seed=4242, max_group_size=12))
    features = encode(problem)
    matrix_s = _best_of(3, lambda: distance_matrix(features))
    attributes = len(problem.numeric) + len(problem.categorical)
    search = _search(make_problem(n, seed=4242, max_group_size=12))
    evaluations, cells = _evaluation(search)
    groups = list(range(search.k))

    pairs = [(search.members[g][0], search.members[g + 1][0]) for g in groups[:-1]]

    def swap_and_back() -> None:
        for u, v in pairs:
            a, b = int(search.g[u]), int(search.g[v])
            search.apply(u, v, b, 0.0)
            search.apply(u, v, a, 0.0)

    swap = _best_of(REPEATS, swap_and_back) / (2 * len(pairs))
    return {
        "n": n,
        "cells": cells,
        "evaluation_s": evaluations,
        "swap_s": swap,
        "matrix_per_cell_s": matrix_s / (n * n * attributes),
    }


def rule_costs() -> dict[str, tuple[float, float]]:
    """Extra (fixed, per cell) seconds of a group evaluation per kind of rule, from
    the benchmark's rules at two sizes (per minimum rule for min_per_group)."""
    extra: dict[str, list[tuple[float, float]]] = {kind: [] for kind in RULE_KINDS}
    for n in RULE_SIZES:
        plain, _ = _evaluation(_search(make_problem(n, seed=4242)))
        for kind in RULE_KINDS:
            raw = with_rules(make_problem(n, seed=4242), 4242, (kind,))
            seconds, cells = _evaluation(_search(raw))
            rules = len(raw["min_per_group"]) if kind == "min_per_group" else 1
            extra[kind].append((cells, (seconds - plain) / rules))
    fitted = {}
    for kind, points in extra.items():
        (c1, s1), (c2, s2) = points
        per_cell = max(0.0, (s2 - s1) / (c2 - c1))
        fitted[kind] = (max(0.0, s1 - per_cell * c1), per_cell)
    return fitted


def main() -> None:
    for kind, (fixed, per_cell) in rule_costs().items():
        print(
            f"{kind:14s} extra per evaluation {fixed * 1e6:5.1f} µs "
            f"+ {per_cell * 1e9:5.2f} ns/cell"
        )
    rows = [measure(n) for n in SIZES]
    for row in rows:
        print(
            f"N={row['n']:5d}  evaluation {row['evaluation_s'] * 1e6:7.1f} µs "
            f"({row['cells']:8.0f} cells)  swap {row['swap_s'] * 1e6:5.1f} µs  "
            f"matrix {row['matrix_per_cell_s'] * 1e9:5.2f} ns/cell/attribute"
        )
    cells = np.array([row["cells"] for row in rows])
    seconds = np.array([row["evaluation_s"] for row in rows])
    per_cell, fixed = np.polyfit(cells, seconds, 1)
    fitted = {
        "EVAL_FIXED_S": float(fixed),
        "EVAL_PER_CELL_S": float(per_cell),
        "SWAP_S": statistics.median(row["swap_s"] for row in rows),
        "MATRIX_PER_CELL_S": statistics.median(
            row["matrix_per_cell_s"] for row in rows
        ),
    }
    for name, value in fitted.items():
        print(f"{name:18s} fitted {value:.3g}   engine {getattr(engine, name):.3g}")


if __name__ == "__main__":
    main()
    sys.exit(0)
