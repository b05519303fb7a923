"""The roles a person holds at self-run meetings (chair, note-taker), and the
observations they wrote as a visiting coach.

Erasing vacates their roles at meetings still to come, so the community sees an
open role and can share it again; roles at meetings already held stay with the
(anonymised) membership, as part of the community's record. An observation
stays with the community without its author's name (``observation_by`` is
cleared when the account goes).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from .models import Meeting, MeetingRole


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
            }
            for r in roles
        ],
        "observations": [
            {
                "community": m.period.community.name,
                "session": m.number,
                "date": m.date.isoformat(),
                "observation": m.coach_observation,
            }
            for m in Meeting.objects.filter(observation_by=user)
            .select_related("period__community")
            .order_by("date")
        ],
    }


def erase(user: Any) -> None:
    MeetingRole.objects.filter(
        membership__user=user, meeting__date__gte=timezone.localdate()
    ).update(membership=None)
