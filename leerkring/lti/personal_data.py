"""A person's links to LMS accounts: exported; erased with the account, so that
the LMS can no longer sign anyone in as the anonymised account."""

from __future__ import annotations

from typing import Any

from .models import Identity


def export(user: Any) -> dict[str, Any]:
    identities = Identity.objects.filter(user=user).select_related("platform")
    return {
        "lms_accounts": [
            {
                "platform": i.platform.name,
                "subject": i.subject,
                "linked_at": i.created_at.isoformat(),
            }
            for i in identities
        ]
    }


def erase(user: Any) -> None:
    Identity.objects.filter(user=user).delete()
