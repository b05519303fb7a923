"""A small community with a period of four sessions, for the track tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from leerkring.accounts.models import User
from leerkring.accounts.tests.factories import UserFactory
from leerkring.communities.models import Community, LearningPeriod, Membership
from leerkring.communities.tests.factories import (
    CommunityFactory,
    LearningPeriodFactory,
    MembershipFactory,
    ProgrammeLeadFactory,
)
from leerkring.meetings.models import Meeting
from leerkring.meetings.tests.factories import MeetingFactory


@dataclass
class Circle:
    community: Community
    period: LearningPeriod
    meetings: list[Meeting]
    participant: User
    fellow: User
    coach: User
    apprentice: User
    other_coach: User
    lead: User
    superuser: User

    def add_participant(self) -> User:
        membership: Any = MembershipFactory(community=self.community)
        return membership.user


@pytest.fixture
def circle(db: Any) -> Circle:
    community = CommunityFactory()
    period = LearningPeriodFactory(community=community)
    meetings = [MeetingFactory(period=period, number=n) for n in range(1, 5)]
    other = CommunityFactory(organisation=community.organisation)

    def member(role: str, where: Any = community) -> User:
        membership: Any = MembershipFactory(community=where, role=role)
        return membership.user

    lead = ProgrammeLeadFactory(organisation=community.organisation).user
    superuser = UserFactory(is_superuser=True, is_staff=True)
    return Circle(
        community=community,
        period=period,
        meetings=meetings,
        participant=member(Membership.Role.PARTICIPANT),
        fellow=member(Membership.Role.PARTICIPANT),
        coach=member(Membership.Role.COACH),
        apprentice=member(Membership.Role.APPRENTICE_COACH),
        other_coach=member(Membership.Role.COACH, other),
        lead=lead,
        superuser=superuser,
    )
