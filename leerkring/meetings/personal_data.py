"""The roles a person holds at self-run meetings (chair, note-taker, …), and
their answers to the equal-space check-out question.

Erasing vacates their roles at meetings still to come, so the community sees an
open role and can share it again; roles at meetings already held stay with the
(anonymised) membership, as part of the community's record. Equal-space answers
lose their link to the person (the number stays in the group's trend).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from .models import EqualSpaceAnswer, MeetingRole


def export(user: Any) -> dict[str, Any]:
    roles = (
        MeetingRole.objects.filter(membership__user=user)
        .select_related("meeting__period__community")
        .order_by("meeting__date", "role")
    )
    return {
        "meeting_roles": [
            {
                "community": r.meeting.period.community.name,
                "period": str(r.meeting.period),
                "session": r.meeting.number,
                "date": r.meeting.date.isoformat(),
                "role": r.role,
                "role_name": r.get_role_display(),
            }
            for r in roles
        ],
        "equal_space_answers": [
            {
                "session": a.meeting.number,
                "date": a.meeting.date.isoformat(),
                "score": a.score,
            }
            for a in EqualSpaceAnswer.objects.filter(user=user)
            .select_related("meeting")
            .order_by("meeting__date")
        ],
    }


def erase(user: Any) -> None:
    MeetingRole.objects.filter(
        membership__user=user, meeting__date__gte=timezone.localdate()
    ).update(membership=None)
    EqualSpaceAnswer.objects.filter(user=user).update(user=None)
