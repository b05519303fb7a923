"""Retention of intakes (see ``leerkring.retention``): the intake belongs to the
leergang, so when a leergang's retention ends the participants' preparations and
the coaches' notes of that community go, as when a person erases their data."""

from __future__ import annotations

from typing import Any

from .models import Intake, IntakePreparation


def expire(period: Any) -> dict[str, int]:
    if not period.is_leergang:
        return {}
    community = {"membership__community_id": period.community_id}
    return {
        "intake_preparations": IntakePreparation.objects.filter(**community).delete()[
            0
        ],
        "intake_conversations": Intake.objects.filter(**community).delete()[0],
    }
