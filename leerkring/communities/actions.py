"""Workflows on communities: each one atomic, audited, mail sent after commit."""

from __future__ import annotations

import secrets
from functools import partial
from typing import Any, cast

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from leerkring.accounts.models import User
from leerkring.core import audit
from leerkring.core.concurrency import claim
from leerkring.core.models import AuditAction

from .access import is_programme_lead, may_approve_coaching_by_lead
from .models import (
    MAX_COACHES,
    MAX_PARTICIPANTS,
    Community,
    Invitation,
    Membership,
    RoleChange,
    Variant,
)
from .signals import language_changed
from .tasks import announce_role_change, send_invitation


@transaction.atomic
def update_community(
    *, community: Community, version: int, name: str, description: str, language: str
) -> int | None:
    """Save a community's name, description and language (``version`` as seen).

    When the language changes, the method-default texts of its sessions follow
    (the feature apps rewrite them, :data:`~.signals.language_changed`); texts
    someone edited stay as typed. Returns how many edited texts stayed, None when
    the language did not change.
    """
    old = Community.objects.values_list("language", flat=True).get(pk=community.pk)
    claim(community, version)
    community.name = name
    community.description = description
    community.language = language
    community.save(update_fields=["name", "description", "language"])
    if old == language:
        return None
    answers = language_changed.send(
        Community, community=community, old=old, new=language
    )
    # Each receiver answers with a count (django-stubs types answers as str).
    return sum(cast(int, count) for _receiver, count in answers)


@transaction.atomic
def add_variant(variant: Variant) -> Variant:
    """Save an organisation's own variant (checked by its form)."""
    variant.save()
    return variant


class MembershipError(Exception):
    """A rule of the method refuses this change; the message is translated."""


def lead_needs_approval() -> str:
    return _(
        "A programme lead of this organisation can coach this community only with "
        "the approval of another programme lead or one of its coaches."
    )


def coaching_approval(
    community: Community, *, user: User, role: str, actor: User
) -> tuple[bool, User | None]:
    """Whether ``user`` taking ``role`` needs someone's approval (DESIGN.md §5:
    a programme lead never coaches a community of their organisation on their own
    say), and the approver: ``actor`` approves by proposing it when they are
    another programme lead or a full coach of the community."""
    if role not in Membership.COACHING_ROLES or not is_programme_lead(
        user, community.organisation_id
    ):
        return False, None
    if actor != user and may_approve_coaching_by_lead(actor, community):
        return True, actor
    return True, None


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
    if user == actor:
        raise MembershipError(_("Nobody can invite themself or give themself a role."))
    if user is None:
        user = User.objects.create_user(
            email, None, display_name=display_name, preferred_language=language
        )
    needs_approval, approved_by = coaching_approval(
        community, user=user, role=role, actor=actor
    )
    if needs_approval and approved_by is None:
        raise MembershipError(lead_needs_approval())
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
    membership.approved_by = approved_by
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
        approved_by=approved_by.pk if approved_by else None,
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


def _record(change: RoleChange, actor: User, step: str, **detail: Any) -> None:
    """Every step of a role change is audited: who, what, and why."""
    audit.record(
        AuditAction.ROLE_CHANGED,
        actor=actor,
        target=f"role_change:{change.pk}",
        step=step,
        community=change.community_id,
        user=change.user_id,
        role=change.role,
        reason=change.reason,
        **detail,
    )


@transaction.atomic
def remove_member(*, membership: Membership, actor: User, reason: str) -> Membership:
    """Someone leaves the community (or their invitation is withdrawn); audited.
    Coming back is a new invitation, which they accept themselves."""
    _lock(membership.community)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    before = {"role": membership.role, "status": membership.status}
    membership.status = Membership.Status.LEFT
    membership.left_on = timezone.localdate()
    if membership.joined_on and membership.joined_on > membership.left_on:
        membership.joined_on = membership.left_on
    membership.save()
    RoleChange.objects.pending().filter(
        community=membership.community, user=membership.user
    ).update(
        status=RoleChange.Status.WITHDRAWN, decided_by=actor, decided_at=timezone.now()
    )
    audit.record(
        AuditAction.ROLE_CHANGED,
        actor=actor,
        target=f"membership:{membership.pk}",
        before=before,
        after={"role": membership.role, "status": membership.status},
        reason=reason,
    )
    return membership


def _refuse_pending(community: Community, user: User) -> None:
    if RoleChange.objects.pending().filter(community=community, user=user).exists():
        raise MembershipError(
            _("A role change for %(name)s is already waiting for an answer.")
            % {"name": user}
        )


@transaction.atomic
def propose_role_change(
    *, membership: Membership, actor: User, role: str, reason: str
) -> RoleChange:
    """Propose a new role for an active member. Stepping back to participant takes
    effect at once; a coaching role waits for the person's acceptance (and, for a
    programme lead of the organisation, for approval). Nobody raises their own."""
    community = _lock(membership.community)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.user_id == actor.pk:
        raise MembershipError(_("Nobody can change their own role."))
    if not membership.is_active:
        raise MembershipError(
            _(
                "Only an active member's role can change. Withdraw the invitation "
                "and invite them again with the right role."
            )
        )
    if role == membership.role:
        raise MembershipError(
            _("%(name)s already has this role.") % {"name": membership.user}
        )
    _refuse_pending(community, membership.user)
    check_place(community, role, exclude=membership)
    needs_approval, approved_by = coaching_approval(
        community, user=membership.user, role=role, actor=actor
    )
    change = RoleChange.objects.create(
        community=community,
        user=membership.user,
        role=role,
        reason=reason,
        requested_by=actor,
        needs_approval=needs_approval,
        approved_by=approved_by,
        # Giving up rights needs nobody's consent; gaining them does.
        consented_at=None if role in Membership.COACHING_ROLES else timezone.now(),
    )
    _record(change, actor, "proposed")
    return _take_effect_if_ready(change, actor)


@transaction.atomic
def ask_to_coach(
    *, community: Community, actor: User, role: str, reason: str
) -> RoleChange:
    """A programme lead asks to (apprentice-)coach a community of their
    organisation; it takes effect when another lead or a coach approves."""
    community = _lock(community)
    _refuse_pending(community, actor)
    membership = community.memberships.filter(user=actor).first()
    check_place(community, role, exclude=membership)
    change = RoleChange.objects.create(
        community=community,
        user=actor,
        role=role,
        reason=reason,
        requested_by=actor,
        consented_at=timezone.now(),
        needs_approval=True,
    )
    _record(change, actor, "asked")
    transaction.on_commit(partial(announce_role_change.enqueue, change.pk))
    return change


class Decision:
    ACCEPT = "accept"
    DECLINE = "decline"
    APPROVE = "approve"
    REFUSE = "refuse"
    WITHDRAW = "withdraw"


def decisions_for(change: RoleChange, user: User) -> list[str]:
    """What ``user`` may answer to a pending role change (one rule for the page
    and the action)."""
    if not change.is_pending:
        return []
    if change.user_id == user.pk:
        answers = [Decision.ACCEPT, Decision.DECLINE] if change.awaits_consent else []
        return (
            [*answers, Decision.WITHDRAW]
            if change.requested_by_id == user.pk
            else answers
        )
    answers = []
    if (
        change.awaits_approval
        and change.requested_by_id != user.pk
        and may_approve_coaching_by_lead(user, change.community)
    ):
        answers = [Decision.APPROVE, Decision.REFUSE]
    if change.requested_by_id == user.pk:
        answers.append(Decision.WITHDRAW)
    return answers


@transaction.atomic
def decide_role_change(*, change: RoleChange, actor: User, decision: str) -> RoleChange:
    """The person accepts or declines, an approver approves or refuses, the one
    who asked withdraws. It takes effect once consent and approval are there."""
    _lock(change.community)
    change = RoleChange.objects.select_for_update().get(pk=change.pk)
    if decision not in decisions_for(change, actor):
        raise MembershipError(_("This role change no longer waits for your answer."))
    now = timezone.now()
    if decision == Decision.ACCEPT:
        change.consented_at = now
    elif decision == Decision.APPROVE:
        change.approved_by = actor
    else:
        change.status = (
            RoleChange.Status.WITHDRAWN
            if decision == Decision.WITHDRAW
            else RoleChange.Status.DECLINED
        )
        change.decided_by, change.decided_at = actor, now
    change.save()
    _record(change, actor, decision)
    return _take_effect_if_ready(change, actor)


def _take_effect_if_ready(change: RoleChange, actor: User) -> RoleChange:
    if not change.is_pending or change.awaits_consent or change.awaits_approval:
        return change
    community = change.community
    membership = community.memberships.filter(user=change.user).first()
    check_place(community, change.role, exclude=membership)
    if membership is None:
        membership = Membership(community=community, user=change.user)
    before = {"role": membership.role, "status": membership.status}
    if not membership.is_active:
        # Only a programme lead's own request reaches here without a membership:
        # they consented by asking.
        membership.status = Membership.Status.ACTIVE
        membership.joined_on, membership.left_on = timezone.localdate(), None
    membership.role = change.role
    membership.approved_by = change.approved_by
    membership.save()
    change.status, change.decided_by = RoleChange.Status.DONE, actor
    change.decided_at = timezone.now()
    change.save(update_fields=["status", "decided_by", "decided_at"])
    _record(
        change,
        actor,
        "done",
        before=before,
        after={"role": membership.role, "status": membership.status},
        requested_by=change.requested_by_id,
        approved_by=change.approved_by_id,
    )
    transaction.on_commit(partial(announce_role_change.enqueue, change.pk))
    return change
