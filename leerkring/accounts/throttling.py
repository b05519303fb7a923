"""Login throttling keys (django-axes): one e-mail address from one IP address."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def username(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str:
    """The attempted address, case-folded so 'A@x.nl' and 'a@x.nl' count together."""
    source = credentials if credentials else request.POST
    return str(source.get("username") or "").strip().casefold()
