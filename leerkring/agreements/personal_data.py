"""A person's agreements confirmations, goals and hours (DESIGN.md §5).

Export: everything here that is about the person. Erase: their personal goals and
logged hours go; their confirmations of the community's agreements stay with the
anonymised account (the community keeps knowing a member agreed, not who), and
the agreements and collective goals they helped write stay the community's.
"""

from __future__ import annotations

from typing import Any

from .models import AgreementConfirmation, PersonalGoal, TimeEntry


def export(user: Any) -> dict[str, Any]:
    confirmations = AgreementConfirmation.objects.filter(user=user).select_related(
        "version__agreement__period__community"
    )
    goals = PersonalGoal.objects.filter(owner=user).select_related("period__community")
    entries = TimeEntry.objects.filter(user=user).select_related("period__community")
    return {
        "agreement_confirmations": [
            {
                "community": c.version.agreement.period.community.name,
                "period": str(c.version.agreement.period),
                "version": c.version.number,
                "confirmed_at": c.confirmed_at.isoformat(),
            }
            for c in confirmations
        ],
        "personal_goals": [
            {
                "community": g.period.community.name,
                "period": str(g.period),
                "goal": g.text,
                "shared_with_community": g.shared,
                "reached": g.reached,
                "satisfaction": g.satisfaction,
                "evidence": g.evidence,
                "validated_by": g.validated_by,
                "validation": g.validation,
                "learning_yield": g.learned,
                "evaluated_at": g.evaluated_at.isoformat() if g.evaluated_at else None,
            }
            for g in goals
        ],
        "hours": [
            {
                "community": e.period.community.name,
                "date": e.date.isoformat(),
                "minutes": e.minutes,
                "kind": e.kind,
                "note": e.note,
            }
            for e in entries
        ],
    }


def erase(user: Any) -> None:
    PersonalGoal.objects.filter(owner=user).delete()
    TimeEntry.objects.filter(user=user).delete()
