"""Edits of a session's own fields (date, place, themes, coach notes, summary),
and what every session workflow shares: its errors and the version claim.

The rest lives by what it does: :mod:`.scheduling` (the pure date rules),
:mod:`.leergang`, :mod:`.agenda`, :mod:`.room` and :mod:`.selfrun`.

Every write is one transaction. Two coaches may edit the same session at the same
time, so every edit carries the version the coach saw (``version`` for the
session's own fields, ``agenda_version`` for its agenda); a save against an older
version is refused with :class:`VersionConflict` and nothing changes.
"""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import (
    Meeting,
)
from .scheduling import (
    format_day,
    session_problems,
)


class VersionConflict(Exception):
    """Someone else saved first; the caller shows the current version."""

    def __init__(self, current_version: int) -> None:
        super().__init__(current_version)
        self.current_version = current_version


class MeetingError(Exception):
    """A rule of the method refuses this change; the message is translated."""


def _claim(row: models.Model, version: int, field: str = "version") -> None:
    """Take the next ``version`` of the row (its ``field``: a session, its agenda, a
    schedule, a role), or raise `VersionConflict` if someone else took it."""
    rows = type(row)._default_manager.filter(pk=row.pk)
    if not rows.filter(**{field: version}).update(**{field: F(field) + 1}):
        raise VersionConflict(rows.values_list(field, flat=True).get())
    setattr(row, field, version + 1)


@transaction.atomic
def update_meeting(
    *, meeting: Meeting, version: int, changes: dict[str, Any]
) -> Meeting:
    """Change a session's date, place or themes; the schedule must stay valid."""
    _claim(meeting, version)
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
    _claim(meeting, version)
    meeting.coach_notes = notes
    meeting.save(update_fields=["coach_notes", "version"])
    return meeting


@transaction.atomic
def save_summary(
    *, meeting: Meeting, version: int, summary: str, publish: bool
) -> Meeting:
    """Save the session summary; publishing shows it to every member."""
    _claim(meeting, version)
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
