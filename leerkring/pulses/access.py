"""Who may check in, run the check-in, and see the arc (DESIGN.md §5).

Individual answers belong to the person and the community's coaches. The arc and
the safety-climate trend are aggregates: members and the organisation's programme
leads see them (never below three answers). Superusers administer communities but
see no check-in data, not even aggregates, unless they hold one of those roles.

Opening and closing a check-in (and its live view, aggregates only) goes with
running the session: the coaches in a leergang, every member in a self-run
period (``meetings.access.can_run_meeting``).
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from leerkring.communities import roles
from leerkring.communities.access import access_community
from leerkring.communities.models import Community, Membership
from leerkring.core.access import allowed, declare, deny, rule
from leerkring.meetings.access import can_run_meeting
from leerkring.meetings.models import Meeting

from .models import Moment

CHECKIN = "pulses.checkin"
ANSWER = "pulses.answer"
RUN = "pulses.run"
ARC = "pulses.arc"

declare(
    Community,
    {
        CHECKIN: roles.is_member,  # participants answer, coaches run it
        ANSWER: roles.is_participant,
        ARC: roles.is_member_or_lead,  # an aggregate, never below three answers
    },
)


@rule(Meeting, RUN)
def can_run_checkin(user: Any, meeting: Meeting) -> bool:
    """Open and close a session's check-in, watch the live view (anonymous)."""
    return can_run_meeting(user, meeting)


def access_meeting(
    user: Any, community_id: int, meeting_id: int, moment: str, *, need: str
) -> tuple[Community, Membership | None, Meeting]:
    """A session of the community (and a valid moment), if ``user`` may ``need``
    (``RUN`` is asked of the session: who runs it depends on its period)."""
    on_session = need == RUN
    community, membership = access_community(
        user, community_id, need=CHECKIN if on_session else need
    )
    if moment not in Moment.values:
        raise Http404
    meeting = (
        Meeting.objects.select_related("period")
        .filter(pk=meeting_id, period__community=community)
        .first()
    )
    if meeting is None or (on_session and not allowed(user, RUN, meeting)):
        deny(user, f"meetings.meeting:{meeting_id}:{need}")
    return community, membership, meeting
