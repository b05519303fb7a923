"""A personal API token belongs to its owner only: nobody else sees or revokes it."""

from __future__ import annotations

from typing import Any

from leerkring.core.access import get_allowed, rule

from .models import ApiToken


@rule(ApiToken, "revoke")
def is_owner(user: Any, token: ApiToken) -> bool:
    return token.user_id == user.pk


def access_token(user: Any, token_id: int, *, need: str) -> ApiToken:
    return get_allowed(user, ApiToken.objects.all(), token_id, need)
