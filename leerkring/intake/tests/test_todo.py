"""The intake on the home page's to-do list."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leerkring.communities.models import Membership
from leerkring.communities.tests.factories import CommunityFactory, MembershipFactory
from leerkring.core.todo import Todo
from leerkring.intake.tests.factories import IntakeFactory, IntakePreparationFactory
from leerkring.intake.todo import todos

pytestmark = pytest.mark.django_db


def items(user: Any) -> list[Todo]:
    return list(todos(user, list(user.memberships.active())))


def test_a_participant_is_asked_to_prepare_until_they_have_written_something() -> None:
    membership = MembershipFactory()
    [item] = items(membership.user)
    assert item.text == "Bereid je intakegesprek voor"
    assert item.url == reverse("intake:preparation", args=[membership.community_id])
    IntakePreparationFactory(membership=membership)
    assert items(membership.user) == []


def test_an_empty_preparation_still_asks() -> None:
    membership = MembershipFactory()
    IntakePreparationFactory(
        membership=membership,
        expectations=" ",
        learning_wish="",
        concrete_outcome="",
        qualities="",
    )
    assert len(items(membership.user)) == 1


def test_once_the_conversation_is_held_the_preparation_is_not_asked_for() -> None:
    membership = MembershipFactory()
    IntakeFactory(membership=membership)
    assert items(membership.user) == []


def test_a_coach_sees_how_many_participants_wait_in_their_own_communities() -> None:
    coach = MembershipFactory(role=Membership.Role.COACH)
    waiting = MembershipFactory.create_batch(3, community=coach.community)
    IntakeFactory(membership=waiting[0])
    MembershipFactory(community=coach.community, status=Membership.Status.LEFT)
    MembershipFactory.create_batch(4)  # another community
    [item] = items(coach.user)
    assert item.text == "2 deelnemers wachten nog op een intakegesprek"
    assert item.url == reverse("intake:overview", args=[coach.community_id])
    for membership in waiting[1:]:
        IntakeFactory(membership=membership)
    assert items(coach.user) == []


def test_queries_do_not_grow_with_communities() -> None:
    coach = MembershipFactory(role=Membership.Role.COACH)
    participant = MembershipFactory(community=coach.community)

    def count(user: Any) -> int:
        with CaptureQueriesContext(connection) as queries:
            items(user)
        return len(queries)

    before = (count(coach.user), count(participant.user))
    for _ in range(4):
        community = CommunityFactory()
        MembershipFactory(community=community, user=coach.user, role=coach.role)
        MembershipFactory(community=community, user=participant.user)
        MembershipFactory.create_batch(2, community=community)
    assert len(items(coach.user)) == 5
    assert len(items(participant.user)) == 5
    assert (count(coach.user), count(participant.user)) == before
