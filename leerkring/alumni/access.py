"""Who may answer the coaching question and who reads the answers (DESIGN.md §5).

The answer is the participant's own; its purpose is finding new coaches, so the
community's coaches (apprentice coaches included) and the organisation's
programme leads read it — nobody else: not the other participants, not leads of
other organisations, not superusers (they administer, they do not read personal
answers).
"""

from __future__ import annotations

from typing import Any

from leerkring.communities import roles
from leerkring.communities.models import Community, Membership, Organisation
from leerkring.communities.roles import membership_of
from leerkring.core.access import declare, get_allowed, rule

COACHING = "alumni.coaching"  # open the community's coaching page
ANSWER = "alumni.answer"  # answer the question oneself
ALUMNI = "alumni.list"  # read the organisation's list of would-be coaches

declare(
    Community,
    {
        # Participants (their own question) and coaches (their participants'
        # answers): every member role.
        COACHING: roles.is_member,
        ANSWER: roles.is_participant,
    },
)


@rule(Organisation, ALUMNI)
def can_read_alumni(user: Any, organisation: Organisation) -> bool:
    return roles.is_programme_lead(user, organisation.pk)


def access_coaching(
    user: Any, community_id: int, *, need: str
) -> tuple[Community, Membership]:
    """The community and the viewer's active membership, if ``user`` may ``need``."""
    community = get_allowed(
        user, Community.objects.select_related("organisation"), community_id, need
    )
    membership = membership_of(user, community)
    assert membership is not None  # every rule above requires one
    return community, membership


def access_alumni(user: Any, organisation_id: int) -> Organisation:
    return get_allowed(user, Organisation.objects.all(), organisation_id, ALUMNI)
