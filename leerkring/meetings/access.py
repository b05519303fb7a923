"""Who may see and run sessions.

Sessions belong to the community's members: every active member (participant,
coach, apprentice coach) sees a session's agenda, themes and published summary;
only its coaches edit, run it, take attendance and read the coach notes. A
programme lead sees the leergang overview (dates and themes, no content) and may
set up a leergang; superusers administer but never read session content.
"""

from __future__ import annotations

from typing import Any

from leerkring.communities.access import membership_of
from leerkring.communities.models import Membership
from leerkring.core.access import deny, rule

from .models import AgendaItem, Meeting, OpenSpaceProposal


@rule(Meeting, "view")
def can_view_meeting(user: Any, meeting: Meeting) -> bool:
    """Active members of the meeting's community."""
    return membership_of(user, meeting.period.community) is not None


@rule(Meeting, "coach")
def can_coach_meeting(user: Any, meeting: Meeting) -> bool:
    """The community's coaches and apprentice coaches."""
    membership = membership_of(user, meeting.period.community)
    return membership is not None and membership.is_coaching


def access_meeting(
    user: Any, meeting_id: int, *, need: str
) -> tuple[Meeting, Membership]:
    """The meeting and the viewer's active membership, or 404 (audited).

    ``need`` is ``view`` (any active member) or ``coach``.
    """
    meeting = (
        Meeting.objects.select_related("period__community__organisation")
        .filter(pk=meeting_id)
        .first()
    )
    membership = (
        membership_of(user, meeting.period.community) if meeting is not None else None
    )
    if (
        meeting is None
        or membership is None
        or (need == "coach" and not membership.is_coaching)
        or need not in ("view", "coach")
    ):
        deny(user, f"meetings.meeting:{meeting_id}:{need}")
    return meeting, membership


def access_agenda_item(user: Any, item_id: int) -> tuple[AgendaItem, Membership]:
    """An agenda item, for the coaches of its session only."""
    item = AgendaItem.objects.filter(pk=item_id).only("meeting_id").first()
    if item is None:
        deny(user, f"meetings.agendaitem:{item_id}:coach")
    meeting, membership = access_meeting(user, item.meeting_id, need="coach")
    item = AgendaItem.objects.get(pk=item_id)
    item.meeting = meeting
    return item, membership


def access_proposal(
    user: Any, proposal_id: int, *, need: str
) -> tuple[OpenSpaceProposal, Membership]:
    """An open-space proposal through the right to ``need`` on its session."""
    proposal = OpenSpaceProposal.objects.filter(pk=proposal_id).first()
    if proposal is None:
        deny(user, f"meetings.openspaceproposal:{proposal_id}:{need}")
    meeting, membership = access_meeting(user, proposal.meeting_id, need=need)
    proposal.meeting = meeting
    return proposal, membership
