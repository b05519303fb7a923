"""The pure rules of scheduling sessions: dates, slots, overlaps, the rhythm of
a self-run period.

No ORM here (like the composition core): the rules work on dates and on
anything with a ``date`` and a ``part_of_day`` (a :class:`SessionPlan` or a
saved ``Meeting``), so they are tested with properties and reused by every
workflow that plans sessions. Messages are translated and dates written in
the active language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Protocol

from django.utils import formats
from django.utils.translation import gettext as _

DEFAULT_PERIOD_DAYS = 183  # "about six months"

# A "dagdeel", in the order of the day (the values of ``models.PartOfDay``).
PART_OF_DAY_ORDER = {"morning": 0, "afternoon": 1, "evening": 2}

# A self-run period (section 2.3 of the text).
MIN_INTERVAL_WEEKS = 1
MAX_INTERVAL_WEEKS = 12
MAX_COACH_EVERY = 12
MAX_SELF_RUN_MEETINGS = 26


class Slot(Protocol):
    """When a session is: its date and part of the day."""

    @property
    def date(self) -> date: ...

    @property
    def part_of_day(self) -> str: ...


@dataclass(frozen=True)
class SessionPlan:
    """One proposed session of a new leergang."""

    date: date
    part_of_day: str = "afternoon"
    location: str = ""
    online_url: str = ""


@dataclass
class PlanProblems:
    """Translated messages per field, and per session (by index) per field."""

    fields: dict[str, list[str]] = field(default_factory=dict)
    sessions: dict[int, dict[str, list[str]]] = field(default_factory=dict)

    def add(self, name: str, message: str, index: int | None = None) -> None:
        target = self.fields if index is None else self.sessions.setdefault(index, {})
        target.setdefault(name, []).append(message)

    def __bool__(self) -> bool:
        return bool(self.fields or self.sessions)


class PlanError(Exception):
    def __init__(self, problems: PlanProblems) -> None:
        super().__init__(problems)
        self.problems = problems


def format_day(value: date) -> str:
    """A date as the pages write it ("3 maart 2026")."""
    return formats.date_format(value, "j F Y")


def propose_dates(start: date, end: date, count: int) -> list[date]:
    """``count`` dates spread evenly from ``start`` to ``end``, on weekdays.

    A date that falls in a weekend moves to the Friday before (or, if that is
    before the start, the Monday after).
    """
    if count < 2 or end <= start:
        return [start] * max(count, 0)
    span = (end - start).days
    days = []
    for index in range(count):
        when = start + timedelta(days=round(index * span / (count - 1)))
        if when.weekday() >= 5:
            friday = when - timedelta(days=when.weekday() - 4)
            when = (
                friday if friday >= start else when + timedelta(days=7 - when.weekday())
            )
        days.append(when)
    return days


def session_problems(
    *, start_date: date, end_date: date, slots: Sequence[Slot]
) -> list[tuple[int, str]]:
    """Sessions outside the period, on the same slot, or out of order.

    ``slots`` are in the order of their numbers; the result pairs the index of
    the offending session with a translated message for its date field.
    """
    found: list[tuple[int, str]] = []
    seen: dict[tuple[date, str], int] = {}
    for index, slot in enumerate(slots):
        number = index + 1
        if not start_date <= slot.date <= end_date:
            found.append(
                (
                    index,
                    _(
                        "Session %(number)s falls outside the period "
                        "(%(start)s – %(end)s)."
                    )
                    % {
                        "number": number,
                        "start": format_day(start_date),
                        "end": format_day(end_date),
                    },
                )
            )
            continue
        key = (slot.date, slot.part_of_day)
        if key in seen:
            found.append(
                (
                    index,
                    _(
                        "Session %(number)s is on the same date and part of day as "
                        "session %(other)s."
                    )
                    % {"number": number, "other": seen[key] + 1},
                )
            )
            continue
        seen[key] = index
        if index > 0:
            before = slots[index - 1]
            if (before.date, PART_OF_DAY_ORDER[before.part_of_day]) > (
                slot.date,
                PART_OF_DAY_ORDER[slot.part_of_day],
            ):
                found.append(
                    (
                        index,
                        _(
                            "Session %(number)s must come after session %(other)s "
                            "(%(date)s)."
                        )
                        % {
                            "number": number,
                            "other": index,
                            "date": format_day(before.date),
                        },
                    )
                )
    return found


def is_over(period_end: date, last_session: date | None, today: date) -> bool:
    """A leergang is over when its period ended or its last session is held
    (today counts)."""
    return period_end < today or (last_session is not None and last_session <= today)


def self_run_dates(start: date, end: date, interval_weeks: int) -> list[date]:
    """Every ``interval_weeks`` weeks from ``start`` up to and including ``end``
    (one more than the maximum at most, so a caller can tell it is too many)."""
    days: list[date] = []
    when = start
    while when <= end and len(days) <= MAX_SELF_RUN_MEETINGS:
        days.append(when)
        when += timedelta(weeks=interval_weeks)
    return days


def clips_leergang(leergang_start: date, leergang_end: date, start: date) -> bool:
    """Does a self-run period starting on ``start`` cut the leergang short (to
    the day before), because the leergang's period still runs then?"""
    return leergang_end >= start and start - timedelta(days=1) > leergang_start
