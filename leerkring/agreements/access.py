"""Who may read and write agreements, goals, the harvest and hours.

The agreements and the collective goals are the community's: every active member
reads and writes them; the programme lead sees a summary without content
(DESIGN.md §5). A personal goal belongs to its owner; coaches read it, other
participants only when the owner shares it. Hours are logged by participants and
totalled for the coaches. Superusers administer communities and are not listed
here: they do not read the community's content.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from leerkring.communities import roles
from leerkring.communities.models import Community, LearningPeriod, Membership
from leerkring.communities.periods import PeriodChoice, choose_period
from leerkring.communities.roles import membership_of
from leerkring.core.access import declare, deny, get_allowed, rule

from .models import ExternalValidation, TimeEntry

declare(
    Community,
    {
        # Read the content, edit and confirm the agreements, set collective goals.
        "agreements.member": roles.is_member,
        # The agreements and harvest pages: members in full, the programme lead in sum.
        "agreements.summary": roles.is_member_or_lead,
        "agreements.personal_goals": roles.is_participant,
    },
)


@rule(ExternalValidation, "manage")
def may_manage_validation(user: Any, validation: ExternalValidation) -> bool:
    """The community invites its assessors and revokes their links."""
    return membership_of(user, validation.goal.period.community) is not None


@rule(TimeEntry, "delete")
def may_delete_time_entry(user: Any, entry: TimeEntry) -> bool:
    """Only its author, while still a participant of the community."""
    return entry.user_id == user.pk and roles.is_participant(
        user, entry.period.community_id
    )


def access_period(
    user: Any, community_id: int, *, need: str
) -> tuple[Community, Membership | None, LearningPeriod | None]:
    """The community, the viewer's membership and its current learning period."""
    community = get_allowed(
        user, Community.objects.select_related("organisation"), community_id, need
    )
    return community, membership_of(user, community), community.current_period()


def access_chosen_period(
    user: Any, community_id: int, request: HttpRequest, *, need: str
) -> tuple[Community, Membership | None, PeriodChoice]:
    """As ``access_period``, with the period the page's switcher asks for."""
    community = get_allowed(
        user, Community.objects.select_related("organisation"), community_id, need
    )
    return community, membership_of(user, community), choose_period(community, request)


def access_running_period(
    user: Any, community_id: int, *, need: str
) -> tuple[Community, Membership | None, LearningPeriod]:
    """As ``access_period`` for pages that write: without a period, 404."""
    community, membership, period = access_period(user, community_id, need=need)
    if period is None:
        deny(user, f"communities.community:{community_id}:{need}:no-period")
    return community, membership, period


def access_time_entry(
    user: Any, community_id: int, entry_id: int, *, need: str
) -> TimeEntry:
    """A time entry of the community's period, if ``user`` may ``need`` it."""
    return get_allowed(
        user,
        TimeEntry.objects.filter(period__community_id=community_id).select_related(
            "period__community"
        ),
        entry_id,
        need,
    )


def access_validation(
    user: Any, community_id: int, validation_id: int, *, need: str
) -> ExternalValidation:
    """An external validation of the community's goals, if ``user`` may ``need`` it."""
    return get_allowed(
        user,
        ExternalValidation.objects.filter(
            goal__period__community_id=community_id
        ).select_related("goal__period__community"),
        validation_id,
        need,
    )
