"""Proven optimum of small composition problems by an integer program (HiGHS).

Only for the benchmark and tests: scipy's ``milp`` on

    maximise   sum_{i<j} d_ij * y_ij
    subject to sum_k x_ik = 1                       (everyone in one group)
               low <= sum_i x_ik <= high            (balanced sizes)
               y_ij <= 1 + x_jk - x_ik  for all k   (together only if same group)
               x_ik = x_jk                          (must-link)
               x_ik + x_jk <= 1                     (cannot-link)
               x_ik = 0 for k > i                   (groups are unlabelled)
               low-1 <= sum_j y_ij <= high-1        (cut: group mates per person)
               sum y = pairs within groups          (cut: fixed by the sizes)

with x binary and 0 <= y <= 1. Maximising pushes y to 1 exactly for pairs
that share a group, so the optimum of this program is the optimum grouping.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import lil_matrix

from leerkring.composition.distance import distance_matrix, encode
from leerkring.composition.problem import Problem


def solve_exact(problem: Problem, time_limit_s: float = 60.0) -> dict[str, Any]:
    """Optimal objective and groups (positions) for a small problem."""
    if problem.fixed or problem.min_per_group or problem.previous_groups:
        raise ValueError("the exact reference covers must/cannot-links only")
    n, k = problem.n, problem.n_groups
    low, high = problem.group_size_bounds()
    d = distance_matrix(encode(problem)).astype(np.float64)
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    n_x = n * k
    n_var = n_x + len(pairs)

    def x(i: int, group: int) -> int:
        return i * k + group

    cost = np.zeros(n_var)
    for p, (i, j) in enumerate(pairs):
        cost[n_x + p] = -d[i, j]
    rows: list[tuple[dict[int, float], float, float]] = []
    for i in range(n):
        rows.append(({x(i, g): 1.0 for g in range(k)}, 1.0, 1.0))
    for g in range(k):
        rows.append(({x(i, g): 1.0 for i in range(n)}, float(low), float(high)))
    for p, (i, j) in enumerate(pairs):
        for g in range(k):
            rows.append(({n_x + p: 1.0, x(j, g): -1.0, x(i, g): 1.0}, -np.inf, 1.0))
    # Valid cuts that make the relaxation much tighter: everyone shares a group
    # with low-1 to high-1 others, and the number of pairs sharing a group is
    # fixed by the group sizes.
    for i in range(n):
        own = {n_x + p: 1.0 for p, (a, b) in enumerate(pairs) if i in (a, b)}
        rows.append((own, float(low - 1), float(high - 1)))
    n_big = n - low * k
    together = (k - n_big) * low * (low - 1) / 2 + n_big * high * (high - 1) / 2
    rows.append(({n_x + p: 1.0 for p in range(len(pairs))}, together, together))
    for linked in problem.must_link:
        for other in linked[1:]:
            for g in range(k):
                rows.append(({x(linked[0], g): 1.0, x(other, g): -1.0}, 0.0, 0.0))
    for i, j in problem.cannot_link:
        for g in range(k):
            rows.append(({x(i, g): 1.0, x(j, g): 1.0}, -np.inf, 1.0))
    matrix = lil_matrix((len(rows), n_var))
    lower = np.empty(len(rows))
    upper = np.empty(len(rows))
    for r, (coefficients, lo, hi) in enumerate(rows):
        for column, value in coefficients.items():
            matrix[r, column] = value
        lower[r], upper[r] = lo, hi
    var_upper = np.ones(n_var)
    for i in range(n):
        for g in range(i + 1, k):
            var_upper[x(i, g)] = 0.0  # symmetry: person i opens at most group i
    integrality = np.zeros(n_var)
    integrality[:n_x] = 1
    result = milp(
        cost,
        constraints=LinearConstraint(matrix.tocsr(), lower, upper),
        integrality=integrality,
        bounds=Bounds(np.zeros(n_var), var_upper),
        options={"time_limit": time_limit_s, "mip_rel_gap": 0.0},
    )
    if result.x is None:
        raise RuntimeError(f"MILP failed: {result.message}")
    labels = result.x[:n_x].reshape(n, k).argmax(axis=1)
    groups = [[i for i in range(n) if labels[i] == g] for g in range(k)]
    value = float(
        sum(d[i, j] for g in groups for a, i in enumerate(g) for j in g[a + 1 :])
    )
    return {
        "objective": value,
        "proven_optimal": bool(result.status == 0),
        "groups": groups,
    }
