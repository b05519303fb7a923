"""Retention of check-in and check-out answers (see ``leerkring.retention``):
answers of the period's sessions lose who gave them and their word and note,
as when a person erases their data; the numbers stay so the group's tension arc
(shown only as aggregates) does not change."""

from __future__ import annotations

from typing import Any

from .models import Pulse, SafetyResponse


def expire(period: Any) -> dict[str, int]:
    pulses = Pulse.objects.filter(window__meeting__period=period, user__isnull=False)
    safety = SafetyResponse.objects.filter(meeting__period=period, user__isnull=False)
    return {
        "check_in_answers_anonymised": pulses.update(user=None, word="", note=""),
        "safety_answers_anonymised": safety.update(user=None),
    }
