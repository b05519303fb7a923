from django.urls import reverse

from leerkring.communities.models import Invitation, Membership, RoleChange
from leerkring.communities.tests.factories import MembershipFactory
from leerkring.communities.tokens import make_token
from leerkring.core.tests.matrix import (
    ANON,
    APPRENTICE,
    COACH,
    LEAD,
    PARTICIPANT,
    SUPERUSER,
    Row,
    World,
    allow,
    everyone,
)


def extend(world: World) -> None:
    pending = MembershipFactory(
        community=world.community,
        user__email="invitee@example.nl",
        status=Membership.Status.INVITED,
    )
    pending.user.set_unusable_password()
    pending.user.save()
    invitation = Invitation.objects.create(membership=pending, nonce="matrix-nonce")
    world.extra["invitation_token"] = make_token(invitation)
    world.extra["role_change"] = RoleChange.objects.create(
        community=world.community,
        user=world.users[PARTICIPANT],
        role=Membership.Role.APPRENTICE_COACH,
        reason="Ervaren alumnus",
        requested_by=world.users[COACH],
    )


MANAGERS = (COACH, APPRENTICE, LEAD, SUPERUSER)


ROWS = [
    Row(
        "communities:organisation-detail",
        lambda w: reverse("communities:organisation-detail", args=[w.organisation.pk]),
        allow(LEAD, SUPERUSER),
    ),
    Row(
        "communities:community-create",
        lambda w: reverse("communities:community-create", args=[w.organisation.pk]),
        allow(LEAD, SUPERUSER),
    ),
    Row(
        "communities:community-detail",
        lambda w: reverse("communities:community-detail", args=[w.community.pk]),
        allow(PARTICIPANT, COACH, APPRENTICE, LEAD, SUPERUSER),
    ),
    Row(
        "communities:community-create",
        lambda w: reverse("communities:community-create", args=[w.organisation.pk]),
        allow(LEAD, SUPERUSER, ok=302),
        method="post",
        data=lambda w: {"name": "Nieuwe kring", "description": ""},
    ),
    Row(
        "communities:variant-list",
        lambda w: reverse("communities:variant-list", args=[w.organisation.pk]),
        allow(LEAD, SUPERUSER),
    ),
    Row(
        "communities:variant-list",
        lambda w: reverse("communities:variant-list", args=[w.organisation.pk]),
        allow(LEAD, SUPERUSER, ok=302),
        method="post",
        data=lambda w: {
            "name": "Korte kring",
            "base": "semester",
            "sessions": 4,
            "weeks": 12,
            "language": "",
        },
    ),
    Row(
        "communities:community-edit",
        lambda w: reverse("communities:community-edit", args=[w.community.pk]),
        allow(*MANAGERS),
    ),
    Row(
        "communities:community-edit",
        lambda w: reverse("communities:community-edit", args=[w.community.pk]),
        allow(*MANAGERS, ok=302),
        method="post",
        data=lambda w: {
            "name": w.community.name,
            "description": "",
            "language": "en",
            "version": w.community.version,
        },
    ),
    Row(
        "communities:member-invite",
        lambda w: reverse("communities:member-invite", args=[w.community.pk]),
        allow(*MANAGERS),
    ),
    Row(
        "communities:member-invite",
        lambda w: reverse("communities:member-invite", args=[w.community.pk]),
        allow(*MANAGERS, ok=302),
        method="post",
        data=lambda w: {
            "display_name": "Nieuw",
            "email": "nieuw@example.nl",
            "role": "participant",
            "language": "nl",
        },
    ),
    Row(
        "communities:membership-edit",
        lambda w: reverse(
            "communities:membership-edit", args=[w.participant_membership.pk]
        ),
        allow(*MANAGERS),
    ),
    Row(
        "communities:membership-edit",
        lambda w: reverse(
            "communities:membership-edit", args=[w.participant_membership.pk]
        ),
        allow(*MANAGERS, ok=302),
        method="post",
        data=lambda w: {"change": "left", "reason": "Verhuisd"},
    ),
    Row(
        "communities:community-ask-to-coach",
        lambda w: reverse("communities:community-ask-to-coach", args=[w.community.pk]),
        allow(LEAD),
    ),
    Row(
        "communities:community-ask-to-coach",
        lambda w: reverse("communities:community-ask-to-coach", args=[w.community.pk]),
        allow(LEAD, ok=302),
        method="post",
        data=lambda w: {"role": "apprentice_coach", "reason": "Ik wil leren coachen"},
    ),
    Row(
        "communities:role-change-detail",
        lambda w: reverse("communities:role-change-detail", args=[w.role_change.pk]),
        allow(PARTICIPANT, *MANAGERS),
    ),
    Row(
        "communities:role-change-detail",
        lambda w: reverse("communities:role-change-detail", args=[w.role_change.pk]),
        allow(PARTICIPANT, *MANAGERS, ok=302),
        method="post",
        data=lambda w: {"decision": "accept"},
    ),
    Row(
        "communities:invitation-accept",
        lambda w: reverse("communities:invitation-accept", args=[w.invitation_token]),
        everyone(200),
    ),
    Row(
        "communities:invitation-accept",
        lambda w: reverse("communities:invitation-accept", args=[w.invitation_token]),
        # The invitee needs an account first: the form answers 200 for everyone.
        everyone(200),
        method="post",
        data=lambda w: {},
    ),
]

ROWS += [
    Row(
        "api:community-list",
        lambda w: reverse("api:community-list"),
        {**everyone(200), ANON: 401},
    ),
    Row(
        "api:community-detail",
        lambda w: reverse("api:community-detail", args=[w.community.pk]),
        {**allow(PARTICIPANT, COACH, APPRENTICE, LEAD, SUPERUSER), ANON: 401},
    ),
]
