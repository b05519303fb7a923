"""Who may read, write and respond to journal entries (DESIGN.md §5).

- the author: everything about their own entries;
- the community's (apprentice) coaches: entries shared with the coaches or the
  community; they give feedback and, if the author allows it, see the mirror;
- other active members: entries shared with the community; they may comment;
- programme leads and superusers: nothing (they are never named here).
"""

from __future__ import annotations

from typing import Any

from leerkring.communities import roles
from leerkring.communities.access import access_community
from leerkring.communities.models import Community, Membership
from leerkring.core.access import declare, deny, get_allowed, rule

from .models import JournalSetting, Reflection


def _coaches(user: Any, reflection: Reflection) -> bool:
    return reflection.is_shared_with_coaches and roles.is_coach(
        user, reflection.community_id
    )


def _fellow_member(user: Any, reflection: Reflection) -> bool:
    return reflection.is_shared_with_community and roles.is_member(
        user, reflection.community_id
    )


# Active members write their own entries and read what is shared with them.
declare(Community, {"journal.keep": roles.is_member})


@rule(Reflection, "view")
def can_view_reflection(user: Any, reflection: Reflection) -> bool:
    return (
        reflection.author_id == user.pk
        or _coaches(user, reflection)
        or _fellow_member(user, reflection)
    )


@rule(Reflection, "edit")
def can_edit_reflection(user: Any, reflection: Reflection) -> bool:
    return reflection.author_id == user.pk


@rule(Reflection, "view_assessment")
def can_view_assessment(user: Any, reflection: Reflection) -> bool:
    """The author, and coaches of a shared entry when the author allows it; never
    anyone while the author has switched the mirror off."""
    setting = JournalSetting.for_user(reflection.author)
    if not setting.mirror_enabled:
        return False
    if reflection.author_id == user.pk:
        return True
    return setting.coaches_see_mirror and _coaches(user, reflection)


@rule(Reflection, "give_feedback")
def can_give_feedback(user: Any, reflection: Reflection) -> bool:
    return reflection.author_id != user.pk and _coaches(user, reflection)


@rule(Reflection, "comment")
def can_comment(user: Any, reflection: Reflection) -> bool:
    return reflection.is_shared_with_community and (
        reflection.author_id == user.pk or _fellow_member(user, reflection)
    )


def access_journal(user: Any, community_id: int) -> tuple[Community, Membership]:
    """The community whose journal the user keeps, and their active membership."""
    community, membership = access_community(user, community_id, need="journal.keep")
    if membership is None:  # pragma: no cover  (journal.keep implies a membership)
        deny(user, f"communities.community:{community_id}:journal.keep")
    return community, membership


def access_reflection(user: Any, reflection_id: int, *, need: str) -> Reflection:
    """An entry the user may ``need`` (view, edit, comment, give_feedback …)."""
    queryset = Reflection.objects.select_related(
        "author", "community__organisation", "meeting"
    )
    return get_allowed(user, queryset, reflection_id, need)
