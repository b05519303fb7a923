"""Who may see and manage organisations and communities.

Roles are rows: a ``Membership`` in a community, an ``OrganisationRole`` in an
organisation. Superusers administer; they never read private content (that is
refused by the content apps' own rules, which do not mention superusers).
"""

from __future__ import annotations

from typing import Any

from leerkring.core.access import deny, get_allowed, remembering, rule

from .models import Community, Membership, Organisation, RoleChange
from .roles import is_coach, is_full_coach, is_lead_of, is_programme_lead, membership_of


def may_approve_coaching_by_lead(user: Any, community: Community) -> bool:
    """Who may approve that a programme lead coaches this community (DESIGN.md §5):
    a programme lead of its organisation or one of its (full) coaches. That it is
    someone other than the lead themself is the action's business."""
    return is_lead_of(user, community) or is_full_coach(user, community)


@rule(Organisation, "view", "manage")
def can_lead_organisation(user: Any, organisation: Organisation) -> bool:
    return user.is_superuser or is_programme_lead(user, organisation.pk)


@rule(Community, "view")
def can_view_community(user: Any, community: Community) -> bool:
    return (
        user.is_superuser
        or membership_of(user, community) is not None
        or is_lead_of(user, community)
    )


@rule(Community, "manage")
def can_manage_community(user: Any, community: Community) -> bool:
    """Invite members and change roles: its coaches and its programme leads."""
    return user.is_superuser or is_coach(user, community) or is_lead_of(user, community)


@rule(Community, "ask_to_coach")
def can_ask_to_coach(user: Any, community: Community) -> bool:
    """A programme lead may ask (never grant themself) to coach a community of
    their organisation, if they do not coach it already."""
    return not is_coach(user, community) and is_lead_of(user, community)


@rule(RoleChange, "view")
def can_view_role_change(user: Any, change: RoleChange) -> bool:
    """The person it is about, and whoever manages the community."""
    return change.user_id == user.pk or can_manage_community(user, change.community)


def access_organisation(user: Any, organisation_id: int, *, need: str) -> Organisation:
    return get_allowed(user, Organisation.objects.all(), organisation_id, need)


def access_community(
    user: Any, community_id: int, *, need: str
) -> tuple[Community, Membership | None]:
    """The community and the viewer's own membership (None for leads/admins)."""
    with remembering():  # the check and the membership: one lookup
        community = get_allowed(
            user, Community.objects.select_related("organisation"), community_id, need
        )
        return community, membership_of(user, community)


def access_membership(user: Any, membership_id: int, *, need: str) -> Membership:
    """A membership, reached through the right to ``need`` on its community."""
    membership = (
        Membership.objects.select_related("community__organisation", "user")
        .filter(pk=membership_id)
        .first()
    )
    if membership is None:
        deny(user, f"communities.membership:{membership_id}:{need}")
    access_community(user, membership.community_id, need=need)
    return membership


def access_role_change(user: Any, role_change_id: int, *, need: str) -> RoleChange:
    return get_allowed(
        user,
        RoleChange.objects.select_related(
            "community__organisation", "user", "requested_by", "approved_by"
        ),
        role_change_id,
        need,
    )
