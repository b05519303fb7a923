"""What each role means, said once for every app's rules (DESIGN.md §5).

A role is a row: an active ``Membership`` of a community (participant, coach,
apprentice coach) or an ``OrganisationRole`` (programme lead). Apps declare their
actions against these predicates in their ``access.py``::

    declare(Community, {"pulses.run": roles.is_coach, "pulses.arc": ...})

Each predicate is ``(user, community) -> bool``; ``community`` may be a
``Community`` or its id where the role needs no organisation. The lookups behind
them are answered once per read request (``core.access.remembered``), so a page's
own check and every tab of its tab bar share one membership query.
"""

from __future__ import annotations

from typing import Any

from leerkring.core.access import remembered

from .models import Community, Membership, OrganisationRole


def _community_id(community: Community | int) -> int:
    return community if isinstance(community, int) else community.pk


def membership_of(user: Any, community: Community | int) -> Membership | None:
    """The user's active membership of the community, if any."""
    if not user.is_authenticated:
        return None
    community_id = _community_id(community)
    return remembered(
        ("membership", user.pk, community_id),
        lambda: (
            Membership.objects.active()
            .filter(community_id=community_id, user=user)
            .first()
        ),
    )


def is_programme_lead(user: Any, organisation_id: int) -> bool:
    """A programme lead of the organisation."""
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


def is_member(user: Any, community: Community | int) -> bool:
    """An active member in any role: participant, coach or apprentice coach."""
    return membership_of(user, community) is not None


def is_participant(user: Any, community: Community | int) -> bool:
    """An active participant."""
    membership = membership_of(user, community)
    return membership is not None and membership.is_participant


def is_coach(user: Any, community: Community | int) -> bool:
    """An active coach or apprentice coach (they coach alike, DESIGN.md §5)."""
    membership = membership_of(user, community)
    return membership is not None and membership.is_coaching


def is_full_coach(user: Any, community: Community | int) -> bool:
    """An active coach, apprentice coaches not included."""
    membership = membership_of(user, community)
    return membership is not None and membership.role == Membership.Role.COACH


def is_lead_of(user: Any, community: Community) -> bool:
    """A programme lead of the community's organisation."""
    return is_programme_lead(user, community.organisation_id)


def is_member_or_lead(user: Any, community: Community) -> bool:
    """Members, and the programme leads of its organisation (who see summaries)."""
    return is_member(user, community) or is_lead_of(user, community)


def is_coach_or_lead(user: Any, community: Community) -> bool:
    """Its coaches and apprentice coaches, and its organisation's programme leads."""
    return is_coach(user, community) or is_lead_of(user, community)
