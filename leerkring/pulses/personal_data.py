"""A person's own check-in answers and safety-climate answers (DESIGN.md §5).

Erasing anonymises rather than deletes: the numbers stay, so the group's arc and
safety trend of sessions already held do not change after someone leaves, but the
link to the person and the free text (the word and the note, which could name or
identify them) are removed.
"""

from __future__ import annotations

from typing import Any

from .models import Pulse, SafetyResponse


def export(user: Any) -> dict[str, Any]:
    pulses = Pulse.objects.filter(user=user).select_related(
        "window__meeting__period__community"
    )
    responses = SafetyResponse.objects.filter(user=user).select_related(
        "meeting__period__community"
    )
    return {
        "check_ins": [
            {
                "community": p.window.meeting.period.community.name,
                "session": p.window.meeting.number,
                "date": p.window.meeting.date.isoformat(),
                "moment": p.window.moment,
                "energy": p.energy,
                "safety": p.safety,
                "collective_tension": p.collective_tension,
                "personal_tension": p.personal_tension,
                "word": p.word,
                "note": p.note,
                "answered_at": p.updated_at.isoformat(),
            }
            for p in pulses.order_by("window__meeting__date", "window__moment")
        ],
        "safety_climate": [
            {
                "community": r.meeting.period.community.name,
                "after_session": r.meeting.number,
                "answers": r.answers,
                "score": round(r.score, 2),
                "answered_at": r.updated_at.isoformat(),
            }
            for r in responses.order_by("meeting__date")
        ],
    }


def erase(user: Any) -> None:
    Pulse.objects.filter(user=user).update(user=None, word="", note="")
    SafetyResponse.objects.filter(user=user).update(user=None)
