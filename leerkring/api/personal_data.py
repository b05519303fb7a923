"""A person's API tokens: exported without their hashes; erased with the account
(an anonymised account must not keep working through a token)."""

from __future__ import annotations

from typing import Any

from .models import ApiToken


def export(user: Any) -> dict[str, Any]:
    tokens = ApiToken.objects.filter(user=user).prefetch_related("communities")
    return {
        "api_tokens": [
            {
                "name": t.name,
                "scope": t.scope,
                "communities": [c.name for c in t.communities.all()],
                "created_at": t.created_at.isoformat(),
                "expires_at": t.expires_at.isoformat(),
                "revoked_at": t.revoked_at.isoformat() if t.revoked_at else None,
                "last_used_at": t.last_used_at.isoformat() if t.last_used_at else None,
            }
            for t in tokens
        ]
    }


def erase(user: Any) -> None:
    ApiToken.objects.filter(user=user).delete()
