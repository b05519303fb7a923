"""Who may fetch which document, calendar or export (DESIGN.md §5).

* A session's ``.ics``: the community's active members.
* The documents page and the harvest PDF: active members (each sees what they
  may read) and the organisation's programme leads (the collective summary only).
* The personal PDF: only the participant it belongs to — the URL names no
  person, so there is nothing to ask for about someone else.
* Exports: the community's coaches and apprentice coaches.
Superusers administer; they get no documents with content.
"""

from __future__ import annotations

from typing import Any

from leerkring.communities import roles
from leerkring.communities.access import access_community
from leerkring.communities.models import Community, Membership
from leerkring.core.access import declare, deny
from leerkring.meetings.models import Meeting

declare(
    Community,
    {
        "reports.documents": roles.is_member_or_lead,
        "reports.harvest": roles.is_member_or_lead,
        "reports.personal": roles.is_participant,
        "reports.export": roles.is_coach,
        "reports.calendar": roles.is_member,
    },
)


def access_meeting(user: Any, meeting_id: int) -> tuple[Meeting, Membership | None]:
    """A session whose community the user is an active member of, else 404."""
    meeting = (
        Meeting.objects.select_related("period__community__organisation")
        .filter(pk=meeting_id)
        .first()
    )
    if meeting is None:
        deny(user, f"meetings.meeting:{meeting_id}:reports.calendar")
    _community, membership = access_community(
        user, meeting.period.community_id, need="reports.calendar"
    )
    return meeting, membership
