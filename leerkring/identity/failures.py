"""Refused sign-ins: one clear, translated page that says why, and an audit row.

The reason is told in plain words (expired, meant for another application, not
signed by the institution, already used); the technical detail goes to the log
only.
"""

from __future__ import annotations

import logging
from typing import Any

import jwt
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from leerkring.core import audit
from leerkring.core.models import AuditAction

logger = logging.getLogger(__name__)


class SubjectMismatch(OAuth2Error):
    """The provider's user info names another subject than its signed ID token."""


class Reason(models.TextChoices):
    EXPIRED = (
        "expired",
        _(
            "The answer from your institution had expired. This happens when signing "
            "in takes long or when a clock is off."
        ),
    )
    AUDIENCE = (
        "audience",
        _(
            "The answer from your institution was meant for another application, "
            "not for Leerkring."
        ),
    )
    SIGNATURE = (
        "signature",
        _(
            "The answer was not signed by your institution, so Leerkring cannot "
            "trust it."
        ),
    )
    REPLAYED = (
        "replayed",
        _(
            "This sign-in was already used, or it was not started on this page. "
            "Each sign-in can be used once."
        ),
    )
    SUBJECT = (
        "subject",
        _(
            "Your institution's answer did not say clearly who you are (the "
            "identifier was missing or did not match)."
        ),
    )
    NO_EMAIL = (
        "no_email",
        _(
            "Your institution did not send an e-mail address, which Leerkring "
            "needs to reach you."
        ),
    )
    UNREACHABLE = (
        "unreachable",
        _(
            "Your institution's sign-in service could not be reached. Try again in a "
            "few minutes."
        ),
    )
    INACTIVE = "inactive", _("This account has been switched off.")
    CANCELLED = "cancelled", _("Signing in was cancelled.")
    UNKNOWN = (
        "unknown",
        _("Leerkring could not verify the answer from your institution."),
    )


_SAML_REASONS = (
    ("signature", Reason.SIGNATURE),
    ("audience", Reason.AUDIENCE),
    ("expired", Reason.EXPIRED),
    ("notonorafter", Reason.EXPIRED),
    ("nameid", Reason.SUBJECT),
    ("subject", Reason.SUBJECT),
)


def classify(exception: BaseException | None, context: dict[str, Any]) -> Reason:
    """The plain reason behind an allauth authentication error (``context`` is
    the extra context allauth passes along)."""
    if exception is None and "state_id" in context:
        return Reason.REPLAYED  # the OIDC state is used up, or was never ours
    for error in (exception, getattr(exception, "__cause__", None)):
        if isinstance(error, jwt.ExpiredSignatureError):
            return Reason.EXPIRED
        if isinstance(error, jwt.InvalidAudienceError):
            return Reason.AUDIENCE
        if isinstance(error, (jwt.InvalidSignatureError, jwt.DecodeError)):
            return Reason.SIGNATURE
        if isinstance(error, PermissionDenied):
            return Reason.REPLAYED
        if isinstance(error, SubjectMismatch):
            return Reason.SUBJECT
    text = str(context.get("saml_last_error_reason") or "").lower()
    for needle, reason in _SAML_REASONS:
        if needle in text:
            return reason
    return Reason.UNKNOWN


def record(request: HttpRequest, provider: Any, reason: Reason) -> None:
    provider_id = getattr(getattr(provider, "app", None), "provider_id", "")
    logger.warning("SSO sign-in refused (%s): %s", provider_id, reason.value)
    audit.record(
        AuditAction.LOGIN_FAILED,
        target=f"sso:{provider_id}",
        request=request,
        reason=reason.value,
    )


_STATUS = {Reason.INACTIVE: 403, Reason.UNREACHABLE: 503}


def refuse(
    request: HttpRequest, reason: Reason, *, provider: Any = None
) -> HttpResponse:
    app = getattr(provider, "app", None)
    return render(
        request,
        "identity/refused.html",
        {"reason": reason, "connection": getattr(app, "connection", None)},
        status=_STATUS.get(reason, 401),
    )


def link_sent(request: HttpRequest, owner: Any) -> HttpResponse:
    """The page after a first SSO sign-in with the address of an existing
    account: the owner has been asked to confirm by e-mail."""
    return render(request, "identity/link_sent.html", {"email": owner.email})
