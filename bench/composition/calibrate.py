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

from .cohort import make_problem

SIZES = (60, 200, 600, 1000, 2000)
REPEATS = 5


def _best_of(repeats: int, run: Callable[[], object]) -> float:
    """The fastest of several timings: the least disturbed by other work."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(n: int) -> dict[str, float]:
    problem = parse_problem(make_problem(n, seed=4242, max_group_size=12))
    features = encode(problem)
    matrix_s = _best_of(3, lambda: distance_matrix(features))
    attributes = len(problem.numeric) + len(problem.categorical)
    search = engine.Search(problem, distance_matrix(features), seed=0)
    search.construct()
    search.descend(list(range(search.k)), [])
    groups = list(range(search.k))

    def evaluate_all() -> None:
        for group in groups:
            search.evaluate_group(group)

    evaluations = _best_of(REPEATS, evaluate_all) / len(groups)
    cells = statistics.mean(len(search.members[g]) * search.u for g in groups)

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


def main() -> None:
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
