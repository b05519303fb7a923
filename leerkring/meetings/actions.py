"""Edits of a session's own fields (date, place, themes, coach notes, summary),
and what every session workflow shares: its errors.

The rest lives by what it does: :mod:`.scheduling` (the pure date rules),
:mod:`.leergang`, :mod:`.agenda`, :mod:`.room` and :mod:`.selfrun`.

Every write is one transaction. Two coaches may edit the same session at the same
time, so every edit carries the version the coach saw (``version`` for the
session's own fields, ``agenda_version`` for its agenda); a save against an older
version is refused with :class:`~leerkring.core.concurrency.Stale` (``claim``)
and nothing changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from leerkring.core.concurrency import claim

from .models import (
    Meeting,
)
from .scheduling import (
    format_day,
    session_problems,
)

if TYPE_CHECKING:
    from leerkring.accounts.models import User


class MeetingError(Exception):
    """A rule of the method refuses this change; the message is translated."""


@transaction.atomic
def update_meeting(
    *, meeting: Meeting, version: int, changes: dict[str, Any]
) -> Meeting:
    """Change a session's date, place or themes; the schedule must stay valid."""
    claim(meeting, version)
    for name, value in changes.items():
        setattr(meeting, name, value)
    siblings = [
        meeting if other.pk == meeting.pk else other
        for other in Meeting.objects.for_period(meeting.period)
    ]
    problems = session_problems(
        start_date=meeting.period.start_date,
        end_date=meeting.period.end_date,
        slots=siblings,
    )
    mine = siblings.index(meeting)
    for index, message in problems:
        if index == mine:
            raise MeetingError(message)
    following = siblings[mine + 1] if mine + 1 < len(siblings) else None
    if following is not None and following.slot <= meeting.slot:
        raise MeetingError(
            _("Session %(number)s must come before session %(other)s (%(date)s).")
            % {
                "number": meeting.number,
                "other": following.number,
                "date": format_day(following.date),
            }
        )
    meeting.save(update_fields=[*changes, "version"])
    return meeting


@transaction.atomic
def save_coach_notes(*, meeting: Meeting, version: int, notes: str) -> Meeting:
    """The coaches' own notes about the session (never shown to participants)."""
    claim(meeting, version)
    meeting.coach_notes = notes
    meeting.save(update_fields=["coach_notes", "version"])
    return meeting


@transaction.atomic
def save_observation(
    *, meeting: Meeting, version: int, observation: str, author: User
) -> Meeting:
    """A visiting coach's observation of a self-run meeting, for its members
    (empty: no observation)."""
    claim(meeting, version)
    meeting.coach_observation = observation.strip()
    meeting.observation_by = author if meeting.coach_observation else None
    meeting.observation_at = timezone.now() if meeting.coach_observation else None
    meeting.save(
        update_fields=[
            "coach_observation",
            "observation_by",
            "observation_at",
            "version",
        ]
    )
    return meeting


@transaction.atomic
def save_summary(
    *, meeting: Meeting, version: int, summary: str, publish: bool
) -> Meeting:
    """Save the session summary; publishing shows it to every member."""
    claim(meeting, version)
    meeting.summary = summary
    if publish:
        if not summary.strip():
            raise MeetingError(_("Write the summary before publishing it."))
        meeting.summary_status = Meeting.SummaryStatus.PUBLISHED
        meeting.summary_published_at = timezone.now()
    else:
        meeting.summary_status = Meeting.SummaryStatus.DRAFT
        meeting.summary_published_at = None
    meeting.save(
        update_fields=["summary", "summary_status", "summary_published_at", "version"]
    )
    return meeting
