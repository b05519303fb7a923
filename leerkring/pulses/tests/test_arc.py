"""The tension arc computed from known data (pure Python, no database)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from leerkring.pulses.arc import (
    COLLECTIVE,
    PERSONAL,
    SAFETY,
    Observation,
    Phase,
    compute_arc,
    phase_of,
    phase_spans,
)

ROOT = Path(__file__).resolve().parents[3]
K, C, A, L = Phase.KICKSTART, Phase.CLIMACTIC, Phase.ANTI_CLIMACTIC, Phase.LANDING


def obs(
    session: int, person: object, collective: int = 3, **values: int
) -> Observation:
    return Observation(
        session=session,
        person=person,
        energy=values.get("energy", 3),
        safety=values.get("safety", 3),
        collective=collective,
        personal=values.get("personal", 3),
    )


def spans(count: int) -> list[tuple[Phase, int, int]]:
    return [(s.phase, s.first, s.last) for s in phase_spans(count)]


def test_eight_sessions_follow_the_method() -> None:
    """Kickstart 1–2 (trust), climactic 3–5, anti-climactic 6–7, landing 8."""
    assert spans(8) == [(K, 1, 2), (C, 3, 5), (A, 6, 7), (L, 8, 8)]


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (4, [(K, 1, 1), (C, 2, 2), (A, 3, 3), (L, 4, 4)]),
        (5, [(K, 1, 1), (C, 2, 3), (A, 4, 4), (L, 5, 5)]),
        (6, [(K, 1, 2), (C, 3, 4), (A, 5, 5), (L, 6, 6)]),
        (10, [(K, 1, 3), (C, 4, 6), (A, 7, 9), (L, 10, 10)]),
        (12, [(K, 1, 3), (C, 4, 8), (A, 9, 11), (L, 12, 12)]),
    ],
)
def test_other_session_counts_are_scaled(count: int, expected: list[object]) -> None:
    assert spans(count) == expected


@pytest.mark.parametrize("count", range(4, 13))
def test_every_session_has_exactly_one_phase_and_every_phase_a_session(
    count: int,
) -> None:
    covered = [n for span in phase_spans(count) for n in span.sessions]
    assert covered == list(range(1, count + 1))
    assert [s.phase for s in phase_spans(count)] == [K, C, A, L]


def test_short_periods_keep_a_start_and_a_landing() -> None:
    assert spans(3) == [(K, 1, 1), (C, 2, 2), (L, 3, 3)]
    assert spans(2) == [(K, 1, 1), (L, 2, 2)]
    assert spans(1) == [(K, 1, 1)]
    assert phase_of(9, 8) is None


def test_session_figures_are_mean_and_interquartile_range_over_people() -> None:
    arc = compute_arc(
        [1, 2],
        [obs(1, "a", 1), obs(1, "b", 2), obs(1, "c", 4), obs(1, "d", 5)],
    )
    stat = arc.points[0].stats[COLLECTIVE]
    assert stat is not None
    assert (stat.n, stat.mean, stat.q1, stat.q3) == (4, 3.0, 1.75, 4.25)
    assert arc.points[0].phase == K
    assert arc.points[1].people == 0
    assert arc.points[1].stats[COLLECTIVE] is None


def test_someone_who_answered_check_in_and_check_out_counts_once() -> None:
    """Their two answers are averaged first; two people never make a group of 3."""
    two_people_twice = [obs(1, "a", 2), obs(1, "a", 4), obs(1, "b", 5), obs(1, "b", 5)]
    arc = compute_arc([1], two_people_twice)
    assert arc.points[0].people == 2
    assert not arc.points[0].shown

    arc = compute_arc([1], [*two_people_twice, obs(1, "c", 3)])
    stat = arc.points[0].stats[COLLECTIVE]
    assert stat is not None
    assert stat.n == 3
    assert stat.mean == pytest.approx((3 + 5 + 3) / 3)


def test_two_answers_give_no_group_figure_three_do() -> None:
    assert compute_arc([1], [obs(1, "a"), obs(1, "b")]).shown_points == []
    assert len(compute_arc([1], [obs(1, p) for p in "abc"]).shown_points) == 1


def test_the_viewer_gets_their_own_line_even_below_the_minimum() -> None:
    arc = compute_arc(
        [1, 2], [obs(1, "me", 4, personal=2), obs(1, "you", 1)], viewer="me"
    )
    assert arc.points[0].own == {
        "collective": 4.0,
        "personal": 2.0,
        "energy": 3.0,
        "safety": 3.0,
    }
    assert arc.points[1].own is None
    assert not arc.points[0].shown
    assert compute_arc([1], [obs(1, "me")]).has_own_line is False


def _sessions(
    means: dict[int, tuple[int, int, int]], **kwargs: int
) -> list[Observation]:
    """Three people per session with the given collective answers."""
    return [
        obs(session, person, value, **kwargs)
        for session, values in means.items()
        for person, value in zip("abc", values, strict=True)
    ]


def test_a_flat_arc_gets_a_note() -> None:
    """Session means 3.0, 3.33, 3.0: range < 0.5 over the last three sessions."""
    data = _sessions({1: (3, 3, 3), 2: (3, 3, 4), 3: (3, 3, 3)})
    notes = compute_arc([1, 2, 3, 4], data).notes
    flat = [n for n in notes if n.kind == "flat"]
    assert [(n.measure, n.sessions) for n in flat] == [
        (COLLECTIVE, (1, 2, 3)),
        (PERSONAL, (1, 2, 3)),
    ]


def test_a_range_of_half_a_point_is_not_flat() -> None:
    """Means 3.0, 3.0, 3.5 (one person moved 1.5 points): tension moves."""
    data = _sessions({1: (3, 3, 3), 2: (3, 3, 3), 3: (3, 3, 4)})
    data = [o for o in data if not (o.session == 3 and o.person == "c")]
    data += [Observation(3, "c", 3, 3, 4, 3), Observation(3, "c", 3, 3, 5, 3)]
    notes = compute_arc([1, 2, 3], data).notes
    assert [n.measure for n in notes if n.kind == "flat"] == [PERSONAL]


def test_flatness_needs_three_sessions_with_a_group_figure() -> None:
    data = [*_sessions({1: (3, 3, 3), 3: (3, 3, 3)}), obs(2, "a"), obs(2, "b")]
    assert compute_arc([1, 2, 3], data).notes == ()


def test_a_safety_drop_of_half_a_point_gets_a_note() -> None:
    data = [obs(1, p, safety=4) for p in "abc"] + [
        obs(2, "a", safety=4),
        obs(2, "b", safety=3),
        obs(2, "c", safety=3),  # mean 3.33: a drop of 0.67
        obs(3, "a", safety=3),
        obs(3, "b", safety=3),
        obs(3, "c", safety=4),  # mean 3.33: no drop
    ]
    notes = [n for n in compute_arc([1, 2, 3], data).notes if n.kind == "safety_drop"]
    assert [(n.measure, n.sessions) for n in notes] == [(SAFETY, (1, 2))]
    assert notes[0].values == pytest.approx((4.0, 10 / 3))


def test_a_smaller_drop_gets_no_note() -> None:
    data = [obs(1, p, safety=4) for p in "abcd"] + [
        obs(2, p, safety=s) for p, s in zip("abcd", (4, 4, 4, 2), strict=True)
    ]  # 4.0 → 3.5 is a drop of exactly 0.5: a note
    assert [n.kind for n in compute_arc([1, 2], data).notes] == ["safety_drop"]
    data[-1] = obs(2, "d", safety=3)  # 4.0 → 3.75: no note
    assert compute_arc([1, 2], data).notes == ()


def test_notes_only_look_at_sessions_up_to_the_current_one() -> None:
    data = [obs(1, p, safety=5) for p in "abc"] + [obs(2, p, safety=2) for p in "abc"]
    assert compute_arc([1, 2], data, current=1).notes == ()
    assert compute_arc([1, 2], data, current=2).notes != ()


def test_the_pure_modules_load_no_django() -> None:
    code = (
        "import sys, leerkring.pulses.arc, leerkring.pulses.aggregates,"
        " leerkring.pulses.safety;"
        "print(','.join(sorted(m for m in sys.modules if m.startswith('django'))))"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
        timeout=60,
    )
    assert result.stdout.strip() == ""
