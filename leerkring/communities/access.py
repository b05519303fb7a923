"""Who may see and manage organisations and communities.

Roles are rows: a ``Membership`` in a community, an ``OrganisationRole`` in an
organisation. Superusers administer; they never read private content (that is
refused by the content apps' own rules, which do not mention superusers).
"""

from __future__ import annotations

from typing import Any

from leerkring.core.access import deny, get_allowed, remembered, rule

from .models import Community, Membership, Organisation, OrganisationRole, RoleChange


def active_membership(user: Any, community_id: int) -> Membership | None:
    """The user's active membership of the community, if any (asked once per
    read request: see ``core.access.remembering``)."""
    if not user.is_authenticated:
        return None
    return remembered(
        ("membership", user.pk, community_id),
        lambda: (
            Membership.objects.active()
            .filter(community_id=community_id, user=user)
            .first()
        ),
    )


def membership_of(user: Any, community: Community) -> Membership | None:
    """The user's active membership of the community, if any."""
    return active_membership(user, community.pk)


def is_programme_lead(user: Any, organisation_id: int) -> bool:
    if not user.is_authenticated:
        return False
    return remembered(
        ("programme_lead", user.pk, organisation_id),
        lambda: OrganisationRole.objects.filter(
            user=user,
            organisation_id=organisation_id,
            role=OrganisationRole.Role.PROGRAMME_LEAD,
        ).exists(),
    )


def is_coach_of(user: Any, community: Community) -> bool:
    membership = membership_of(user, community)
    return membership is not None and membership.is_coaching


def is_full_coach_of(user: Any, community: Community) -> bool:
    membership = membership_of(user, community)
    return membership is not None and membership.role == Membership.Role.COACH


def may_approve_coaching_by_lead(user: Any, community: Community) -> bool:
    """Who may approve that a programme lead coaches this community (DESIGN.md §5):
    a programme lead of its organisation or one of its (full) coaches. That it is
    someone other than the lead themself is the action's business."""
    return is_programme_lead(user, community.organisation_id) or is_full_coach_of(
        user, community
    )


@rule(Organisation, "view", "manage")
def can_lead_organisation(user: Any, organisation: Organisation) -> bool:
    return user.is_superuser or is_programme_lead(user, organisation.pk)


@rule(Community, "view")
def can_view_community(user: Any, community: Community) -> bool:
    return (
        user.is_superuser
        or membership_of(user, community) is not None
        or is_programme_lead(user, community.organisation_id)
    )


@rule(Community, "manage")
def can_manage_community(user: Any, community: Community) -> bool:
    """Invite members and change roles: its coaches and its programme leads."""
    return (
        user.is_superuser
        or is_coach_of(user, community)
        or is_programme_lead(user, community.organisation_id)
    )


@rule(Community, "ask_to_coach")
def can_ask_to_coach(user: Any, community: Community) -> bool:
    """A programme lead may ask (never grant themself) to coach a community of
    their organisation, if they do not coach it already."""
    return not is_coach_of(user, community) and is_programme_lead(
        user, community.organisation_id
    )


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
