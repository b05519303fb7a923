"""Follow the session's agenda (meetings app): when a coach starts the check-in or
check-out item in the room, that check-in opens — no second button to press.

Applied when the state is read (the participant's tab, the answer page, the live
view, an answer arriving), so the meetings app needs no hook into this one. A
coach who closes the check-in after starting the item keeps it closed; starting
the item again later reopens it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction

from leerkring.communities.models import Community
from leerkring.meetings.method import ItemKind
from leerkring.meetings.models import Meeting

from .models import Moment, PulseWindow

AGENDA_MOMENTS = {
    ItemKind.CHECK_IN: Moment.CHECK_IN,
    ItemKind.CHECK_OUT: Moment.CHECK_OUT,
}


def _opens(window: PulseWindow | None, started: datetime | None) -> bool:
    if window is None or window.opened_at is None:
        return True
    if window.closed_at is None:
        return False
    return started is not None and window.closed_at < started


def follow(meetings: Iterable[Meeting]) -> None:
    """Open the windows whose agenda item was started since they last closed."""
    for meeting in meetings:
        item = meeting.current_item
        if item is None or item.kind not in AGENDA_MOMENTS:
            continue
        moment = AGENDA_MOMENTS[ItemKind(item.kind)]
        with transaction.atomic():
            window, _created = PulseWindow.objects.select_for_update().get_or_create(
                meeting=meeting, moment=moment
            )
            if _opens(window, meeting.current_item_started_at):
                window.open()


def follow_meeting(meeting: Meeting) -> None:
    follow(Meeting.objects.filter(pk=meeting.pk).select_related("current_item"))


def follow_community(community: Community) -> None:
    follow(
        Meeting.objects.filter(
            period__community=community, current_item__kind__in=list(AGENDA_MOMENTS)
        ).select_related("current_item")
    )
