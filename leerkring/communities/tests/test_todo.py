"""A programme lead's to-do list: a leergang that still lacks its second coach."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leerkring.communities.models import LearningPeriod, Membership
from leerkring.communities.tests.factories import (
    CommunityFactory,
    LearningPeriodFactory,
    MembershipFactory,
    ProgrammeLeadFactory,
)
from leerkring.communities.todo import lead_todos
from leerkring.core.todo import Todo

pytestmark = pytest.mark.django_db


def items(lead_role: Any) -> list[Todo]:
    return list(lead_todos(lead_role.user, [lead_role.organisation]))


def community(lead_role: Any, coaches: int, kind: str = "leergang") -> Any:
    found = CommunityFactory(organisation=lead_role.organisation)
    LearningPeriodFactory(community=found, kind=kind)
    MembershipFactory.create_batch(coaches, community=found, role=Membership.Role.COACH)
    MembershipFactory.create_batch(3, community=found)
    return found


def test_a_leergang_with_one_coach_asks_for_a_second() -> None:
    lead_role = ProgrammeLeadFactory()
    short = community(lead_role, coaches=1)
    community(lead_role, coaches=2)
    community(lead_role, coaches=1, kind=LearningPeriod.Kind.SELF_RUN)
    community(ProgrammeLeadFactory(), coaches=0)  # another organisation
    assert items(lead_role) == [
        Todo(
            short.pk,
            f"Zoek een tweede coach voor “{short.name}”",
            reverse("communities:community-detail", args=[short.pk]),
            organisation_id=lead_role.organisation.pk,
        )
    ]
    MembershipFactory(community=short, role=Membership.Role.COACH)
    assert items(lead_role) == []


def test_an_apprentice_coach_does_not_count_as_the_second_coach() -> None:
    lead_role = ProgrammeLeadFactory()
    short = community(lead_role, coaches=1)
    MembershipFactory(community=short, role=Membership.Role.APPRENTICE_COACH)
    assert len(items(lead_role)) == 1


def test_queries_do_not_grow_with_communities() -> None:
    lead_role = ProgrammeLeadFactory()
    community(lead_role, coaches=1)
    with CaptureQueriesContext(connection) as first:
        items(lead_role)
    for _ in range(4):
        community(lead_role, coaches=1)
    with CaptureQueriesContext(connection) as then:
        assert len(items(lead_role)) == 5
    assert len(then) == len(first)
