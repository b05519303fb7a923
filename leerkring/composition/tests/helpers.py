"""Small problem builders and an exhaustive solver for the tests."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import numpy as np

from leerkring.composition.distance import distance_matrix, encode
from leerkring.composition.problem import Problem

ROLES = ["student", "teacher", "manager", "staff"]


def cohort(n: int, seed: int = 0, missing: float = 0.1) -> dict[str, Any]:
    """A random mixed-attribute cohort in the JSON contract's form."""
    rng = random.Random(seed)
    people: list[dict[str, Any]] = []
    for i in range(n):
        person: dict[str, Any] = {
            "id": f"p{i}",
            "age": rng.randint(18, 64),
            "gender": rng.choice(["f", "m", "x"]),
            "role": rng.choice(ROLES),
            "experience": round(rng.random() * 30, 1),
        }
        for key in ("age", "gender", "experience"):
            if rng.random() < missing:
                person[key] = None if rng.random() < 0.5 else ""
        people.append(person)
    return {
        "people": people,
        "numeric": ["age", "experience"],
        "categorical": ["gender", "role"],
        "weights": {"age": 1, "experience": 0.5, "gender": 1, "role": 2},
        "time_budget_s": 0.05,
        "seed": seed,
    }


def balanced_partitions(n: int, k: int) -> Iterator[list[int]]:
    """Every split of 0..n-1 into k groups with sizes differing by at most one.

    Groups are unlabelled: person i may only open group number (groups used so
    far), so each partition is produced once.
    """
    low = n // k
    high = low if n % k == 0 else low + 1
    n_big = n - low * k
    labels = [0] * n
    sizes = [0] * k

    def rec(i: int, used: int) -> Iterator[list[int]]:
        if i == n:
            if all(low <= s <= high for s in sizes) and sum(
                s == high for s in sizes
            ) == (n_big if high > low else k):
                yield list(labels)
            return
        for grp in range(min(used + 1, k)):
            if sizes[grp] + 1 > high:
                continue
            labels[i] = grp
            sizes[grp] += 1
            yield from rec(i + 1, max(used, grp + 1))
            sizes[grp] -= 1

    yield from rec(0, 0)


def brute_force_best(problem: Problem) -> float:
    """The optimal diversity, by enumeration (no constraints), for tiny problems."""
    w = distance_matrix(encode(problem)).astype(np.float64)
    best = -np.inf
    for labels in balanced_partitions(problem.n, problem.n_groups):
        arr = np.asarray(labels)
        value = float((w * (arr[:, None] == arr[None, :])).sum() / 2)
        best = max(best, value)
    return best
