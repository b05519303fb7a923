"""Who may use a course's Leerkring pages: the coaches of the community it is
bound to (the course's people list and inviting them)."""

from __future__ import annotations

from typing import Any

from leerkring.communities import roles
from leerkring.communities.models import Community
from leerkring.core.access import declare, get_allowed, rule

from .models import Course


@rule(Course, "coach")
def coaches_the_course(user: Any, course: Course) -> bool:
    return course.community_id is not None and roles.is_coach(user, course.community_id)


# The community's coaches: the tab and the page of its LMS courses.
declare(Community, {"lti.courses": roles.is_coach})


def access_community_courses(user: Any, community_id: int) -> Community:
    return get_allowed(
        user,
        Community.objects.select_related("organisation"),
        community_id,
        "lti.courses",
    )


def access_course(user: Any, course_id: int, *, need: str) -> Course:
    queryset = Course.objects.select_related("community__organisation", "platform")
    return get_allowed(user, queryset, course_id, need)
