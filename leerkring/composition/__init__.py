"""Composing diverse learning communities from a cohort (framework-free, numpy).

Public API::

    problem = parse_problem(json_dict)      # raises ProblemError
    solution = compose(problem)             # Solution, .to_dict() for JSON
    score = score_groups(problem, groups)   # rescore a hand-edited grouping
    randoms = random_objectives(problem, 100)  # chance baseline (z-score)
    pairs = assign_coaches(coaches, groups) # two coaches per community

See docs/composition.md for the contract and the algorithm.
"""

import time

STARTED_AT = time.perf_counter()
"""When the package was first imported; the CLI counts its budget from here."""

from .api import Solution, compose  # noqa: E402
from .coaches import Coach, CoachAssignment, assign_coaches  # noqa: E402
from .problem import MinPerGroup, PersonId, Problem, ProblemError, parse_problem  # noqa: E402
from .scoring import Score, Violation, random_objectives, score_groups  # noqa: E402

__all__ = [
    "STARTED_AT",
    "Coach",
    "CoachAssignment",
    "MinPerGroup",
    "PersonId",
    "Problem",
    "ProblemError",
    "Score",
    "Solution",
    "Violation",
    "assign_coaches",
    "compose",
    "parse_problem",
    "random_objectives",
    "score_groups",
]
