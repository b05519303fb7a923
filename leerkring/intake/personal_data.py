"""A person's intake data: export (including the coaches' notes about them, as
DESIGN.md §5 grants) and erasure."""

from __future__ import annotations

from typing import Any

from .models import Intake, IntakePreparation


def export(user: Any) -> dict[str, Any]:
    preparations = IntakePreparation.objects.filter(
        membership__user=user
    ).select_related("membership__community")
    intakes = Intake.objects.filter(membership__user=user).select_related(
        "membership__community"
    )
    return {
        "intake_preparations": [
            {
                "community": p.membership.community.name,
                "expectations": p.expectations,
                "learning_wish": p.learning_wish,
                "concrete_outcome": p.concrete_outcome,
                "qualities": p.qualities,
                "constraints": p.constraints,
                "updated_at": p.updated_at.isoformat(),
            }
            for p in preparations
        ],
        "intake_conversations": [
            {
                "community": i.membership.community.name,
                "held_on": i.held_on.isoformat(),
                "expectations_shared": i.expectations_shared,
                "commitment": i.commitment,
                "coach_notes": i.notes,
            }
            for i in intakes
        ],
    }


def erase(user: Any) -> None:
    """Remove the person's preparations and the conversations about them."""
    IntakePreparation.objects.filter(membership__user=user).delete()
    Intake.objects.filter(membership__user=user).delete()
