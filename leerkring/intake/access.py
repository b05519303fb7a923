"""Who may see intake material (DESIGN.md §5).

* a participant's own preparation: that participant (invited or active), and
  the community's coaches and apprentice coaches;
* the intake conversations and notes: the coaches only;
* never other participants, the programme lead or superusers.
"""

from __future__ import annotations

from typing import Any

from leerkring.communities import roles
from leerkring.communities.models import Community, Membership
from leerkring.core.access import allowed, declare, deny, get_allowed, rule


@rule(Membership, "intake.prepare")
def can_prepare(user: Any, membership: Membership) -> bool:
    """The participant themself, while they hold a place."""
    return (
        membership.user_id == user.pk
        and membership.is_participant
        and membership.status in Membership.HOLDS_A_PLACE
    )


@rule(Membership, "intake.conduct")
def can_conduct(user: Any, membership: Membership) -> bool:
    """The coaches of the participant's community."""
    return membership.is_participant and roles.is_coach(user, membership.community_id)


# The intake overview: the community's coaches.
declare(Community, {"intake.overview": roles.is_coach})


def access_own_membership(user: Any, community_id: int) -> Membership:
    """The viewer's own participant place in the community (invited or active)."""
    membership = (
        Membership.objects.select_related("community__organisation", "user")
        .filter(community_id=community_id, user_id=user.pk)
        .first()
    )
    if membership is None or not allowed(user, "intake.prepare", membership):
        deny(user, f"intake:community:{community_id}:prepare")
    return membership


def access_welcome(user: Any, community_id: int) -> Membership:
    """The viewer's own active membership (any role): the "what now" page after
    joining is about the person themself. An invitation not yet accepted shows
    nothing of the community (a membership is active only once its person accepts)."""
    membership = (
        Membership.objects.select_related("community__organisation", "user")
        .active()
        .filter(community_id=community_id, user_id=user.pk)
        .first()
    )
    if membership is None:
        deny(user, f"intake:community:{community_id}:welcome")
    return membership


def access_participant(user: Any, membership_id: int) -> Membership:
    """A participant's membership, for the coaches of their community."""
    return get_allowed(
        user,
        Membership.objects.select_related("community__organisation", "user"),
        membership_id,
        "intake.conduct",
    )


def access_coaching(user: Any, community_id: int) -> Community:
    """The community, for its coaches only (the intake overview)."""
    return get_allowed(
        user,
        Community.objects.select_related("organisation"),
        community_id,
        "intake.overview",
    )
