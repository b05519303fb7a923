"""Scoring a grouping: diversity, repeated pairs and rule violations.

Used for the engine's own answer and for groupings edited by hand in the app,
so it accepts anything (unknown ids, people twice or missing) and reports what
is wrong instead of raising. It never builds the N x N matrix: only the
distances within groups are computed, so rescoring after a move is cheap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np

from .distance import Features, block, encode
from .problem import MinPerGroup, PersonId, Problem


@dataclass(frozen=True)
class Violation:
    """One broken rule in a grouping."""

    kind: str
    """unknown_id, duplicate, missing, group_count, size_imbalance, group_too_large,
    must_link, cannot_link, min_per_group or fixed."""
    message: str
    ids: tuple[PersonId, ...] = ()
    group: int | None = None
    rule: MinPerGroup | None = None
    """For min_per_group: the rule that is not reached."""
    count: int | None = None
    """For min_per_group: how many the group has."""

    def to_dict(self) -> dict[str, object]:
        found: dict[str, object] = {
            "kind": self.kind,
            "message": self.message,
            "ids": list(self.ids),
            "group": self.group,
        }
        if self.rule is not None:
            found |= {
                "attribute": self.rule.attribute,
                "value": self.rule.value,
                "min": self.rule.minimum,
                "count": self.count,
            }
        return found


@dataclass(frozen=True)
class Score:
    """The quality of a grouping.

    ``objective`` is the sum over groups of the pairwise distances between the
    members; ``group_diversity`` that sum per group and ``group_mean_distance``
    the mean pairwise distance per group (comparable across group sizes).
    ``repeated_pairs`` counts pairs that were together in ANY previous period;
    ``repeated_pairs_last_period`` only those of the most recent period.
    """

    objective: float
    group_diversity: tuple[float, ...]
    group_mean_distance: tuple[float, ...]
    repeated_pairs: int
    repeated_pairs_last_period: int
    violations: tuple[Violation, ...] = field(default=())


def previous_pairs(
    problem: Problem, *, last_only: bool = False
) -> set[tuple[int, int]]:
    """Pairs of people (by position, smaller first) who were together before."""
    periods = problem.previous_groups[-1:] if last_only else problem.previous_groups
    pairs: set[tuple[int, int]] = set()
    for period in periods:
        for group in period:
            for i, j in combinations(sorted(set(group)), 2):
                pairs.add((i, j))
    return pairs


def _diversity(features: Features, members: Sequence[int]) -> float:
    if len(members) < 2:
        return 0.0
    index = np.asarray(members, dtype=np.int64)
    within = block(features, index, index).astype(np.float64)
    return float(np.triu(within, k=1).sum())


def random_objectives(problem: Problem, count: int, seed: int = 0) -> list[float]:
    """Diversity of ``count`` uniformly random balanced groupings (rules ignored).

    The baseline an answer is judged against: its mean and spread give the
    z-score ("how many standard deviations better than chance").
    """
    features = encode(problem)
    rng = np.random.default_rng(seed)
    k = problem.n_groups
    found = []
    for _sample in range(count):
        labels = rng.permutation(problem.n) % k
        found.append(
            sum(
                _diversity(features, np.flatnonzero(labels == group).tolist())
                for group in range(k)
            )
        )
    return found


def score_positions(
    problem: Problem,
    groups: Sequence[Sequence[int]],
    features: Features | None = None,
    violations: Sequence[Violation] = (),
) -> Score:
    """Score groups given as person positions (the engine's own representation)."""
    features = features if features is not None else encode(problem)
    diversity = tuple(_diversity(features, group) for group in groups)
    means = tuple(
        d / (len(g) * (len(g) - 1) / 2) if len(g) >= 2 else 0.0
        for d, g in zip(diversity, groups, strict=True)
    )
    together = {
        (min(i, j), max(i, j)) for group in groups for i, j in combinations(group, 2)
    }
    return Score(
        objective=float(sum(diversity)),
        group_diversity=diversity,
        group_mean_distance=means,
        repeated_pairs=len(together & previous_pairs(problem)),
        repeated_pairs_last_period=len(
            together & previous_pairs(problem, last_only=True)
        ),
        violations=tuple(violations),
    )


def find_violations(
    problem: Problem, groups: Sequence[Sequence[int]]
) -> list[Violation]:
    """Every hard rule a grouping (by positions, each person at most once) breaks."""
    ids = problem.ids
    found: list[Violation] = []
    group_of = {person: k for k, group in enumerate(groups) for person in group}
    expected = problem.n_groups
    if len(groups) != expected:
        found.append(
            Violation(
                "group_count",
                f"There are {len(groups)} groups; {problem.n} people with at most "
                f"{problem.max_group_size} per group make {expected}.",
            )
        )
    sizes = [len(g) for g in groups]
    if sizes and max(sizes) - min(sizes) > 1:
        found.append(
            Violation(
                "size_imbalance",
                f"Group sizes differ by more than one ({min(sizes)} to {max(sizes)}).",
            )
        )
    for k, group in enumerate(groups):
        if len(group) > problem.max_group_size:
            found.append(
                Violation(
                    "group_too_large",
                    f"Group {k} has {len(group)} people, more than "
                    f"{problem.max_group_size}.",
                    group=k,
                )
            )
    for linked in problem.must_link:
        placed = {group_of.get(p) for p in linked}
        if len(placed) > 1:
            found.append(
                Violation(
                    "must_link",
                    "These people must be together: "
                    + ", ".join(str(ids[p]) for p in linked)
                    + ".",
                    tuple(ids[p] for p in linked),
                )
            )
    for i, j in problem.cannot_link:
        if i in group_of and group_of.get(j) == group_of[i]:
            found.append(
                Violation(
                    "cannot_link",
                    f"{ids[i]} and {ids[j]} must not be in the same group.",
                    (ids[i], ids[j]),
                    group_of[i],
                )
            )
    for rule, holders in zip(problem.min_per_group, problem.min_members, strict=True):
        holder_set = set(holders)
        for k, group in enumerate(groups):
            count = sum(1 for p in group if p in holder_set)
            if count < rule.minimum:
                found.append(
                    Violation(
                        "min_per_group",
                        f'Group {k} has {count} with {rule.attribute} = "{rule.value}"'
                        f", fewer than {rule.minimum}.",
                        group=k,
                        rule=rule,
                        count=count,
                    )
                )
    for person, k in sorted(problem.fixed.items()):
        if group_of.get(person) != k:
            found.append(
                Violation(
                    "fixed",
                    f"{ids[person]} is fixed to group {k}.",
                    (ids[person],),
                    k,
                )
            )
    return found


def score_groups(
    problem: Problem,
    groups: Sequence[Sequence[PersonId]],
    features: Features | None = None,
) -> Score:
    """Score a grouping given as lists of ids, e.g. after a person was moved by hand.

    Returns the objective, per-group diversity, repeated pairs and every rule
    the grouping breaks (unknown, duplicate or missing people included).
    """
    index = {str(pid): i for i, pid in enumerate(problem.ids)}
    violations: list[Violation] = []
    seen: set[int] = set()
    positions: list[list[int]] = []
    for k, group in enumerate(groups):
        members: list[int] = []
        for pid in group:
            position = index.get(str(pid))
            if position is None:
                violations.append(
                    Violation("unknown_id", f"Unknown person id {pid}.", (pid,), k)
                )
            elif position in seen:
                violations.append(
                    Violation(
                        "duplicate", f"{pid} is in more than one place.", (pid,), k
                    )
                )
            else:
                seen.add(position)
                members.append(position)
        positions.append(members)
    missing = [problem.ids[p] for p in range(problem.n) if p not in seen]
    if missing:
        violations.append(
            Violation(
                "missing",
                "Not in any group: " + ", ".join(str(x) for x in missing) + ".",
                tuple(missing),
            )
        )
    violations.extend(find_violations(problem, positions))
    return score_positions(problem, positions, features, violations)
