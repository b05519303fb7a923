"""In the room: which agenda item runs, closing and reopening the session, and
who was present.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from leerkring.communities.models import Membership

from .actions import MeetingError
from .models import AgendaItem, Attendance, Meeting

ROOM_FIELDS = ["current_item", "current_item_started_at", "closed_at"]


@transaction.atomic
def start_agenda_item(*, meeting: Meeting, item: AgendaItem) -> Meeting:
    """Mark ``item`` as the current one from now on (reopening a closed session)."""
    if item.meeting_id != meeting.pk:
        raise MeetingError(_("This item is not on this session's agenda."))
    meeting.current_item = item
    meeting.current_item_started_at = timezone.now()
    meeting.closed_at = None
    meeting.save(update_fields=ROOM_FIELDS)
    return meeting


@transaction.atomic
def end_session(*, meeting: Meeting) -> Meeting:
    """Close the session: the timer stops and the room says when it ended."""
    meeting.current_item = None
    meeting.current_item_started_at = None
    meeting.closed_at = timezone.now()
    meeting.save(update_fields=ROOM_FIELDS)
    return meeting


@transaction.atomic
def reopen_session(*, meeting: Meeting) -> Meeting:
    """Undo :func:`end_session`: the session waits for its next item again."""
    meeting.closed_at = None
    meeting.save(update_fields=["closed_at"])
    return meeting


@transaction.atomic
def record_attendance(*, meeting: Meeting, present: Iterable[int]) -> list[Attendance]:
    """Tick who was present: one row per active member, ``present`` by membership id.

    Ids of people who are not active members of the community are ignored.
    """
    present_ids = set(present)
    members = Membership.objects.active().filter(community=meeting.period.community_id)
    rows = [
        Attendance(meeting=meeting, membership=member, present=member.pk in present_ids)
        for member in members
    ]
    return Attendance.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["meeting", "membership"],
        update_fields=["present", "recorded_at"],
    )
