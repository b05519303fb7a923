"""Invitations: a signed, expiring, single-use link; limits of the method."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail, signing
from django.db import connection
from django.test import TestCase
from django.urls import reverse

from leerkring.accounts.models import User
from leerkring.accounts.tests.factories import UserFactory
from leerkring.communities import actions
from leerkring.communities.models import Invitation, Membership
from leerkring.communities.tests.factories import CommunityFactory, MembershipFactory
from leerkring.communities.tokens import (
    InvitationTokenError,
    TokenProblem,
    make_token,
    read_token,
)
from leerkring.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def invite(
    community: Any, email: str = "nieuw@example.nl", role: str = "participant"
) -> Invitation:
    coach = MembershipFactory(
        community=community, role=Membership.Role.APPRENTICE_COACH
    ).user
    with TestCase.captureOnCommitCallbacks(execute=True):
        return actions.invite_member(
            community=community,
            actor=coach,
            email=email,
            display_name="Nieuw Lid",
            role=role,
        )


def accept_url(invitation: Invitation) -> str:
    return reverse("communities:invitation-accept", args=[make_token(invitation)])


def test_invitation_is_emailed_in_the_invitees_language() -> None:
    invitation = invite(CommunityFactory(name="Samen leren"))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nieuw@example.nl"]
    assert "Samen leren" in message.subject
    assert "/invitations/" in message.body
    assert invitation.membership.status == Membership.Status.INVITED
    assert AuditEvent.objects.filter(action=AuditAction.MEMBER_INVITED).exists()


def test_accepting_creates_the_account_and_activates_the_membership(
    client: Any,
) -> None:
    invitation = invite(CommunityFactory())
    url = accept_url(invitation)
    response = client.post(
        url,
        {
            "display_name": "Nieuw Lid",
            "preferred_language": "en",
            "password": "een-sterk-wachtwoord-7",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="nieuw@example.nl")
    assert user.check_password("een-sterk-wachtwoord-7")
    assert user.preferred_language == "en"
    membership = Membership.objects.get(user=user)
    assert membership.status == Membership.Status.ACTIVE
    assert membership.joined_on is not None
    assert client.get(reverse("home:home")).context["user"] == user


def test_a_weak_password_is_refused_and_changes_nothing(client: Any) -> None:
    invitation = invite(CommunityFactory())
    response = client.post(
        accept_url(invitation),
        {"display_name": "Nieuw Lid", "preferred_language": "nl", "password": "123"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["password"]
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert not User.objects.get(email="nieuw@example.nl").has_usable_password()


def test_a_used_link_cannot_be_used_again(client: Any) -> None:
    invitation = invite(CommunityFactory())
    url = accept_url(invitation)
    data = {
        "display_name": "N",
        "preferred_language": "nl",
        "password": "een-sterk-wachtwoord-7",
    }
    assert client.post(url, data).status_code == 302
    client.logout()
    response = client.get(url)
    assert response.status_code == 410
    assert response.context["problem"] == TokenProblem.USED


def test_a_tampered_link_is_refused(client: Any) -> None:
    invitation = invite(CommunityFactory())
    token = make_token(invitation)
    tampered = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    forged = signing.dumps({"i": invitation.pk, "n": "guessed"}, salt="other")
    for bad in (tampered, forged, "nonsense"):
        response = client.get(reverse("communities:invitation-accept", args=[bad]))
        assert response.status_code == 410
        assert response.context["problem"] == TokenProblem.INVALID


def test_an_expired_link_is_refused(settings: Any, client: Any) -> None:
    invitation = invite(CommunityFactory())
    token = make_token(invitation)
    settings.INVITATION_MAX_AGE_DAYS = -1
    with pytest.raises(InvitationTokenError) as error:
        read_token(token)
    assert error.value.problem == TokenProblem.EXPIRED


def test_an_existing_account_logs_in_first(client: Any) -> None:
    existing = UserFactory(email="bekend@example.nl")
    invitation = invite(CommunityFactory(), email="bekend@example.nl")
    response = client.get(accept_url(invitation))
    assert "communities/invitation_login.html" in [t.name for t in response.templates]
    client.force_login(existing)
    assert client.post(accept_url(invitation)).status_code == 302
    assert Membership.objects.get(user=existing).status == Membership.Status.ACTIVE


def test_someone_else_cannot_accept_an_invitation_for_an_existing_account(
    client: Any,
) -> None:
    UserFactory(email="bekend@example.nl")
    invitation = invite(CommunityFactory(), email="bekend@example.nl")
    client.force_login(UserFactory())
    response = client.post(accept_url(invitation))
    assert response.status_code == 200
    assert response.context["wrong_user"] is True
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_the_thirteenth_participant_is_refused() -> None:
    community = CommunityFactory()
    MembershipFactory.create_batch(11, community=community)
    invite(community, email="twaalf@example.nl")
    with pytest.raises(actions.MembershipError, match="12"):
        invite(community, email="dertien@example.nl")
    assert community.memberships.participants().holding_a_place().count() == 12


def test_a_third_coach_is_refused_but_apprentices_may_join() -> None:
    community = CommunityFactory()
    MembershipFactory(community=community, role=Membership.Role.COACH)
    invite(community, email="coach2@example.nl", role=Membership.Role.COACH)
    with pytest.raises(actions.MembershipError):
        invite(community, email="coach3@example.nl", role=Membership.Role.COACH)
    invite(community, email="gezel@example.nl", role=Membership.Role.APPRENTICE_COACH)


def test_the_invite_page_shows_the_limit_as_a_form_error(client: Any) -> None:
    community = CommunityFactory()
    MembershipFactory.create_batch(12, community=community)
    coach = MembershipFactory(community=community, role=Membership.Role.COACH).user
    client.force_login(coach)
    response = client.post(
        reverse("communities:member-invite", args=[community.pk]),
        {
            "display_name": "X",
            "email": "x@example.nl",
            "role": "participant",
            "language": "nl",
        },
    )
    assert response.status_code == 200
    assert "12" in str(response.context["form"].non_field_errors())
    assert not User.objects.filter(email="x@example.nl").exists()


def test_role_changes_are_audited_and_keep_the_limits() -> None:
    community = CommunityFactory()
    coach = MembershipFactory(community=community, role=Membership.Role.COACH)
    MembershipFactory(community=community, role=Membership.Role.COACH)
    participant = MembershipFactory(community=community)
    with pytest.raises(actions.MembershipError):
        actions.propose_role_change(
            membership=participant, actor=coach.user, role="coach", reason="r"
        )
    actions.remove_member(membership=participant, actor=coach.user, reason="weg")
    participant.refresh_from_db()
    assert participant.status == Membership.Status.LEFT
    assert participant.left_on is not None
    event = AuditEvent.objects.get(action=AuditAction.ROLE_CHANGED)
    assert event.detail["after"] == {"role": "participant", "status": "left"}
    assert event.detail["reason"] == "weg"


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_invitations_for_the_last_place_only_one_succeeds() -> None:
    community = CommunityFactory()
    MembershipFactory.create_batch(11, community=community)
    coach = MembershipFactory(community=community, role=Membership.Role.COACH).user
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def join(email: str) -> None:
        barrier.wait()
        try:
            actions.invite_member(
                community=community,
                actor=coach,
                email=email,
                display_name=email,
                role="participant",
            )
            outcomes.append("ok")
        except actions.MembershipError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=join, args=(f"p{i}@example.nl",)) for i in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ok", "refused"]
    assert community.memberships.participants().holding_a_place().count() == 12


def test_invitation_tokens_expire_after_the_configured_days(settings: Any) -> None:
    assert timedelta(days=settings.INVITATION_MAX_AGE_DAYS) == timedelta(days=14)
