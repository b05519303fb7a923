"""Who may read, report on and carry over integration assignments (DESIGN.md §5).

An individual assignment and its reports: the owner and the community's coaches;
other members only when the owner shares. Shared (group) assignments belong to the
community. Programme leads and superusers never appear here.
"""

from __future__ import annotations

from typing import Any

from leerkring.communities import roles
from leerkring.communities.access import access_community
from leerkring.communities.models import Community, Membership, Sharing
from leerkring.core.access import declare, deny, get_allowed, rule
from leerkring.meetings.models import Meeting

from .models import IntegrationAssignment


@rule(IntegrationAssignment, "view")
def can_read_assignment(user: Any, assignment: IntegrationAssignment) -> bool:
    community_id = assignment.period.community_id
    if assignment.owner_id == user.pk:
        return True
    if roles.is_coach(user, community_id):
        return True
    shared = assignment.is_group or assignment.sharing == Sharing.COMMUNITY
    return shared and roles.is_member(user, community_id)


@rule(IntegrationAssignment, "report")
def can_report(user: Any, assignment: IntegrationAssignment) -> bool:
    """The owner reports on their own; every participant on a shared one."""
    if not roles.is_participant(user, assignment.period.community_id):
        return False
    return assignment.is_group or assignment.owner_id == user.pk


@rule(IntegrationAssignment, "carry_over")
def can_carry_over(user: Any, assignment: IntegrationAssignment) -> bool:
    """The owner or a coach, for an unfinished assignment not yet carried over."""
    community_id = assignment.period.community_id
    is_owner = assignment.owner_id == user.pk and roles.is_participant(
        user, community_id
    )
    return is_owner or roles.is_coach(user, community_id)


declare(
    Community,
    {
        "assignments.session": roles.is_member,
        "assignments.formulate": roles.is_member,
        "assignments.overview": roles.is_coach,
    },
)


def access_session(
    user: Any, community_id: int, meeting_id: int, *, need: str
) -> tuple[Community, Membership | None, Meeting]:
    """The community, the viewer's membership and one of its sessions."""
    community, membership = access_community(user, community_id, need=need)
    meeting = (
        Meeting.objects.select_related("period")
        .filter(pk=meeting_id, period__community=community)
        .first()
    )
    if meeting is None:
        deny(user, f"meetings.meeting:{meeting_id}:{need}")
    return community, membership, meeting


def access_assignment(
    user: Any, assignment_id: int, *, need: str
) -> IntegrationAssignment:
    queryset = IntegrationAssignment.objects.select_related(
        "period__community__organisation", "owner", "meeting", "due_meeting"
    )
    return get_allowed(user, queryset, assignment_id, need)
