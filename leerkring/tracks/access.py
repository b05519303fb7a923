"""Who may read and change the two tracks (DESIGN.md §5).

Collective track: the community's active members read and propose edits; the
programme lead reads a summary. Individual track items: the owner and the
community's coaches always, other active members only what the owner shared;
programme leads and superusers never — no rule here mentions them.
"""

from __future__ import annotations

from typing import Any

from leerkring.communities import roles
from leerkring.communities.models import Community, Membership, Sharing
from leerkring.core.access import allowed, declare, deny, get_allowed, rule

from .models import (
    LearningQuestion,
    PersonalTrack,
    QualityPitfall,
)

declare(
    Community,
    {
        # Members read the whole track and propose edits (also before it exists).
        "tracks.view_collective": roles.is_member,
        "tracks.edit_collective": roles.is_member,
        # The collective track's summary: members, and the organisation's leads.
        "tracks.summary": roles.is_member_or_lead,
        # Only participants keep an individual development track.
        "tracks.own_track": roles.is_participant,
        "tracks.overview": roles.is_member,
    },
)


def may_read_private(user: Any, owner_id: int, community_id: int, sharing: str) -> bool:
    """One private item: owner, the community's coaches, or shared with members."""
    if user.pk == owner_id:
        return True
    if sharing == Sharing.COMMUNITY:
        return roles.is_member(user, community_id)
    return roles.is_coach(user, community_id)


@rule(PersonalTrack, "view")
def can_open_personal_track(user: Any, track: PersonalTrack) -> bool:
    """Owner, coaches, co-members (who then see only shared items)."""
    return user.pk == track.owner_id or roles.is_member(user, track.period.community_id)


@rule(LearningQuestion, "view")
def can_read_question(user: Any, question: LearningQuestion) -> bool:
    track = question.personal_track
    return may_read_private(
        user, track.owner_id, track.period.community_id, question.sharing
    )


@rule(Membership, "tracks.eye")
def can_see_eye(user: Any, membership: Membership) -> bool:
    """A participant's EYE: they themself and the community's (apprentice)
    coaches, while the participant is an active member; nobody else — not the
    other participants, not the programme lead."""
    if not (membership.is_active and membership.is_participant):
        return False
    return membership.user_id == user.pk or roles.is_coach(
        user, membership.community_id
    )


@rule(QualityPitfall, "edit")
def can_edit_quality(user: Any, item: QualityPitfall) -> bool:
    """Only the owner, and only while still an active participant."""
    track = item.personal_track
    return user.pk == track.owner_id and roles.is_participant(
        user, track.period.community_id
    )


def access_personal_track(user: Any, track_id: int, *, need: str) -> PersonalTrack:
    queryset = PersonalTrack.objects.select_related("period__community", "owner")
    return get_allowed(user, queryset, track_id, need)


def access_quality(user: Any, quality_id: int, *, need: str) -> QualityPitfall:
    queryset = QualityPitfall.objects.select_related(
        "personal_track__period__community", "personal_track__owner"
    )
    return get_allowed(user, queryset, quality_id, need)


def access_question(user: Any, question_id: int, *, need: str) -> LearningQuestion:
    queryset = LearningQuestion.objects.select_related(
        "personal_track__period__community", "personal_track__owner"
    ).prefetch_related("versions")
    return get_allowed(user, queryset, question_id, need)


def access_eye(user: Any, community_id: int, person_id: int) -> Membership:
    """The participant's membership whose EYE ``user`` opens, or 404 (audited)."""
    membership = (
        Membership.objects.select_related("community__organisation", "user")
        .filter(community=community_id, user=person_id)
        .first()
    )
    if membership is None or not allowed(user, "tracks.eye", membership):
        deny(user, f"communities.membership:{community_id}/{person_id}:tracks.eye")
    return membership
