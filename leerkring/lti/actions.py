"""What a launch may do, through the communities' own invitation actions: it
never grants more than the community's rules allow and never makes a coach.

- An instructor who coaches a community binds the course to it.
- A learner joins the bound community as participant: the course's coach's
  invitation, accepted by the learner themself (the 12-place limit holds).
- An invitation waiting for someone (any role) is accepted by their launch.
- Nobody's existing role changes; an instructor without a role gets none.
- A coach invites the course's people (NRPS) in one step; each accepts. An
  account made by that invitation is linked to the platform's person, so their
  launch opens it; an account that existed before is linked only by its owner.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from leerkring.accounts.models import User
from leerkring.communities.actions import (
    MembershipError,
    accept_invitation,
    invite_member,
)
from leerkring.communities.models import Community, Membership
from leerkring.core import audit
from leerkring.core.models import AuditAction

from .models import Course, Identity, Platform
from .protocol import INSTRUCTOR, LEARNER


@transaction.atomic
def bind_course(*, course: Course, community: Community, actor: User) -> Course:
    course.community = community
    course.bound_by = actor
    course.save(update_fields=["community", "bound_by"])
    return course


@transaction.atomic
def link_identity(*, platform: Platform, subject: str, user: User) -> Identity:
    """From now on this platform's person opens Leerkring as ``user``; audited."""
    identity, created = Identity.objects.get_or_create(
        platform=platform, subject=subject, defaults={"user": user}
    )
    if created:
        audit.record(
            AuditAction.LMS_ACCOUNT_LINKED,
            actor=user,
            target=identity,
            platform=platform.pk,
        )
    return identity


@transaction.atomic
def create_account(*, platform: Platform, subject: str, email: str, name: str) -> User:
    """A first launch of someone Leerkring does not know: their account, keyed
    on the platform's subject (no password; they come in through the LMS)."""
    user = User.objects.create_user(email, None, display_name=name)
    link_identity(platform=platform, subject=subject, user=user)
    return user


@transaction.atomic
def join_through_course(*, course: Course, user: User) -> Membership:
    """The learner's own step into the course's community (as participant), or
    the acceptance of an invitation that waits for them."""
    assert course.community is not None
    membership = course.community.memberships.filter(user=user).first()
    if membership is None or membership.status not in Membership.HOLDS_A_PLACE:
        invite_member(
            community=course.community,
            actor=_inviter(course),
            email=user.email,
            display_name=user.display_name,
            role=Membership.Role.PARTICIPANT,
            language=user.preferred_language,
        )
        membership = course.community.memberships.get(user=user)
    if membership.status == Membership.Status.INVITED:
        membership = accept_invitation(invitation=membership.invitation, user=user)
    return membership


def _inviter(course: Course) -> User:
    """Who invites a learner: the coach who bound the course, or (if they no
    longer coach it) another active coach of the community."""
    assert course.community is not None
    coaches = course.community.memberships.active().filter(
        role__in=Membership.COACHING_ROLES
    )
    found = coaches.filter(user=course.bound_by_id).first() or coaches.first()
    if found is None:
        raise MembershipError(
            _("%(community)s has no coach at the moment; ask your programme lead.")
            % {"community": course.community.name}
        )
    return found.user


def invite_course_members(
    *, course: Course, actor: User, members: list[dict[str, Any]]
) -> tuple[list[str], list[str]]:
    """Invite each course member who has no place yet: learners as participants,
    instructors as coaches (both only after they accept). Returns who was
    invited and, for the others, why not."""
    assert course.community is not None
    invited, refused = [], []
    taken = {
        email.lower()
        for email in course.community.memberships.holding_a_place().values_list(
            "user__email", flat=True
        )
    }
    for person in members:
        email = str(person.get("email", "")).strip().lower()
        roles = person.get("roles", [])
        role = (
            Membership.Role.COACH
            if INSTRUCTOR in roles
            else Membership.Role.PARTICIPANT
            if LEARNER in roles
            else None
        )
        name = str(person.get("name") or email)
        if not email or role is None or email in taken:
            continue
        existed = User.objects.filter(email__iexact=email).exists()
        try:
            invitation = invite_member(
                community=course.community,
                actor=actor,
                email=email,
                display_name=name,
                role=role,
            )
        except MembershipError as error:
            refused.append(f"{name}: {error}")
            continue
        invited.append(name)
        if not existed and person.get("user_id"):
            # The account was made for this platform's person just now: their
            # launches (same ``sub`` as NRPS's user_id) sign them into it.
            link_identity(
                platform=course.platform,
                subject=str(person["user_id"]),
                user=invitation.membership.user,
            )
    return invited, refused


@transaction.atomic
def add_platform(*, form_data: dict[str, Any], organisation: Any) -> Platform:
    """A platform entered by hand, with its first deployment."""
    data = dict(form_data)
    deployment_id = data.pop("deployment_id")
    platform = Platform.objects.create(organisation=organisation, **data)
    platform.deployments.create(deployment_id=deployment_id)
    return platform
