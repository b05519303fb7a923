"""External validation of a collective goal (issue 16): invite, revoke, read the
link, record the one verdict. Every step is audited; the link carries only a
signed id and nonce, never the goal or the person."""

from __future__ import annotations

import secrets
from datetime import timedelta
from enum import StrEnum
from typing import Any

from django.core import signing
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from leerkring.core import audit
from leerkring.core.models import AuditAction

from .models import CollectiveGoal, ExternalValidation

_SALT = "leerkring.agreements.external-validation"


class LinkProblem(StrEnum):
    INVALID = "invalid"
    EXPIRED = "expired"
    REVOKED = "revoked"


class LinkError(Exception):
    def __init__(self, problem: LinkProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


class VerdictRefused(Exception):
    """The verdict was given already (or the link stopped working meanwhile)."""


def make_token(validation: ExternalValidation) -> str:
    return signing.dumps({"v": validation.pk, "n": validation.nonce}, salt=_SALT)


def read_token(token: str) -> ExternalValidation:
    """The validation behind ``token`` while its link works, else LinkError."""
    max_age = timedelta(days=ExternalValidation.VALID_DAYS)
    try:
        payload = signing.loads(token, salt=_SALT, max_age=max_age)
    except signing.SignatureExpired as error:
        raise LinkError(LinkProblem.EXPIRED) from error
    except signing.BadSignature as error:
        raise LinkError(LinkProblem.INVALID) from error
    validation = (
        ExternalValidation.objects.select_related(
            "goal__period__community__organisation"
        )
        .filter(pk=payload.get("v"), nonce=payload.get("n"))
        .first()
    )
    if validation is None:
        raise LinkError(LinkProblem.INVALID)
    if validation.is_revoked:
        raise LinkError(LinkProblem.REVOKED)
    if validation.is_expired:
        raise LinkError(LinkProblem.EXPIRED)
    return validation


@transaction.atomic
def invite(
    *, goal: CollectiveGoal, actor: Any, data: dict[str, Any]
) -> ExternalValidation:
    """Create the link and send it (after the commit)."""
    from .tasks import send_validation_link

    validation = ExternalValidation.objects.create(
        goal=goal,
        name=data["name"].strip(),
        email=data["email"],
        role=data["role"],
        show_result=data["show_result"],
        show_yield=data["show_yield"],
        nonce=secrets.token_hex(16),
        invited_by=actor,
        expires_at=timezone.now() + timedelta(days=ExternalValidation.VALID_DAYS),
    )
    audit.record(
        AuditAction.VALIDATION_INVITED,
        actor=actor,
        target=validation,
        goal=goal.pk,
        role=validation.role,
    )
    language = getattr(actor, "preferred_language", "") or "nl"
    transaction.on_commit(lambda: send_validation_link.enqueue(validation.pk, language))
    return validation


@transaction.atomic
def revoke(*, validation: ExternalValidation, actor: Any) -> bool:
    """Stop the link; False when it was revoked already."""
    changed = ExternalValidation.objects.filter(
        pk=validation.pk, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    if changed:
        audit.record(AuditAction.VALIDATION_REVOKED, actor=actor, target=validation)
    return bool(changed)


def record_view(validation: ExternalValidation, request: HttpRequest) -> None:
    audit.record(AuditAction.VALIDATION_VIEWED, target=validation, request=request)


@transaction.atomic
def give_verdict(
    *,
    validation: ExternalValidation,
    verdict: str,
    comment: str,
    request: HttpRequest,
) -> ExternalValidation:
    """Record the one verdict. Two submissions at once: one wins, the other is
    refused (a conditional update, so no lock is needed)."""
    now = timezone.now()
    changed = ExternalValidation.objects.filter(
        pk=validation.pk,
        verdict_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=now,
    ).update(verdict=verdict, comment=comment.strip(), verdict_at=now)
    if not changed:
        raise VerdictRefused(
            _("A verdict was recorded already; it cannot be given twice.")
        )
    audit.record(
        AuditAction.VALIDATION_GIVEN,
        target=validation,
        request=request,
        verdict=verdict,
    )
    validation.refresh_from_db()
    return validation
