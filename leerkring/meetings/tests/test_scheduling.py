"""The pure scheduling rules, as properties over any dates (no database)."""

from __future__ import annotations

import ast
import itertools
from datetime import date, timedelta
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from leerkring.meetings import scheduling
from leerkring.meetings.models import PartOfDay
from leerkring.meetings.scheduling import (
    MAX_SELF_RUN_MEETINGS,
    PART_OF_DAY_ORDER,
    SessionPlan,
    clips_leergang,
    is_over,
    propose_dates,
    self_run_dates,
    session_problems,
)

days = st.dates(min_value=date(2020, 1, 1), max_value=date(2040, 12, 31))
parts = st.sampled_from(list(PART_OF_DAY_ORDER))


@given(start=days, length=st.integers(1, 400), count=st.integers(2, 20))
def test_proposed_dates_are_weekdays_in_order(
    start: date, length: int, count: int
) -> None:
    proposed = propose_dates(start, start + timedelta(days=length), count)
    assert len(proposed) == count
    assert all(d.weekday() < 5 for d in proposed)
    assert proposed == sorted(proposed)
    assert all(d >= start for d in proposed)


@given(start=days, count=st.integers(0, 20))
def test_without_a_span_every_date_is_the_start(start: date, count: int) -> None:
    assert propose_dates(start, start, count) == [start] * count


@given(
    start=days,
    length=st.integers(14, 400),
    slots=st.lists(st.tuples(st.integers(0, 400), parts), min_size=1, max_size=12),
)
def test_sessions_in_order_inside_the_period_have_no_problems(
    start: date, length: int, slots: list[tuple[int, str]]
) -> None:
    end = start + timedelta(days=length)
    unique = {(start + timedelta(days=min(o, length)), p) for o, p in slots}
    ordered = sorted(unique, key=lambda s: (s[0], PART_OF_DAY_ORDER[s[1]]))
    plans = [SessionPlan(date=d, part_of_day=p) for d, p in ordered]
    assert session_problems(start_date=start, end_date=end, slots=plans) == []


@given(
    start=days,
    length=st.integers(14, 400),
    offsets=st.lists(st.integers(-30, 430), min_size=1, max_size=12),
    part=parts,
)
def test_every_session_outside_or_doubled_or_out_of_order_is_named(
    start: date, length: int, offsets: list[int], part: str
) -> None:
    end = start + timedelta(days=length)
    plans = [
        SessionPlan(date=start + timedelta(days=o), part_of_day=part) for o in offsets
    ]
    named = {
        index
        for index, _message in session_problems(
            start_date=start, end_date=end, slots=plans
        )
    }
    inside = [i for i, p in enumerate(plans) if start <= p.date <= end]
    assert set(range(len(plans))) - set(inside) <= named
    for index in inside:
        earlier = [plans[i].date for i in inside if i < index]
        if plans[index].date in earlier:
            assert index in named
    # What is not named is inside, unique and after its predecessor.
    for index in set(range(len(plans))) - named:
        assert start <= plans[index].date <= end
        if index > 0:
            assert plans[index - 1].date < plans[index].date


@given(start=days, length=st.integers(0, 800), weeks=st.integers(1, 12))
def test_self_run_dates_keep_the_rhythm(start: date, length: int, weeks: int) -> None:
    end = start + timedelta(days=length)
    found = self_run_dates(start, end, weeks)
    assert found[0] == start
    assert all(d <= end for d in found)
    assert all(b - a == timedelta(weeks=weeks) for a, b in itertools.pairwise(found))
    assert len(found) == min(length // (7 * weeks) + 1, MAX_SELF_RUN_MEETINGS + 1)


@given(end=days, last=st.none() | days, today=days, later=st.integers(0, 100))
def test_once_over_a_leergang_stays_over(
    end: date, last: date | None, today: date, later: int
) -> None:
    if is_over(end, last, today):
        assert is_over(end, last, today + timedelta(days=later))
    assert is_over(end, last, max(end, last or end) + timedelta(days=1))


@given(first=days, length=st.integers(1, 400), offset=st.integers(-10, 410))
def test_a_self_run_period_clips_only_a_running_leergang(
    first: date, length: int, offset: int
) -> None:
    end = first + timedelta(days=length)
    start = first + timedelta(days=offset)
    if clips_leergang(first, end, start):
        # The leergang then ends the day before: still a period, no overlap.
        assert first < start - timedelta(days=1) < end
    else:
        # Either no overlap, or cutting would leave the leergang no days.
        assert start > end or start - timedelta(days=1) <= first


def test_the_order_of_the_day_names_every_part_of_day() -> None:
    assert list(PART_OF_DAY_ORDER) == list(PartOfDay.values)


def test_the_scheduling_rules_import_no_orm() -> None:
    tree = ast.parse(Path(scheduling.__file__).read_text())
    imported = {
        (node.module or "") if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert not {m for m in imported if m.startswith("django.db") or "models" in m}
