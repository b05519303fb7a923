"""Who may read and change the two tracks (DESIGN.md §5).

Collective track: the community's active members read and propose edits; the
programme lead reads a summary. Individual track items: the owner and the
community's coaches always, other active members only what the owner shared;
programme leads and superusers never — no rule here mentions them.
"""

from __future__ import annotations

from typing import Any

from leerkring.communities.access import (
    access_community,
    active_membership,
    is_programme_lead,
)
from leerkring.communities.models import Community, Membership, Sharing
from leerkring.core.access import get_allowed, rule

from .models import CollectiveTrack, LearningQuestion, PersonalTrack, QualityPitfall


def is_member(user: Any, community_id: int) -> bool:
    return active_membership(user, community_id) is not None


def coaches(user: Any, community_id: int) -> bool:
    membership = active_membership(user, community_id)
    return membership is not None and membership.is_coaching


def participates(user: Any, community_id: int) -> bool:
    membership = active_membership(user, community_id)
    return membership is not None and membership.is_participant


def may_read_private(user: Any, owner_id: int, community_id: int, sharing: str) -> bool:
    """One private item: owner, the community's coaches, or shared with members."""
    if user.pk == owner_id:
        return True
    membership = active_membership(user, community_id)
    if membership is None:
        return False
    return membership.is_coaching or sharing == Sharing.COMMUNITY


@rule(CollectiveTrack, "view", "edit")
def can_use_collective_track(user: Any, track: CollectiveTrack) -> bool:
    return is_member(user, track.period.community_id)


@rule(Community, "tracks:view-collective", "tracks:edit-collective")
def can_use_collective_track_of(user: Any, community: Community) -> bool:
    """Members read the whole track and propose edits (also before it exists)."""
    return is_member(user, community.pk)


@rule(Community, "tracks:summary")
def can_read_summary(user: Any, community: Community) -> bool:
    """The collective track's summary: members, and the organisation's leads."""
    return is_member(user, community.pk) or is_programme_lead(
        user, community.organisation_id
    )


@rule(Community, "tracks:own-track")
def can_keep_own_track(user: Any, community: Community) -> bool:
    """Only participants keep an individual development track."""
    return participates(user, community.pk)


@rule(Community, "tracks:overview")
def can_see_tracks_overview(user: Any, community: Community) -> bool:
    return is_member(user, community.pk)


@rule(PersonalTrack, "view")
def can_open_personal_track(user: Any, track: PersonalTrack) -> bool:
    """Owner, coaches, co-members (who then see only shared items)."""
    return user.pk == track.owner_id or is_member(user, track.period.community_id)


@rule(QualityPitfall, "view")
def can_read_quality(user: Any, item: QualityPitfall) -> bool:
    track = item.personal_track
    return may_read_private(
        user, track.owner_id, track.period.community_id, item.sharing
    )


@rule(LearningQuestion, "view")
def can_read_question(user: Any, question: LearningQuestion) -> bool:
    track = question.personal_track
    return may_read_private(
        user, track.owner_id, track.period.community_id, question.sharing
    )


@rule(QualityPitfall, "edit")
def can_edit_quality(user: Any, item: QualityPitfall) -> bool:
    """Only the owner, and only while still an active participant."""
    track = item.personal_track
    return user.pk == track.owner_id and participates(user, track.period.community_id)


def access_tracks_page(
    user: Any, community_id: int, *, need: str
) -> tuple[Community, Membership | None]:
    """The community for one of the track pages, if ``need`` is allowed there."""
    return access_community(user, community_id, need=need)


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
