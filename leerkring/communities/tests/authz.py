from django.urls import reverse

from leerkring.communities.models import Invitation, Membership
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
        "communities:member-invite",
        lambda w: reverse("communities:member-invite", args=[w.community.pk]),
        allow(COACH, APPRENTICE, LEAD, SUPERUSER),
    ),
    Row(
        "communities:membership-edit",
        lambda w: reverse(
            "communities:membership-edit", args=[w.participant_membership.pk]
        ),
        allow(COACH, APPRENTICE, LEAD, SUPERUSER),
    ),
    Row(
        "communities:invitation-accept",
        lambda w: reverse("communities:invitation-accept", args=[w.invitation_token]),
        everyone(200),
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
