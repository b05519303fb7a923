"""Who may use a course's Leerkring pages: the coaches of the community it is
bound to (the course's people list and inviting them)."""

from __future__ import annotations

from typing import Any

from leerkring.communities.access import membership_of
from leerkring.core.access import get_allowed, rule

from .models import Course


@rule(Course, "coach")
def coaches_the_course(user: Any, course: Course) -> bool:
    if course.community is None:
        return False
    membership = membership_of(user, course.community)
    return membership is not None and membership.is_coaching


def access_course(user: Any, course_id: int, *, need: str) -> Course:
    queryset = Course.objects.select_related("community__organisation", "platform")
    return get_allowed(user, queryset, course_id, need)
