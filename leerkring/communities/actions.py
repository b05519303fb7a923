"""Workflows on communities: each one atomic, audited, mail sent after commit."""

from __future__ import annotations

import secrets
from functools import partial
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from leerkring.accounts.models import User
from leerkring.core import audit
from leerkring.core.models import AuditAction

from .models import MAX_COACHES, MAX_PARTICIPANTS, Community, Invitation, Membership
from .tasks import send_invitation


class MembershipError(Exception):
    """A rule of the method refuses this change; the message is translated."""


def _lock(community: Community) -> Community:
    # Serialises all membership changes of one community: on PostgreSQL the row
    # lock, on SQLite the IMMEDIATE transaction (one writer at a time).
    return Community.objects.select_for_update().get(pk=community.pk)


def check_place(
    community: Community, role: str, *, exclude: Membership | None = None
) -> None:
    """Refuse a 13th participant or a third coach (apprentice coaches are extra)."""
    taken = community.memberships.holding_a_place().filter(role=role)
    if exclude is not None:
        taken = taken.exclude(pk=exclude.pk)
    if role == Membership.Role.PARTICIPANT and taken.count() >= MAX_PARTICIPANTS:
        raise MembershipError(
            _(
                "%(community)s already has %(max)s participants, the most a learning "
                "community can have."
            )
            % {"community": community.name, "max": MAX_PARTICIPANTS}
        )
    if role == Membership.Role.COACH and taken.count() >= MAX_COACHES:
        raise MembershipError(
            _(
                "%(community)s already has %(max)s coaches. Add an experienced "
                "alumnus as apprentice coach instead."
            )
            % {"community": community.name, "max": MAX_COACHES}
        )


@transaction.atomic
def invite_member(
    *,
    community: Community,
    actor: User,
    email: str,
    display_name: str,
    role: str,
    language: str = "nl",
) -> Invitation:
    """Reserve a place for someone and e-mail them a single-use invitation link.

    Someone without an account gets a pending one (no usable password); accepting
    the invitation completes it.
    """
    community = _lock(community)
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(
            email, None, display_name=display_name, preferred_language=language
        )
    membership = community.memberships.filter(user=user).first()
    if membership is not None and membership.status in Membership.HOLDS_A_PLACE:
        raise MembershipError(
            _("%(name)s is already a member of %(community)s.")
            % {"name": user, "community": community.name}
        )
    check_place(community, role)
    if membership is None:
        membership = Membership(community=community, user=user)
    membership.role = role
    membership.status = Membership.Status.INVITED
    membership.left_on = None
    membership.save()
    Invitation.objects.filter(membership=membership).delete()
    invitation = Invitation.objects.create(
        membership=membership, invited_by=actor, nonce=secrets.token_urlsafe(18)
    )
    audit.record(
        AuditAction.MEMBER_INVITED,
        actor=actor,
        target=f"membership:{membership.pk}",
        role=role,
    )
    transaction.on_commit(partial(send_invitation.enqueue, invitation.pk))
    return invitation


@transaction.atomic
def accept_invitation(*, invitation: Invitation, user: User) -> Membership:
    """Turn the reserved place into an active membership; the link is then used up."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise MembershipError(_("This invitation has already been used."))
    membership = invitation.membership
    if membership.user_id != user.pk:
        raise MembershipError(_("This invitation is addressed to someone else."))
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    membership.status = Membership.Status.ACTIVE
    membership.joined_on = timezone.localdate()
    membership.save(update_fields=["status", "joined_on"])
    audit.record(
        AuditAction.INVITATION_ACCEPTED,
        actor=user,
        target=f"membership:{membership.pk}",
    )
    return membership


@transaction.atomic
def change_membership(
    *, membership: Membership, actor: User, role: str, status: str
) -> Membership:
    """Change someone's role or status, within the method's limits; audited."""
    _lock(membership.community)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    before: dict[str, Any] = {"role": membership.role, "status": membership.status}
    if status in Membership.HOLDS_A_PLACE and (
        role != membership.role or membership.status not in Membership.HOLDS_A_PLACE
    ):
        check_place(membership.community, role, exclude=membership)
    membership.role = role
    membership.status = status
    if status == Membership.Status.LEFT and membership.left_on is None:
        membership.left_on = timezone.localdate()
        if membership.joined_on and membership.joined_on > membership.left_on:
            membership.joined_on = membership.left_on
    elif status != Membership.Status.LEFT:
        membership.left_on = None
    membership.save()
    audit.record(
        AuditAction.ROLE_CHANGED,
        actor=actor,
        target=f"membership:{membership.pk}",
        before=before,
        after={"role": role, "status": status},
    )
    return membership
