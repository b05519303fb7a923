"""Writing the audit log. Records identities and actions, never content."""

from __future__ import annotations

import ipaddress
from typing import Any

from django.conf import settings
from django.contrib.auth import signals
from django.db.models import Model
from django.http import HttpRequest

from .models import AuditAction, AuditEvent


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address. Behind ``TRUSTED_PROXY_COUNT`` proxies that each
    append the address they were reached from to X-Forwarded-For, it is the
    entry that many places from the right (anything left of it can be forged);
    with no trusted proxy (the default) the header is ignored."""
    if request is None:
        return None
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if proxies and len(forwarded) >= proxies:
        candidate = forwarded[-proxies]
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            pass
    return request.META.get("REMOTE_ADDR") or None


def target_label(target: object) -> str:
    """``app.model:pk`` for a model instance; any other target as text."""
    if isinstance(target, Model):
        return f"{target._meta.label_lower}:{target.pk}"
    return str(target)


def record(
    action: AuditAction,
    *,
    actor: Any = None,
    target: object = "",
    request: HttpRequest | None = None,
    **detail: Any,
) -> AuditEvent:
    """Append one event; ``target`` is a model instance (recorded as
    ``app.model:pk``) or a label such as ``email:...``."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEvent.objects.create(
        action=action,
        actor=actor,
        target=target_label(target)[:200],
        detail=detail,
        ip_address=client_ip(request),
    )


def _logged_in(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    record(AuditAction.LOGIN, actor=user, target=f"user:{user.pk}", request=request)


def _logged_out(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if user is not None:
        record(
            AuditAction.LOGOUT, actor=user, target=f"user:{user.pk}", request=request
        )


def _login_failed(
    sender: Any,
    credentials: dict[str, Any],
    request: HttpRequest | None = None,
    **kw: Any,
) -> None:
    # The attempted address is an identity, not content; the password never is kept.
    email = str(credentials.get("username") or credentials.get("email") or "")
    record(AuditAction.LOGIN_FAILED, target=f"email:{email.lower()}", request=request)


def connect_auth_signals() -> None:
    """Django's own authentication signals feed the log (infrastructure, not logic)."""
    signals.user_logged_in.connect(_logged_in, dispatch_uid="audit_login")
    signals.user_logged_out.connect(_logged_out, dispatch_uid="audit_logout")
    signals.user_login_failed.connect(_login_failed, dispatch_uid="audit_login_failed")
