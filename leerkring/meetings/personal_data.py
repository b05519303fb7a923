"""The roles a person holds at self-run meetings (chair, note-taker, …), their
answers to the equal-space check-out question, the observations they wrote as a
visiting coach, and the intervision cases they brought (with the group's advice
and their take-away).

Erasing removes their cases (the question, context and take-away are theirs)
and vacates their roles at meetings still to come, so the community sees an open
role and can share it again; roles at meetings already held stay with the
(anonymised) membership, as part of the community's record. Equal-space answers
lose their link to the person (the number stays in the group's trend). An
observation stays with the community without its author's name
(``observation_by`` is cleared when the account goes).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from .models import EqualSpaceAnswer, IntervisionCase, Meeting, MeetingRole


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
        "intervision_cases": [
            {
                "community": c.membership.community.name,
                "session": c.meeting.number if c.meeting else None,
                "question": c.question,
                "context": c.context,
                "advice": c.advice,
                "takeaway": c.takeaway,
                "takeaway_sharing": c.takeaway_sharing or "only me",
            }
            for c in IntervisionCase.objects.filter(membership__user=user)
            .select_related("membership__community", "meeting")
            .order_by("created_at")
        ],
    }


def erase(user: Any) -> None:
    IntervisionCase.objects.filter(membership__user=user).delete()
    MeetingRole.objects.filter(
        membership__user=user, meeting__date__gte=timezone.localdate()
    ).update(membership=None)
    EqualSpaceAnswer.objects.filter(user=user).update(user=None)
