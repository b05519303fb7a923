"""Hours against the method's ~50: sessions count by themselves, the rest by hand.

A session counts once it has started. Where the coaches took attendance
(``meetings.Attendance``), it counts its part-of-day duration for those marked
present; where no attendance was taken, every participant gets it (the session
was held, and nobody said otherwise).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone

from leerkring.communities.models import LearningPeriod
from leerkring.meetings.models import Attendance, Meeting

from .models import METHOD_HOURS, TimeEntry, TimeKind

METHOD_MINUTES = METHOD_HOURS * 60


@dataclass
class Hours:
    """One participant's minutes, per source."""

    sessions: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)

    @property
    def by_hand(self) -> int:
        return sum(self.by_kind.values())

    @property
    def total(self) -> int:
        return self.sessions + self.by_hand

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.total / METHOD_MINUTES))

    def kind(self, kind: str) -> int:
        return self.by_kind.get(kind, 0)

    @property
    def preparation(self) -> int:
        return self.kind(TimeKind.PREPARATION)

    @property
    def assignments(self) -> int:
        return self.kind(TimeKind.ASSIGNMENT)

    @property
    def other(self) -> int:
        return self.kind(TimeKind.INTAKE) + self.kind(TimeKind.OTHER)


def average(hours: list[Hours]) -> Hours:
    """The group's average participant (minutes rounded down)."""
    if not hours:
        return Hours()
    kinds = {kind for h in hours for kind in h.by_kind}
    return Hours(
        sessions=sum(h.sessions for h in hours) // len(hours),
        by_kind={k: sum(h.kind(k) for h in hours) // len(hours) for k in kinds},
    )


def session_minutes(
    period: LearningPeriod, user_ids: Iterable[int], now: datetime | None = None
) -> dict[int, int]:
    """Minutes of sessions attended per user, in two queries."""
    now = now or timezone.now()
    users = list(user_ids)
    held = [
        m
        for m in Meeting.objects.filter(period=period, date__lte=now.date())
        if m.starts_at <= now
    ]
    taken: dict[int, set[int]] = {}
    for meeting_id, user_id, present in _attendance(held):
        attended = taken.setdefault(meeting_id, set())
        if present:
            attended.add(user_id)
    minutes = dict.fromkeys(users, 0)
    for meeting in held:
        present_ids = taken.get(meeting.pk)
        for user_id in users:
            if present_ids is None or user_id in present_ids:
                minutes[user_id] += meeting.duration_minutes
    return minutes


def _attendance(held: list[Meeting]) -> list[tuple[int, int, bool]]:
    """(session, user, present) for the sessions where attendance was taken."""
    return list(
        Attendance.objects.filter(meeting__in=held).values_list(
            "meeting_id", "membership__user_id", "present"
        )
    )


def hours_for(
    period: LearningPeriod, user_ids: Iterable[int], now: datetime | None = None
) -> dict[int, Hours]:
    """Each user's hours in the period: sessions plus what they logged."""
    users = list(user_ids)
    sessions = session_minutes(period, users, now)
    logged = TimeEntry.objects.filter(period=period, user_id__in=users).totals_by_user()
    return {
        user_id: Hours(sessions=sessions[user_id], by_kind=logged.get(user_id, {}))
        for user_id in users
    }
