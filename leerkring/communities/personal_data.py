"""Memberships, roles and role changes: exported; on erase the person leaves every
community and their pending role changes are withdrawn."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from .models import Membership, OrganisationRole, RoleChange


def export(user: Any) -> dict[str, Any]:
    memberships = Membership.objects.filter(user=user).select_related("community")
    return {
        "memberships": [
            {
                "community": m.community.name,
                "role": m.role,
                "status": m.status,
                "joined_on": m.joined_on.isoformat() if m.joined_on else None,
                "left_on": m.left_on.isoformat() if m.left_on else None,
            }
            for m in memberships
        ],
        "role_changes": [
            {
                "community": c.community.name,
                "role": c.role,
                "reason": c.reason,
                "status": c.status,
                "asked_on": c.created_at.date().isoformat(),
            }
            for c in RoleChange.objects.filter(user=user).select_related("community")
        ],
        "organisation_roles": [
            {"organisation": r.organisation.name, "role": r.role}
            for r in OrganisationRole.objects.filter(user=user).select_related(
                "organisation"
            )
        ],
    }


def erase(user: Any) -> None:
    today = timezone.localdate()
    for membership in Membership.objects.filter(user=user).exclude(
        status=Membership.Status.LEFT
    ):
        membership.status = Membership.Status.LEFT
        membership.left_on = max(today, membership.joined_on or today)
        membership.save(update_fields=["status", "left_on"])
    OrganisationRole.objects.filter(user=user).delete()
    RoleChange.objects.pending().filter(user=user).update(
        status=RoleChange.Status.WITHDRAWN, decided_at=timezone.now()
    )
