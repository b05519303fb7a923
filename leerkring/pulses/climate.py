"""When the safety-climate questionnaire is open, and its anonymous trend.

An administration follows a session (``safety.administration_sessions``): it opens
on the day of that session and stays open until the next session starts (the
last one for ``LAST_ROUND_DAYS`` days). Moving a session moves its round with it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from leerkring.communities.models import LearningPeriod
from leerkring.meetings.models import Meeting

from . import aggregates, safety
from .models import SafetyResponse

LAST_ROUND_DAYS = 14


@dataclass(frozen=True)
class Administration:
    meeting: Meeting
    opens: date
    closes: date  # the first day it is closed
    today: date
    answers: int = 0
    score: float | None = None  # None below aggregates.MIN_ANSWERS

    @property
    def is_open(self) -> bool:
        return self.opens <= self.today < self.closes

    @property
    def is_past(self) -> bool:
        return self.today >= self.closes


def _rounds(meetings: Sequence[Meeting], today: date) -> list[Administration]:
    ordered = sorted(meetings, key=lambda m: m.number)
    after = set(safety.administration_sessions(len(ordered)))
    rounds = []
    for index, meeting in enumerate(ordered):
        if meeting.number not in after:
            continue
        following = ordered[index + 1] if index + 1 < len(ordered) else None
        closes = (
            following.date
            if following is not None and following.date > meeting.date
            else meeting.date + timedelta(days=LAST_ROUND_DAYS)
        )
        rounds.append(Administration(meeting, meeting.date, closes, today))
    return rounds


def administrations(
    period: LearningPeriod, *, today: date | None = None
) -> list[Administration]:
    """Every round of the period with its answer count and mean score (min. 3)."""
    today = today or timezone.localdate()
    rounds = _rounds(list(Meeting.objects.filter(period=period)), today)
    scores: dict[int, list[float]] = defaultdict(list)
    responses = SafetyResponse.objects.filter(meeting__in=[r.meeting for r in rounds])
    for response in responses:
        scores[response.meeting_id].append(response.score)
    return [
        Administration(
            r.meeting,
            r.opens,
            r.closes,
            today,
            answers=len(scores[r.meeting.pk]),
            score=aggregates.mean(scores[r.meeting.pk]),
        )
        for r in rounds
    ]


def administration_for(
    meeting: Meeting, *, today: date | None = None
) -> Administration | None:
    """The round that follows ``meeting``, if the questionnaire is offered then."""
    today = today or timezone.localdate()
    meetings = list(Meeting.objects.filter(period_id=meeting.period_id))
    for administration in _rounds(meetings, today):
        if administration.meeting.pk == meeting.pk:
            return administration
    return None


def open_administration(
    period: LearningPeriod, *, today: date | None = None
) -> Administration | None:
    today = today or timezone.localdate()
    meetings = list(Meeting.objects.filter(period=period))
    return next((a for a in _rounds(meetings, today) if a.is_open), None)
