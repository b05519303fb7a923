"""A person's linked sign-ins: which institution, since when, the hint it sent."""

from __future__ import annotations

from typing import Any

from allauth.socialaccount.models import SocialAccount

from .models import LinkRequest


def export(user: Any) -> dict[str, Any]:
    return {
        "sign_ins": [
            {
                "provider": account.provider,
                "subject": account.uid,
                "linked_on": account.date_joined,
                "last_sign_in": account.last_login,
                "affiliation": account.extra_data.get("affiliation", []),
            }
            for account in SocialAccount.objects.filter(user=user)
        ]
    }


def erase(user: Any) -> None:
    SocialAccount.objects.filter(user=user).delete()
    LinkRequest.objects.filter(user=user).delete()
