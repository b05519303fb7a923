"""Memberships and roles: exported; on erase the person leaves every community."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from .models import Membership, OrganisationRole


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
