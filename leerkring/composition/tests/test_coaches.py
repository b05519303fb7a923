"""Coach pairs: experienced with apprentice, no conflicts, within capacity."""

from __future__ import annotations

from leerkring.composition import Coach, assign_coaches
from leerkring.composition.coaches import parse_coaches

GROUPS = [["a", "b", "c"], ["d", "e", "f"], ["g", "h", "i"]]


def test_pairs_an_experienced_coach_with_an_apprentice() -> None:
    coaches = [Coach(f"e{i}", experienced=True) for i in range(3)] + [
        Coach(f"n{i}", experienced=False) for i in range(3)
    ]
    result = assign_coaches(coaches, GROUPS)
    assert result.mixed_pairs == 3
    assert result.without_second == []
    assert result.without_any == []
    for pair in result.coaches:
        assert str(pair[0]).startswith("e")
        assert str(pair[1]).startswith("n")


def test_never_places_a_coach_with_a_conflict_or_over_capacity() -> None:
    coaches = [
        Coach("boss", experienced=True, capacity=3, conflicts=frozenset({"a", "e"})),
        Coach("x", experienced=True, capacity=1),
        Coach("y", experienced=False, capacity=1),
    ]
    result = assign_coaches(coaches, GROUPS)
    assert "boss" not in result.coaches[0]
    assert "boss" not in result.coaches[1]
    used: dict[str, int] = {}
    for pair in result.coaches:
        assert len(set(pair)) == len(pair)
        for coach in pair:
            used[str(coach)] = used.get(str(coach), 0) + 1
    assert used.get("x", 0) <= 1
    assert used.get("y", 0) <= 1
    # 5 slots for 6 places, and boss can only go to one community.
    assert result.without_second or result.without_any
    missing = sum(2 - len(p) for p in result.coaches)
    assert missing >= 1


def test_prefers_coaches_who_did_not_coach_these_people_before() -> None:
    coaches = [
        Coach("old", experienced=True, previously_coached=frozenset({"a", "b"})),
        Coach("new", experienced=True),
    ]
    result = assign_coaches(coaches, [["a", "b", "c"], ["d", "e", "f"]])
    assert result.coaches == [["new"], ["old"]]
    assert result.repeat_contacts == 0
    assert result.without_second == [0, 1]


def test_parse_coaches_accepts_level_words() -> None:
    coaches = parse_coaches(
        [
            {"id": "c1", "level": "apprentice", "capacity": 2, "conflicts": ["a"]},
            {"id": "c2", "experienced": True},
        ]
    )
    assert coaches[0].experienced is False
    assert coaches[0].capacity == 2
    assert coaches[0].conflicts == frozenset({"a"})
    assert coaches[1].experienced is True
