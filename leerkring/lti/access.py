"""Who may use a course's Leerkring pages: the coaches of the community it is
bound to (the course's people list and inviting them)."""

from __future__ import annotations

from typing import Any

from leerkring.communities.access import access_community, membership_of
from leerkring.communities.models import Community
from leerkring.core.access import deny, get_allowed, rule

from .models import Course


@rule(Course, "coach")
def coaches_the_course(user: Any, course: Course) -> bool:
    if course.community is None:
        return False
    membership = membership_of(user, course.community)
    return membership is not None and membership.is_coaching


def coaches_community(user: Any, community: Community) -> bool:
    """The community's coaches (the tab and the page of its LMS courses)."""
    membership = membership_of(user, community)
    return membership is not None and membership.is_coaching


def access_community_courses(user: Any, community_id: int) -> Community:
    community, membership = access_community(user, community_id, need="view")
    if membership is None or not membership.is_coaching:
        deny(user, f"communities.community:{community_id}:lti")
    return community


def access_course(user: Any, course_id: int, *, need: str) -> Course:
    queryset = Course.objects.select_related("community__organisation", "platform")
    return get_allowed(user, queryset, course_id, need)
