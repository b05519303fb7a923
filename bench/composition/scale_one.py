"""One scaling measurement in a fresh process.

Run as ``python -m bench.composition.scale_one N [budget]``.

Prints JSON: wall seconds of compose (distance matrix included), the matrix
time alone, peak resident memory of the process and the matrix's own size.
"""

from __future__ import annotations

import json
import resource
import sys
import time

from leerkring.composition import compose, parse_problem
from leerkring.composition.distance import distance_matrix, encode

from .cohort import make_problem


def main() -> None:
    n = int(sys.argv[1])
    budget = float(sys.argv[2]) if len(sys.argv) > 2 else 0.5
    raw = make_problem(n, 70_000 + n, time_budget_s=budget)
    problem = parse_problem(raw)
    start = time.perf_counter()
    matrix = distance_matrix(encode(problem))
    matrix_s = time.perf_counter() - start
    del matrix
    solution = compose(problem)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "n": n,
                "groups": len(solution.groups),
                "budget_s": budget,
                "seconds": solution.seconds,
                "matrix_seconds": matrix_s,
                "matrix_mb": n * n * 4 / 1e6,
                "peak_rss_mb": peak_kb / 1024,
                "objective": solution.objective,
                "stats": solution.stats,
            }
        )
    )


if __name__ == "__main__":
    main()
