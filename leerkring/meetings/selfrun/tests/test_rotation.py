"""The rotation of the community's roles: fair shares, every role goes round,
fixed holders hold theirs, declining is respected while someone is willing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leerkring.meetings.selfrun.rotation import (
    CASE_BRINGER,
    CHAIR,
    NOTE_TAKER,
    Role,
    declined_by_all,
    fair_share,
    rotate,
    rotating_people,
    short_of_people,
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


@st.composite
def role_sets(draw: st.DrawFn) -> tuple[list[str], list[Role[str]]]:
    """People, and a community's roles: some rotating (some declined by some),
    some with a fixed holder, the chair and note-taker always rotating."""
    people = [f"p{i}" for i in range(draw(st.integers(2, 9)))]
    extra = draw(st.integers(0, 4))
    keys = [CHAIR, NOTE_TAKER, CASE_BRINGER, "timekeeper", "host", "contact"][
        : 2 + extra
    ]
    roles: list[Role[str]] = []
    holders: set[str] = set()
    declines = draw(st.booleans())
    for key in keys:
        free = [p for p in people if p not in holders]
        if key not in (CHAIR, NOTE_TAKER) and len(free) > 2 and draw(st.booleans()):
            holder = draw(st.sampled_from(free))
            holders.add(holder)
            roles.append(Role(key, fixed=True, holder=holder))
        elif declines:
            declined = draw(st.frozensets(st.sampled_from(people)))
            roles.append(Role(key, declined=declined))
        else:
            roles.append(Role(key))
    return people, roles


def turns(plan: list[dict[str, str]], key: str, people: list[str]) -> list[int]:
    return [sum(1 for roles in plan if roles.get(key) == p) for p in people]


@given(setup=role_sets(), meetings=st.integers(0, 24))
def test_every_role_goes_round_fairly(
    setup: tuple[list[str], list[Role[str]]], meetings: int
) -> None:
    """Fixed holders hold their role at every meeting and no other; one role
    per person per meeting; with enough people every role is filled; and when
    nobody declined, per rotating role the turns of the people it goes round
    differ by at most one, as do their roles in all."""
    people, roles = setup
    plan = rotate(people, meetings, roles=roles)
    assert len(plan) == meetings
    pool = rotating_people(people, roles)
    staffed = short_of_people(people, roles) == 0
    for meeting in plan:
        assert len(set(meeting.values())) == len(meeting)  # one role each
        assert CHAIR in meeting
        assert NOTE_TAKER in meeting
        if staffed:
            assert len(meeting) == len(roles)
    for role in roles:
        if role.fixed:
            assert all(m[role.key] == role.holder for m in plan)
    if not staffed or any(role.declined for role in roles):
        return
    for role in roles:
        if not role.fixed:
            counts = turns(plan, role.key, pool)
            assert max(counts) - min(counts) <= 1
    totals = [
        sum(1 for m in plan for r in roles if not r.fixed and m[r.key] == p)
        for p in pool
    ]
    assert max(totals) - min(totals) <= 1


@given(people=st.integers(3, 9), meetings=st.integers(1, 24), extra=st.integers(0, 2))
def test_without_declines_every_role_and_total_is_fair(
    people: int, meetings: int, extra: int
) -> None:
    names = [f"p{i}" for i in range(people)]
    keys = [CHAIR, NOTE_TAKER, CASE_BRINGER, "timekeeper"][: 2 + extra]
    if len(keys) > people:
        return
    plan = rotate(names, meetings, roles=[Role(k) for k in keys])
    for key in keys:
        counts = turns(plan, key, names)
        assert max(counts) - min(counts) <= 1
    totals = [sum(1 for m in plan for p in m.values() if p == n) for n in names]
    assert max(totals) <= fair_share(len(keys) * meetings, people)
    assert max(totals) - min(totals) <= 1


@given(setup=role_sets(), meetings=st.integers(1, 12), data=st.data())
def test_a_swap_keeps_every_count(
    setup: tuple[list[str], list[Role[str]]], meetings: int, data: st.DataObject
) -> None:
    """Swapping two holders (of the same role at two meetings) changes nobody's
    count in any role: the fairness of the proposal stays."""
    people, roles = setup
    plan = rotate(people, meetings, roles=roles)
    role = data.draw(st.sampled_from([r for r in roles if not r.fixed]))
    first, second = (
        data.draw(st.integers(0, meetings - 1)),
        data.draw(st.integers(0, meetings - 1)),
    )
    before = {k.key: sorted(turns(plan, k.key, people)) for k in roles}
    a, b = plan[first].get(role.key), plan[second].get(role.key)
    if a is None or b is None:
        return
    plan[first][role.key], plan[second][role.key] = b, a
    after = {k.key: sorted(turns(plan, k.key, people)) for k in roles}
    assert after == before


def test_fixed_holders_hold_their_role_and_the_rest_rotates() -> None:
    roles = [Role(CHAIR), Role(NOTE_TAKER), Role("contact", fixed=True, holder="Anna")]
    plan = rotate(["Anna", "Bram", "Carla", "Daan"], 3, roles=roles)
    assert [m["contact"] for m in plan] == ["Anna"] * 3
    assert "Anna" not in {m[CHAIR] for m in plan} | {m[NOTE_TAKER] for m in plan}
    assert sorted(m[CHAIR] for m in plan) == ["Bram", "Carla", "Daan"]


def test_a_declined_role_goes_to_the_willing() -> None:
    roles = [Role(CHAIR, declined=frozenset({"Anna", "Bram"})), Role(NOTE_TAKER)]
    plan = rotate(["Anna", "Bram", "Carla", "Daan"], 4, roles=roles)
    assert sorted(m[CHAIR] for m in plan) == ["Carla", "Carla", "Daan", "Daan"]


def test_a_role_everyone_declined_still_goes_round_fairly() -> None:
    people = ["Anna", "Bram", "Carla"]
    roles = [Role(CHAIR, declined=frozenset(people)), Role(NOTE_TAKER)]
    assert declined_by_all(people, roles) == [CHAIR]
    plan = rotate(people, 3, roles=roles)
    assert sorted(m[CHAIR] for m in plan) == people


def test_more_roles_than_people_leaves_the_last_open() -> None:
    roles: list[Role[str]] = [Role(CHAIR), Role(NOTE_TAKER), Role(CASE_BRINGER)]
    assert short_of_people(["Anna", "Bram"], roles) == 1
    plan = rotate(["Anna", "Bram"], 2, roles=roles)
    assert all(CASE_BRINGER not in m for m in plan)
