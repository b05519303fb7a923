"""Who is calling the API: a personal token (``Authorization: Bearer lk_…``) or
the browser session (with CSRF on writes).

A token authenticates its owner and then only narrows: a read token may not
write (403), a token for some communities may not touch the others (403), and
each token has its own rate limit (429). Everything else is the owner's own
rights, checked by the same ``access_*`` functions as the pages.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import HttpBearer

from leerkring.accounts.models import User

from .models import ApiToken, digest

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class TooManyRequests(HttpError):
    def __init__(self) -> None:
        super().__init__(429, _("Too many requests with this token; wait a minute."))


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = (
            ApiToken.objects.usable()
            .select_related("user")
            .filter(key_hash=digest(token))
            .first()
        )
        if found is None or not found.user.is_active:
            return None
        if request.method not in SAFE_METHODS and not found.can_write:
            raise HttpError(403, _("This token may only read."))
        if not found.take_request(
            limit=settings.API_TOKEN_RATE_LIMIT, window=timedelta(minutes=1)
        ):
            raise TooManyRequests
        found.community_ids = set(found.communities.values_list("pk", flat=True))  # type: ignore[attr-defined]
        request.user = found.user
        request.api_token = found  # type: ignore[attr-defined]
        match = request.resolver_match
        community_id = str(match.kwargs.get("community_id", "")) if match else ""
        if community_id.isascii() and community_id.isdigit():
            require_community(request, int(community_id))
        return found.user


def require_community(request: HttpRequest, community_id: int) -> None:
    """Refuse (403) a token that is limited to other communities."""
    token = getattr(request, "api_token", None)
    if (
        token is not None
        and token.community_ids
        and community_id not in token.community_ids
    ):
        raise HttpError(403, _("This token is not for this community."))


def community_filter(request: HttpRequest) -> set[int] | None:
    """The communities a token is limited to; None when not limited."""
    token = getattr(request, "api_token", None)
    return (token.community_ids or None) if token is not None else None


def caller(request: HttpRequest) -> User:
    """The authenticated caller (every operation requires authentication)."""
    assert isinstance(request.user, User)
    return request.user
