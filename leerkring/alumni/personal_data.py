"""A person's answers to the coaching question (DESIGN.md §5).

Export: every answer, with its note. Erase: the answers go — they are the
person's own and serve only to find new coaches.
"""

from __future__ import annotations

from typing import Any

from .models import CoachingInterest


def export(user: Any) -> dict[str, Any]:
    interests = CoachingInterest.objects.filter(membership__user=user).select_related(
        "membership__community"
    )
    return {
        "coaching_interest": [
            {
                "community": i.membership.community.name,
                "answer": i.answer,
                "note": i.note,
                "answered_at": i.answered_at.isoformat(),
            }
            for i in interests.order_by("answered_at", "pk")
        ]
    }


def erase(user: Any) -> None:
    CoachingInterest.objects.filter(membership__user=user).delete()
