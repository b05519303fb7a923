"""Rights follow roles, roles need consent (DESIGN.md §5; issue 10).

Nobody grants or raises their own role; a membership becomes active only when its
person accepts; a coaching role needs the person's acceptance and is announced to
the coaches; a programme lead coaches a community of their organisation only with
the approval of another lead or a coach, which the community sees.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse

from leerkring.accounts.tests.factories import UserFactory
from leerkring.communities import actions
from leerkring.communities.models import Membership, RoleChange
from leerkring.communities.tests.factories import (
    CommunityFactory,
    MembershipFactory,
    ProgrammeLeadFactory,
)
from leerkring.core.models import AuditAction, AuditEvent
from leerkring.core.todo import collect

pytestmark = pytest.mark.django_db


@pytest.fixture
def community() -> Any:
    return CommunityFactory()


def lead_of(community: Any) -> Any:
    return ProgrammeLeadFactory(organisation=community.organisation).user


def edit(
    client: Any, membership: Membership, change: str, reason: str = "Omdat"
) -> Any:
    url = reverse("communities:membership-edit", args=[membership.pk])
    # "status" is what the old form accepted: it must be ignored now.
    data = {"change": change, "reason": reason, "role": change, "status": "active"}
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(url, data)


def invite(client: Any, community: Any, email: str, role: str) -> Any:
    url = reverse("communities:member-invite", args=[community.pk])
    data = {"display_name": "X", "email": email, "role": role, "language": "nl"}
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(url, data)


def test_a_lead_cannot_invite_themself_and_activate_the_membership(
    client: Any, community: Any
) -> None:
    """The attack of issue 10: invite yourself as apprentice coach, then set the
    membership active on its edit page."""
    lead = lead_of(community)
    client.force_login(lead)
    response = invite(client, community, lead.email, "apprentice_coach")
    assert response.status_code == 200
    assert "zichzelf" in str(response.context["form"].non_field_errors())
    assert not Membership.objects.filter(user=lead).exists()


def test_nobody_sets_an_invited_membership_active(client: Any, community: Any) -> None:
    """A coach invites an existing account (even of another organisation) and
    tries to make it active: only the invitee's acceptance can."""
    coach = MembershipFactory(community=community, role="coach").user
    stranger = MembershipFactory(role="coach").user  # another organisation
    client.force_login(coach)
    invite(client, community, stranger.email, "participant")
    membership = Membership.objects.get(community=community, user=stranger)
    for change in ("active", "coach", "participant"):
        edit(client, membership, change)
    membership.refresh_from_db()
    assert membership.status == Membership.Status.INVITED
    assert membership.role == Membership.Role.PARTICIPANT
    assert not RoleChange.objects.exists()


def test_a_coaching_role_waits_for_the_persons_acceptance(
    client: Any, community: Any
) -> None:
    """A lead can no longer turn a participant into a coach: the participant is
    asked, accepts, and the coaches are told; every step is audited with why."""
    coach = MembershipFactory(community=community, role="coach").user
    participant: Any = MembershipFactory(community=community)
    client.force_login(lead_of(community))
    edit(client, participant, "coach", reason="Ervaren coach uit een eerdere kring")
    participant.refresh_from_db()
    assert participant.role == Membership.Role.PARTICIPANT
    change = RoleChange.objects.get()
    assert change.awaits_consent
    page = client.get(reverse("communities:community-detail", args=[community.pk]))
    assert "wacht op het antwoord" in page.content.decode()

    client.force_login(participant.user)
    url = reverse("communities:role-change-detail", args=[change.pk])
    assert url in [t.url for t in collect(participant.user, [participant])]
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(url, {"decision": "accept"})
    participant.refresh_from_db()
    assert participant.role == Membership.Role.COACH
    assert {m.to[0] for m in mail.outbox} == {coach.email, participant.user.email}
    done = AuditEvent.objects.filter(
        action=AuditAction.ROLE_CHANGED, detail__step="done"
    ).get()
    assert done.detail["reason"] == "Ervaren coach uit een eerdere kring"
    assert done.actor == participant.user


def test_a_declined_role_changes_nothing(client: Any, community: Any) -> None:
    participant = MembershipFactory(community=community)
    coach = MembershipFactory(community=community, role="coach").user
    client.force_login(coach)
    edit(client, participant, "apprentice_coach")
    client.force_login(participant.user)
    change = RoleChange.objects.get()
    url = reverse("communities:role-change-detail", args=[change.pk])
    client.post(url, {"decision": "decline"})
    client.post(url, {"decision": "accept"})  # too late
    participant.refresh_from_db()
    assert participant.role == Membership.Role.PARTICIPANT
    change.refresh_from_db()
    assert change.status == RoleChange.Status.DECLINED


def test_an_apprentice_coach_cannot_promote_themself(
    client: Any, community: Any
) -> None:
    apprentice = MembershipFactory(community=community, role="apprentice_coach")
    client.force_login(apprentice.user)
    response = edit(client, apprentice, "coach")
    assert "eigen rol" in str(response.context["form"].non_field_errors())
    apprentice.refresh_from_db()
    assert apprentice.role == Membership.Role.APPRENTICE_COACH
    assert not RoleChange.objects.exists()


def test_stepping_back_needs_no_consent(client: Any, community: Any) -> None:
    coach = MembershipFactory(community=community, role="coach").user
    apprentice = MembershipFactory(community=community, role="apprentice_coach")
    client.force_login(coach)
    edit(client, apprentice, "participant")
    apprentice.refresh_from_db()
    assert apprentice.role == Membership.Role.PARTICIPANT


def test_a_lead_asks_to_coach_and_another_lead_or_coach_approves(
    client: Any, community: Any
) -> None:
    """The lead asks; they cannot approve it themself; a coach does; the
    community's members page shows who approved it."""
    lead = lead_of(community)
    coach = MembershipFactory(community=community, role="coach").user
    client.force_login(lead)
    url = reverse("communities:community-ask-to-coach", args=[community.pk])
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(url, {"role": "apprentice_coach", "reason": "Ik wil leren coachen"})
    change = RoleChange.objects.get()
    assert change.awaits_approval
    assert not change.awaits_consent
    detail = reverse("communities:role-change-detail", args=[change.pk])
    client.post(detail, {"decision": "approve"})
    assert not Membership.objects.filter(user=lead).exists()

    client.force_login(coach)
    assert detail in [t.url for t in collect(coach, list(Membership.objects.all()))]
    client.post(detail, {"decision": "approve"})
    membership = Membership.objects.get(user=lead)
    assert membership.is_active
    assert membership.approved_by == coach
    page = client.get(reverse("communities:community-detail", args=[community.pk]))
    assert f"goedgekeurd door {coach.display_name}" in page.content.decode()


def test_an_apprentice_cannot_approve_a_lead_as_coach(community: Any) -> None:
    """Only another programme lead or a full coach approves; the apprentice's
    proposal waits for one of them."""
    lead = lead_of(community)
    MembershipFactory(community=community, user=lead)
    apprentice = MembershipFactory(community=community, role="apprentice_coach").user
    other_lead = lead_of(community)
    change = actions.propose_role_change(
        membership=Membership.objects.get(user=lead),
        actor=apprentice,
        role="coach",
        reason="r",
    )
    change = actions.decide_role_change(change=change, actor=lead, decision="accept")
    assert change.awaits_approval
    assert actions.decisions_for(change, apprentice) == ["withdraw"]
    change = actions.decide_role_change(
        change=change, actor=other_lead, decision="approve"
    )
    assert change.status == RoleChange.Status.DONE
    assert Membership.objects.get(user=lead).approved_by == other_lead


def test_inviting_a_lead_as_coach_records_the_approval(
    client: Any, community: Any
) -> None:
    lead = lead_of(community)
    apprentice = MembershipFactory(community=community, role="apprentice_coach").user
    with pytest.raises(actions.MembershipError):
        actions.invite_member(
            community=community,
            actor=apprentice,
            email=lead.email,
            display_name="L",
            role="coach",
        )
    coach = MembershipFactory(community=community, role="coach").user
    client.force_login(coach)
    invite(client, community, lead.email, "coach")
    membership = Membership.objects.get(user=lead)
    assert membership.status == Membership.Status.INVITED
    assert membership.approved_by == coach


def test_coaches_and_leads_act_only_in_their_own_organisation(
    client: Any, community: Any
) -> None:
    participant = MembershipFactory(community=community)
    for outsider in (
        ProgrammeLeadFactory().user,
        MembershipFactory(role="coach").user,
        UserFactory(),
    ):
        client.force_login(outsider)
        assert edit(client, participant, "coach").status_code == 404
    assert not RoleChange.objects.exists()


def test_role_changes_are_in_the_personal_export_and_withdrawn_on_erase(
    community: Any,
) -> None:
    from leerkring.communities import personal_data

    participant = MembershipFactory(community=community)
    coach = MembershipFactory(community=community, role="coach").user
    actions.propose_role_change(
        membership=participant, actor=coach, role="apprentice_coach", reason="Gezel"
    )
    exported = personal_data.export(participant.user)["role_changes"]
    assert [(c["role"], c["reason"], c["status"]) for c in exported] == [
        ("apprentice_coach", "Gezel", "pending")
    ]
    personal_data.erase(participant.user)
    assert RoleChange.objects.get().status == RoleChange.Status.WITHDRAWN
