"""The engine keeps every rule, scores swaps exactly and finds optima."""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leerkring.composition import (
    compose,
    engine,
    parse_problem,
    random_objectives,
    score_groups,
)
from leerkring.composition.distance import distance_matrix, encode
from leerkring.composition.engine import Search, apply_repeat_penalty

from .helpers import brute_force_best, cohort


def _assert_valid(raw: dict[str, Any]) -> None:
    problem = parse_problem(raw)
    solution = compose(problem)
    placed = [pid for group in solution.groups for pid in group]
    assert sorted(placed, key=str) == sorted(problem.ids, key=str)
    sizes = [len(g) for g in solution.groups]
    assert len(sizes) == problem.n_groups
    assert max(sizes) - min(sizes) <= 1
    assert max(sizes) <= problem.max_group_size
    assert solution.violations == []
    assert score_groups(problem, solution.groups).violations == ()


@st.composite
def problems(draw: st.DrawFn) -> dict[str, Any]:
    """Valid problems with any mix of constraints.

    The constraints are drawn from a hidden balanced grouping (must-links
    inside a hidden group, cannot-links across, fixed places and minimum
    holders taken from it), so every drawn problem is feasible.
    """
    n = draw(st.integers(2, 40))
    raw = cohort(n, seed=draw(st.integers(0, 10_000)))
    raw["max_group_size"] = draw(st.integers(2, max(2, min(13, n))))
    k = -(-n // raw["max_group_size"])
    low = n // k
    ids = [p["id"] for p in raw["people"]]
    order = draw(st.permutations(ids))
    hidden = [order[i::k] for i in range(k)]  # sizes differ by at most one
    if draw(st.booleans()) and low >= 2:
        size = draw(st.integers(2, min(low, 3)))
        raw["must_link"] = [hidden[0][:size]]
    if draw(st.booleans()) and k >= 2:
        raw["cannot_link"] = [[hidden[0][-1], hidden[1][-1]]]
    if draw(st.booleans()) and k >= 2:
        group = draw(st.integers(0, k - 1))
        raw["fixed"] = {hidden[group][0]: group}
    if draw(st.booleans()):
        holders = {group[-1] for group in hidden}
        for person in raw["people"]:
            person["role"] = "teacher" if person["id"] in holders else "student"
        raw["min_per_group"] = [{"attribute": "role", "value": "teacher", "min": 1}]
    if draw(st.booleans()) and k >= 2:
        raw["previous_groups"] = [[ids[i::k] for i in range(k)]]
    raw["time_budget_s"] = 0.02
    return raw


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_any_valid_problem_places_everyone_once_balanced_and_within_rules(
    raw: dict[str, Any],
) -> None:
    _assert_valid(raw)


def test_swap_delta_equals_full_recomputation() -> None:
    raw = cohort(40, seed=3)
    raw["max_group_size"] = 6
    raw["previous_groups"] = [[[f"p{i}" for i in range(j, 40, 7)] for j in range(7)]]
    problem = parse_problem(raw)
    w = distance_matrix(encode(problem))
    apply_repeat_penalty(problem, w)
    search = Search(problem, w, seed=1)
    search.construct()
    rng = np.random.default_rng(5)
    for _ in range(200):
        u, v = (int(x) for x in rng.choice(problem.n, size=2, replace=False))
        if search.g[u] == search.g[v]:
            continue
        before = search.objective_from_scratch()
        delta = search.swap_delta(u, v)
        search.apply(u, v, int(search.g[v]), delta)
        after = search.objective_from_scratch()
        assert after - before == pytest.approx(delta, abs=1e-6)
        # The incremental per-group sums match a rebuild from scratch.
        rebuilt = Search(problem, w, seed=1)
        rebuilt._load(search.g)
        np.testing.assert_allclose(search.gt, rebuilt.gt, atol=1e-6)
        np.testing.assert_allclose(search.own, rebuilt.own, atol=1e-6)


def test_group_evaluation_matches_scalar_deltas() -> None:
    raw = cohort(30, seed=8)
    raw["max_group_size"] = 7  # 5 groups of 6: moves are never allowed
    raw["cannot_link"] = [["p0", "p1"], ["p2", "p3"]]
    raw["min_per_group"] = [{"attribute": "role", "value": "student", "min": 1}]
    for person in raw["people"][:8]:
        person["role"] = "student"
    problem = parse_problem(raw)
    search = Search(problem, distance_matrix(encode(problem)), seed=2)
    search.construct()
    for group in range(problem.n_groups):
        delta, unit, partner, _ = search.evaluate_group(group)
        feasible = [
            search.swap_delta(u, v)
            for u in search.members[group]
            for v in range(problem.n)
            if search.swap_feasible(u, v)
        ]
        if feasible:
            assert delta == pytest.approx(max(feasible), abs=1e-6)
            assert search.swap_feasible(unit, partner)
        else:
            assert delta == -np.inf


@pytest.mark.parametrize(
    ("n", "max_size", "seed"),
    [(8, 4, 1), (9, 5, 2), (10, 5, 3), (10, 4, 4), (11, 6, 5), (12, 6, 6)],
)
def test_reaches_the_brute_force_optimum_on_small_cohorts(
    n: int, max_size: int, seed: int
) -> None:
    raw = cohort(n, seed=seed)
    raw["max_group_size"] = max_size
    raw["time_budget_s"] = 0.1
    problem = parse_problem(raw)
    assert compose(problem).objective == pytest.approx(brute_force_best(problem))


def test_same_seed_same_groups_other_seed_still_valid(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The work budget, not the clock, ends a search; the clock cap (documented as
    # the one source of variation) is lifted so a busy test machine cannot end it.
    monkeypatch.setattr(engine, "CLOCK_CAP", 1e6)
    raw = cohort(120, seed=11)
    raw["time_budget_s"] = 0.1
    first = compose(parse_problem(raw))
    second = compose(parse_problem(raw))
    assert first.groups == second.groups
    assert first.objective == second.objective
    assert first.stats["stopped_by"] == "work_budget"
    raw["seed"] = 12
    _assert_valid(raw)


def test_reproducible_ignores_the_clock_of_an_overloaded_machine(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The app's composing must give the lead the same proposal for a variant
    number on a busy server: reproducible=True ends on modelled work only."""
    raw = cohort(120, seed=11)
    raw["time_budget_s"] = 0.1
    monkeypatch.setattr(engine, "CLOCK_CAP", 1e6)
    unhurried = compose(parse_problem(raw))
    monkeypatch.setattr(engine, "CLOCK_CAP", 0.0)  # every clock check is late
    monkeypatch.setattr(engine, "CLOCK_CAP_EXTRA_S", -1.0)
    hurried = compose(parse_problem(raw))
    assert hurried.stats["stopped_by"] == "clock_cap"
    reproducible = compose(parse_problem(raw), reproducible=True)
    assert reproducible.groups == unhurried.groups
    assert reproducible.stats["stopped_by"] == "work_budget"


def test_missing_values_never_crash_and_all_missing_attribute_is_harmless() -> None:
    raw = cohort(30, seed=4, missing=0.5)
    for person in raw["people"]:
        person.pop("experience", None)
        person["gender"] = None
    _assert_valid(raw)


def test_next_period_repeats_no_pair_when_feasible() -> None:
    # 20 groups of 6: each new group can draw its members from 6 different
    # earlier groups, so zero repeats is feasible (with 10 groups of 12 it is not).
    raw = cohort(120, seed=21)
    raw["max_group_size"] = 6
    raw["time_budget_s"] = 0.2
    first = compose(parse_problem(raw))
    raw["previous_groups"] = [first.groups]
    second = compose(parse_problem(raw))
    assert second.repeated_pairs == 0
    raw["previous_groups"] = [first.groups, second.groups]
    third = compose(parse_problem(raw))
    assert third.repeated_pairs == 0
    assert third.repeated_pairs_last_period == 0


def test_engine_beats_random_assignment_clearly() -> None:
    raw = cohort(120, seed=30)
    raw["time_budget_s"] = 0.1
    problem = parse_problem(raw)
    found = compose(problem).objective
    randoms = random_objectives(problem, 50, seed=0)
    assert (found - np.mean(randoms)) / np.std(randoms) > 5


def test_random_objectives_are_the_diversity_of_random_balanced_groupings() -> None:
    problem = parse_problem(cohort(30, seed=31))
    w = distance_matrix(encode(problem)).astype(np.float64)
    rng = np.random.default_rng(4)
    expected = []
    for _ in range(5):
        labels = rng.permutation(problem.n) % problem.n_groups
        expected.append(float((w * (labels[:, None] == labels[None, :])).sum() / 2))
    assert random_objectives(problem, 5, seed=4) == pytest.approx(expected)


def test_an_unreached_minimum_names_its_rule_and_count() -> None:
    raw = cohort(24, seed=32)
    raw["min_per_group"] = [{"attribute": "role", "value": "teacher", "min": 2}]
    problem = parse_problem(raw)
    teachers = {p["id"] for p in raw["people"] if p["role"] == "teacher"}
    others = [p["id"] for p in raw["people"] if p["id"] not in teachers]
    first = sorted(teachers)[:1] + others[: 12 - 1]
    second = [p["id"] for p in raw["people"] if p["id"] not in set(first)]
    found = [
        v
        for v in score_groups(problem, [first, second]).violations
        if v.kind == "min_per_group"
    ]
    assert [(v.group, v.count) for v in found] == [(0, 1)]
    assert found[0].to_dict() | {"message": ""} == {
        "kind": "min_per_group",
        "message": "",
        "ids": [],
        "group": 0,
        "attribute": "role",
        "value": "teacher",
        "min": 2,
        "count": 1,
    }


def test_score_groups_reports_hand_edit_violations() -> None:
    raw = cohort(12, seed=2)
    raw["max_group_size"] = 6
    raw["cannot_link"] = [["p0", "p1"]]
    raw["must_link"] = [["p2", "p3"]]
    raw["fixed"] = {"p4": 0}
    problem = parse_problem(raw)
    groups = [["p0", "p1", "p2", "p5", "p6"], ["p3", "p4", "p7", "p8", "p9", "p9"]]
    groups[1].append("nobody")
    kinds = {v.kind for v in score_groups(problem, groups).violations}
    assert kinds >= {
        "cannot_link",
        "must_link",
        "fixed",
        "duplicate",
        "unknown_id",
        "missing",
    }
    good = compose(problem)
    score = score_groups(problem, good.groups)
    assert score.violations == ()
    assert score.objective == pytest.approx(good.objective)
    assert sum(score.group_diversity) == pytest.approx(score.objective)


def test_unequal_sizes_use_moves_and_stay_balanced() -> None:
    for n, size in itertools.product((13, 25, 37), (5, 12)):
        raw = cohort(n, seed=n)
        raw["max_group_size"] = size
        raw["must_link"] = [["p0", "p1", "p2"], ["p3", "p4"]]
        _assert_valid(raw)
