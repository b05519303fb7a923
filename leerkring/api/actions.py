"""Making and revoking personal API tokens; both audited (never the token)."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from leerkring.accounts.models import User
from leerkring.communities.models import Community
from leerkring.core import audit
from leerkring.core.models import AuditAction

from .models import ApiToken, digest


@transaction.atomic
def create_token(
    *,
    user: User,
    name: str,
    scope: str,
    days: int,
    communities: list[Community],
) -> tuple[ApiToken, str]:
    """A new token and its key — the only moment the key is known."""
    key = ApiToken.new_key()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        key_hash=digest(key),
        hint=key[:8],
        scope=scope,
        expires_at=timezone.now() + timedelta(days=days),
    )
    token.communities.set(communities)
    audit.record(
        AuditAction.API_TOKEN_CREATED,
        actor=user,
        target=token,
        scope=scope,
        days=days,
        communities=[c.pk for c in communities],
    )
    return token, key


@transaction.atomic
def revoke_token(*, token: ApiToken, actor: User) -> None:
    if token.revoked_at is None:
        ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
        audit.record(AuditAction.API_TOKEN_REVOKED, actor=actor, target=token)
