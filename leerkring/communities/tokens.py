"""Signed, expiring, single-use invitation tokens.

The token signs the invitation's id and a random nonce with a timestamp. It is
valid while the signature holds, it is younger than INVITATION_MAX_AGE_DAYS and
the invitation has not been accepted. Nothing about the person is in the URL.
"""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum

from django.conf import settings
from django.core import signing

from .models import Invitation

_SALT = "leerkring.communities.invitation"


class TokenProblem(StrEnum):
    INVALID = "invalid"
    EXPIRED = "expired"
    USED = "used"


class InvitationTokenError(Exception):
    def __init__(self, problem: TokenProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


def make_token(invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk, "n": invitation.nonce}, salt=_SALT)


def read_token(token: str) -> Invitation:
    """The open invitation behind ``token``, or InvitationTokenError saying why not."""
    max_age = timedelta(days=settings.INVITATION_MAX_AGE_DAYS)
    try:
        payload = signing.loads(token, salt=_SALT, max_age=max_age)
    except signing.SignatureExpired as error:
        raise InvitationTokenError(TokenProblem.EXPIRED) from error
    except signing.BadSignature as error:
        raise InvitationTokenError(TokenProblem.INVALID) from error
    invitation = (
        Invitation.objects.select_related("membership__community", "membership__user")
        .filter(pk=payload.get("i"), nonce=payload.get("n"))
        .first()
    )
    if invitation is None:
        raise InvitationTokenError(TokenProblem.INVALID)
    if invitation.accepted_at is not None:
        raise InvitationTokenError(TokenProblem.USED)
    return invitation
