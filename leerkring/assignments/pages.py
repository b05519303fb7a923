"""What the assignment pages show, in a fixed number of queries per page."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from leerkring.accounts.models import User
from leerkring.communities.models import Community, Membership
from leerkring.meetings.models import Meeting

from .models import IntegrationAssignment


def mark_for_viewer(
    assignments: Iterable[IntegrationAssignment],
    user: User,
    membership: Membership | None,
) -> list[IntegrationAssignment]:
    """Annotate what the viewer may do with each (mirrors the access rules)."""
    is_participant = membership is not None and membership.is_participant
    is_coach = membership is not None and membership.is_coaching
    marked = list(assignments)
    for assignment in marked:
        own = assignment.owner_id == user.pk
        assignment.my_report = assignment.report_by(user)  # type: ignore[attr-defined]
        assignment.can_report = is_participant and (  # type: ignore[attr-defined]
            assignment.is_group or own
        )
        assignment.can_carry = (  # type: ignore[attr-defined]
            (is_coach or (own and is_participant))
            and assignment.due_meeting_id is not None
            and not assignment.was_carried_over
            and assignment.is_unfinished()
        )
    return marked


def session_context(
    community: Community, membership: Membership | None, meeting: Meeting, user: User
) -> dict[str, Any]:
    visible = IntegrationAssignment.objects.visible_to(user).for_page(user)
    return {
        "community": community,
        "meeting": meeting,
        "membership": membership,
        "due": mark_for_viewer(visible.filter(due_meeting=meeting), user, membership),
        "formulated": mark_for_viewer(
            visible.filter(meeting=meeting), user, membership
        ),
    }


def overview_context(
    community: Community, membership: Membership, meeting: Meeting, user: User
) -> dict[str, Any]:
    """Per participant: the assignments due at ``meeting`` and who reported."""
    assignments = mark_for_viewer(
        IntegrationAssignment.objects.filter(due_meeting=meeting).for_page(user),
        user,
        membership,
    )
    participants = community.memberships.active().participants().select_related("user")
    rows: list[dict[str, Any]] = []
    reported = total = 0
    for member in participants:
        items = [
            (a, a.report_by(member.user))
            for a in assignments
            if a.is_group or a.owner_id == member.user_id
        ]
        rows.append({"user": member.user, "items": items})
        total += len(items)
        reported += sum(1 for _a, report in items if report is not None)
    return {
        "community": community,
        "meeting": meeting,
        "rows": rows,
        "reported": reported,
        "total": total,
    }
