"""The command-line contract: JSON in, JSON out, exit 2 naming bad ids."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from leerkring.composition import ProblemError, parse_problem

from .helpers import cohort

ROOT = Path(__file__).resolve().parents[3]


def run_cli(problem: Any) -> subprocess.CompletedProcess[str]:
    text = problem if isinstance(problem, str) else json.dumps(problem)
    return subprocess.run(
        [sys.executable, "-m", "leerkring.composition"],
        input=text,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=60,
    )


def test_valid_problem_gives_the_contract_solution() -> None:
    raw = cohort(30, seed=1, missing=0.3)
    raw["max_group_size"] = 7
    result = run_cli(raw)
    assert result.returncode == 0, result.stderr
    solution = json.loads(result.stdout)
    assert {"groups", "objective", "repeated_pairs", "violations", "seconds"} <= set(
        solution
    )
    assert sorted(pid for g in solution["groups"] for pid in g) == sorted(
        p["id"] for p in raw["people"]
    )
    assert [len(g) for g in solution["groups"]] == [6, 6, 6, 6, 6]
    assert solution["violations"] == []
    assert solution["repeated_pairs"] == 0
    assert isinstance(solution["objective"], float)


def test_only_people_is_required_and_integer_ids_come_back_as_given() -> None:
    result = run_cli({"people": [{"id": i} for i in range(5)]})
    assert result.returncode == 0, result.stderr
    groups = json.loads(result.stdout)["groups"]
    assert sorted(pid for g in groups for pid in g) == [0, 1, 2, 3, 4]


def _people(n: int) -> list[dict[str, Any]]:
    return [{"id": f"a{i}", "age": 20 + i, "role": "x"} for i in range(n)]


INVALID: list[tuple[str, dict[str, Any], list[str]]] = [
    ("unknown id", {"people": _people(4), "must_link": [["a0", "ghost"]]}, ["ghost"]),
    (
        "unknown id in cannot-link",
        {"people": _people(4), "cannot_link": [["a1", "nobody"]]},
        ["nobody"],
    ),
    ("unknown fixed id", {"people": _people(4), "fixed": {"zz": 0}}, ["zz"]),
    ("duplicate ids", {"people": [*_people(4), {"id": "a2"}]}, ["a2"]),
    (
        "contradictory links",
        {
            "people": _people(6),
            "must_link": [["a0", "a1"], ["a1", "a2"]],
            "cannot_link": [["a2", "a0"]],
        },
        ["a0", "a2"],
    ),
    ("max size below 2", {"people": _people(4), "max_group_size": 1}, []),
    ("fewer than 2 people", {"people": _people(1)}, []),
    (
        "must-link group too large",
        {
            "people": _people(8),
            "max_group_size": 2,
            "must_link": [["a0", "a1", "a2"]],
        },
        ["a0", "a1", "a2"],
    ),
    (
        "non-numeric value",
        {
            "people": [*_people(3), {"id": "odd", "age": "old"}],
            "numeric": ["age"],
        },
        ["odd"],
    ),
    (
        "too few for a minimum",
        {
            "people": _people(12),
            "max_group_size": 4,
            "categorical": ["role"],
            "min_per_group": [{"attribute": "role", "value": "teacher", "min": 1}],
        },
        ["role", "teacher"],
    ),
]


@pytest.mark.parametrize(("case", "raw", "named"), INVALID, ids=[c[0] for c in INVALID])
def test_invalid_input_exits_2_naming_the_offenders(
    case: str, raw: dict[str, Any], named: list[str]
) -> None:
    result = run_cli(raw)
    assert result.returncode == 2, case
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    for word in named:
        assert word in result.stderr
    with pytest.raises(ProblemError):
        parse_problem(raw)


def test_not_json_exits_2_without_traceback() -> None:
    result = run_cli("{not json")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_problem_error_carries_ids_and_code() -> None:
    with pytest.raises(ProblemError) as caught:
        parse_problem({"people": _people(3), "cannot_link": [["a0", "x1"]]})
    assert caught.value.code == "unknown_ids"
    assert caught.value.ids == ("x1",)
