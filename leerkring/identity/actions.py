"""Linking sign-ins to accounts: ask the owner, confirm, and re-link."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from allauth.socialaccount.models import SocialAccount, SocialApp
from django.core import signing
from django.db import transaction
from django.utils import timezone

from leerkring.core import audit
from leerkring.core.models import AuditAction

from .models import LinkRequest

SALT = "leerkring.identity.link"


def link_token(link: LinkRequest) -> str:
    return signing.dumps({"id": link.pk}, salt=SALT)


@transaction.atomic
def request_link(
    *, user: Any, app: SocialApp, uid: str, affiliation: list[str]
) -> LinkRequest:
    """Remember an unconfirmed sign-in and e-mail the account's owner a link."""
    from .tasks import send_link_request

    link = LinkRequest.objects.create(
        user=user, app=app, uid=uid, affiliation=affiliation
    )
    audit.record(AuditAction.SSO_LINK_REQUESTED, target=link, provider=app.provider_id)
    transaction.on_commit(lambda: send_link_request.enqueue(link.pk))
    return link


@transaction.atomic
def confirm_link(*, link: LinkRequest, request: Any = None) -> SocialAccount:
    """The owner confirmed: from now on this subject signs in to their account.

    A subject already linked to another account is moved only by an admin
    (``relink_subjects``), never by a confirmation."""
    link = LinkRequest.objects.select_for_update().get(pk=link.pk)
    provider = link.app.provider_id or link.app.provider
    account, _created = SocialAccount.objects.get_or_create(
        provider=provider,
        uid=link.uid,
        defaults={"user": link.user, "extra_data": {"affiliation": link.affiliation}},
    )
    if account.user_id != link.user_id:
        raise LinkTaken
    link.confirmed_at = timezone.now()
    link.save(update_fields=["confirmed_at"])
    audit.record(
        AuditAction.SSO_LINKED,
        actor=link.user,
        target=link.user,
        request=request,
        provider=provider,
    )
    return account


class LinkTaken(Exception):
    """The subject signs in to another account already."""


@transaction.atomic
def relink_subjects(
    *, app: SocialApp, mapping: Mapping[str, str], actor: Any = None
) -> int:
    """After an institution changed identifiers: move each old subject to its
    new one, keeping the account it belongs to. Returns how many moved; a new
    subject that is already in use stops the whole change (nothing moves)."""
    provider = app.provider_id or app.provider
    taken = set(
        SocialAccount.objects.filter(
            provider=provider, uid__in=list(mapping.values())
        ).values_list("uid", flat=True)
    )
    if taken:
        raise LinkTaken(", ".join(sorted(taken)))
    moved = 0
    for account in SocialAccount.objects.select_for_update().filter(
        provider=provider, uid__in=list(mapping)
    ):
        account.uid = mapping[account.uid]
        account.save(update_fields=["uid"])
        moved += 1
    audit.record(
        AuditAction.SSO_RELINKED,
        actor=actor,
        target=f"sso:{provider}",
        moved=moved,
    )
    return moved
