"""Who may do what with intervision (DESIGN.md §5).

A case (question, context, the group's advice) is read by the community's
members — participants and coaches — never by programme leads or other
communities. A participant registers a case; only its bringer changes it and
records the take-away, which is theirs alone until they share it (with the
coaches, or with the community: the track's rule). Choosing the format and
moving through its steps in the room is for whoever runs the meeting
(``Meeting`` "run" in ``meetings.access``: the coaches in a leergang, every
member in a self-run period).
"""

from __future__ import annotations

from typing import Any

from leerkring.communities import roles
from leerkring.communities.models import Membership
from leerkring.core.access import deny, get_allowed, rule
from leerkring.tracks.access import may_read_private

from ..models import Meeting
from .models import IntervisionCase


@rule(Meeting, "bring_case")
def can_bring_case(user: Any, meeting: Meeting) -> bool:
    """The community's participants bring cases (coaches do not)."""
    return roles.is_participant(user, meeting.period.community_id)


def case_bringer(case: IntervisionCase) -> int:
    """The user id of whoever brings the case: for now the member who registered
    it (one place to switch to the community's case-bringer role later)."""
    return case.membership.user_id


@rule(IntervisionCase, "view", "advise")
def can_read_case(user: Any, case: IntervisionCase) -> bool:
    """The community's members read a case and record the group's advice."""
    return roles.is_member(user, case.membership.community_id)


@rule(IntervisionCase, "bring")
def can_bring(user: Any, case: IntervisionCase) -> bool:
    """Its bringer, while still a member: edit the case, record the take-away."""
    return user.pk == case_bringer(case) and roles.is_member(
        user, case.membership.community_id
    )


def may_read_takeaway(user: Any, case: IntervisionCase) -> bool:
    """The bringer; once shared, the track's rule (coaches, or the community)."""
    if user.pk == case_bringer(case):
        return True
    if not case.takeaway_sharing:
        return False
    return may_read_private(
        user, case_bringer(case), case.membership.community_id, case.takeaway_sharing
    )


def access_case(
    user: Any, case_id: int, *, need: str
) -> tuple[IntervisionCase, Membership]:
    """The case and the viewer's active membership, or 404 (audited)."""
    case = get_allowed(
        user,
        IntervisionCase.objects.select_related(
            "membership__community", "membership__user", "meeting__period"
        ),
        case_id,
        need,
    )
    membership = roles.membership_of(user, case.membership.community_id)
    if membership is None:  # every case rule asks for one
        deny(user, f"meetings.intervisioncase:{case_id}:{need}")
    return case, membership
