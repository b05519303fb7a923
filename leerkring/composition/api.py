"""compose(): from a validated Problem to a Solution."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Any

from . import engine
from .distance import distance_matrix, encode
from .problem import PersonId, Problem
from .scoring import Violation, find_violations, score_positions


@dataclass(frozen=True)
class Solution:
    """The proposed groups and their quality.

    ``objective`` is the diversity (sum of within-group pairwise Gower
    distances, without penalties); ``repeated_pairs`` counts pairs that were
    together in ANY previous period; ``violations`` is empty unless something
    went wrong (the engine keeps every hard rule by construction).
    """

    groups: list[list[PersonId]]
    objective: float
    repeated_pairs: int
    violations: list[Violation]
    seconds: float
    repeated_pairs_last_period: int = 0
    group_diversity: list[float] = field(default_factory=list)
    group_mean_distance: list[float] = field(default_factory=list)
    penalised_objective: float = 0.0
    seed: int = 0
    stats: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract's solution object (with a few extra keys)."""
        return {
            "groups": self.groups,
            "objective": self.objective,
            "repeated_pairs": self.repeated_pairs,
            "violations": [v.to_dict() for v in self.violations],
            "seconds": self.seconds,
            "repeated_pairs_last_period": self.repeated_pairs_last_period,
            "group_diversity": self.group_diversity,
            "group_mean_distance": self.group_mean_distance,
            "penalised_objective": self.penalised_objective,
            "n_groups": len(self.groups),
            "seed": self.seed,
            "stats": self.stats,
        }


def compose(
    problem: Problem,
    *,
    started_at: float | None = None,
    startup_allowance_s: float = 0.0,
    reproducible: bool = False,
) -> Solution:
    """Compose diverse groups for a validated problem.

    ``problem.time_budget_s`` is the wall-clock budget for the whole call,
    distance matrix included. ``started_at`` (a ``time.perf_counter()`` value)
    lets a caller count time spent before the call, such as the CLI's imports;
    ``startup_allowance_s`` is a fixed amount of the budget reserved for it, so
    the result stays deterministic. Raises ProblemError when no grouping can
    keep all rules.

    ``reproducible=True`` drops the clock cap: the search ends on its modelled
    work alone, so a seed gives the same groups however loaded the machine is
    (at the price of a longer wait on a slow or busy one).
    """
    start = time.perf_counter() if started_at is None else started_at
    budget = problem.time_budget_s
    features = encode(problem)
    w = distance_matrix(features)
    engine.apply_repeat_penalty(problem, w)
    search = engine.Search(problem, w, problem.seed)
    search.construct()
    work_budget = (
        budget * engine.SAFETY
        - startup_allowance_s
        - engine.modelled_matrix_seconds(problem)
    )
    # The clock only guards against a much slower (or overloaded) machine;
    # normally the modelled work budget ends the search, deterministically.
    deadline = start + budget * engine.CLOCK_CAP + engine.CLOCK_CAP_EXTRA_S
    if reproducible:
        deadline = math.inf
    search.run(work_budget, deadline)
    penalised = search.objective_from_scratch()
    del w, search.w
    positions = search.person_groups()
    score = score_positions(
        problem, positions, features, find_violations(problem, positions)
    )
    ids = problem.ids
    stats = search.stats
    return Solution(
        groups=[[ids[p] for p in group] for group in positions],
        objective=score.objective,
        repeated_pairs=score.repeated_pairs,
        violations=list(score.violations),
        seconds=time.perf_counter() - start,
        repeated_pairs_last_period=score.repeated_pairs_last_period,
        group_diversity=list(score.group_diversity),
        group_mean_distance=list(score.group_mean_distance),
        penalised_objective=penalised,
        seed=problem.seed,
        stats={
            "evaluations": stats.evaluations,
            "swaps": stats.swaps,
            "perturbations": stats.perturbations,
            "improvements": stats.improvements,
            "stopped_by": stats.stopped_by,
        },
    )
