"""The method as data: Table 1 spread over 4–12 sessions, agendas of a part of day."""

from __future__ import annotations

import pytest
from django.utils import translation

from leerkring.meetings.method import (
    METHOD_SESSIONS,
    THEMES,
    ItemKind,
    agenda_for,
    theme_steps,
)
from leerkring.meetings.models import PART_OF_DAY_TIMES


def test_eight_sessions_follow_table_1_row_by_row() -> None:
    assert theme_steps(8) == [1, 2, 3, 4, 5, 6, 7, 8]


@pytest.mark.parametrize("count", range(4, 13))
def test_first_and_last_stay_fixed_and_the_arc_never_goes_back(count: int) -> None:
    steps = theme_steps(count)
    assert len(steps) == count
    assert steps[0] == 1
    assert steps[-1] == METHOD_SESSIONS
    assert steps == sorted(steps)


@pytest.mark.parametrize("count", range(4, 9))
def test_fewer_sessions_skip_rows_but_never_repeat_one(count: int) -> None:
    assert len(set(theme_steps(count))) == count


@pytest.mark.parametrize("count", range(8, 13))
def test_more_sessions_use_every_row_and_repeat_none_more_than_twice(
    count: int,
) -> None:
    steps = theme_steps(count)
    assert set(steps) == set(range(1, 9))
    assert max(steps.count(step) for step in steps) <= 2


def test_the_spread_is_even() -> None:
    """Four sessions: listening, sensing-ish, prototyping-ish, celebrate."""
    assert theme_steps(4) == [1, 3, 6, 8]
    assert theme_steps(12) == [1, 2, 2, 3, 4, 4, 5, 5, 6, 7, 7, 8]


@pytest.mark.parametrize("count", [3, 13, 0])
def test_outside_4_to_12_is_refused(count: int) -> None:
    with pytest.raises(ValueError, match="4–12 sessions"):
        theme_steps(count)


AGENDAS = [
    *[agenda_for(step) for step in range(1, 9)],
    *[agenda_for(step, repeat=True) for step in range(2, 8)],
]


@pytest.mark.parametrize("agenda", AGENDAS)
def test_every_agenda_fills_exactly_one_part_of_the_day(agenda: tuple) -> None:
    minutes = sum(item.minutes for item in agenda)
    assert all(length == minutes for _start, length in PART_OF_DAY_TIMES.values())


@pytest.mark.parametrize("step", range(1, 9))
def test_every_session_of_the_leergang_has_an_open_space(step: int) -> None:
    """Seed §2.2.2: every session has an open space, sessions 1 and 2 too."""
    kinds = [item.kind for item in agenda_for(step)]
    assert kinds.count(ItemKind.OPEN_SPACE) == 1
    assert kinds[0] == ItemKind.CHECK_IN
    assert kinds[-1] == ItemKind.CHECK_OUT


def test_the_landing_harvests_evaluates_anchors_asks_and_celebrates() -> None:
    """Row 8, "Secure & celebrate": the landing of seed §1.5 and §2.3."""
    with translation.override("en"):
        titles = [str(item.title) for item in agenda_for(8)]
    assert titles == [
        "Check-in",
        "Harvest of the collective track",
        "Harvest of the personal track",
        "Break",
        "Evaluating our goals on three aspects",
        "Anchoring: agreements for after the leergang",
        "The alumni question",
        "Open space",
        "Celebration",
        "Check-out",
    ]
    assert "New assignments and experiments" not in titles


def test_a_second_session_on_a_row_deepens_it_with_three_parts() -> None:
    with translation.override("en"):
        again = [str(item.title) for item in agenda_for(2, repeat=True)]
    assert "Looking back on session 1" not in again
    assert "From occasion to motive" in again


def test_sessions_one_and_two_build_trust_and_three_on_have_three_parts() -> None:
    with translation.override("en"):
        first = [str(item.title) for item in agenda_for(1)]
        second = [str(item.title) for item in agenda_for(2)]
    assert "Getting to know each other, playfully" in first
    assert "Qualities and pitfalls" in first
    assert "Collective ambition and concrete goal" in second
    assert "Agreements: settle and confirm" in second
    for number in range(3, 8):
        kinds = [item.kind for item in agenda_for(number)]
        assert kinds[0] == ItemKind.CHECK_IN
        assert kinds[-1] == ItemKind.CHECK_OUT
        order = [ItemKind.LOOK_BACK, ItemKind.LOOK_FORWARD, ItemKind.WRAP_UP]
        firsts = [kinds.index(kind) for kind in order]
        assert firsts == sorted(firsts)
        assert ItemKind.OPEN_SPACE in kinds


def test_table_1_is_translated_into_the_methods_own_dutch() -> None:
    with translation.override("nl"):
        assert str(THEMES[0].professional_theme) == "Professioneel doelstellen"
        assert str(THEMES[3].personal_question) == "Wat wil je echt?"
        assert str(THEMES[7].stage) == "Secure & celebrate"
    with translation.override("en"):
        assert str(THEMES[0].professional_theme) == "Professional goal setting"
