"""The rotation of chair and note-taker: fair shares, both roles go round."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leerkring.meetings.selfrun.rotation import (
    CHAIR,
    NOTE_TAKER,
    fair_share,
    rotate,
    spread,
)


@given(people=st.integers(2, 12), meetings=st.integers(0, 30))
def test_nobody_holds_more_than_their_fair_share(people: int, meetings: int) -> None:
    names = [f"p{i}" for i in range(people)]
    plan = rotate(names, meetings)
    assert len(plan) == meetings
    for roles in plan:
        assert roles[CHAIR] != roles[NOTE_TAKER]
    counts = spread(((p, r) for roles in plan for r, p in roles.items()), names)
    totals = [sum(c.values()) for c in counts.values()]
    assert max(totals) <= fair_share(2 * meetings, people)
    assert max(totals) - min(totals) <= 1


def test_both_roles_go_round() -> None:
    """With four people and four meetings, everyone chairs once and takes notes once."""
    plan = rotate(["Anna", "Bram", "Carla", "Daan"], 4)
    assert sorted(r[CHAIR] for r in plan) == ["Anna", "Bram", "Carla", "Daan"]
    assert sorted(r[NOTE_TAKER] for r in plan) == ["Anna", "Bram", "Carla", "Daan"]


def test_the_rotation_continues_from_roles_already_held() -> None:
    plan = rotate(["Anna", "Bram", "Carla"], 1, held={"Anna": {CHAIR: 1}})
    assert plan[0][CHAIR] == "Bram"
    assert plan[0][NOTE_TAKER] == "Carla"


def test_two_roles_need_two_people() -> None:
    with pytest.raises(ValueError, match="two people"):
        rotate(["Anna"], 3)


def test_the_rotation_module_imports_nothing_from_django() -> None:
    import ast
    from pathlib import Path

    from leerkring.meetings.selfrun import rotation

    tree = ast.parse(Path(rotation.__file__).read_text())
    imported = {
        (node.module or "") if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert not [name for name in imported if name.startswith("django")]


def test_fair_share_rounds_up() -> None:
    assert fair_share(8, 3) == 3
    assert fair_share(6, 3) == 2
    assert fair_share(0, 3) == 0
