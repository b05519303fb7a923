"""A small community with a coach, participants and eight sessions, in one call."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from leerkring.accounts.models import User
from leerkring.accounts.tests.factories import UserFactory
from leerkring.communities.models import Community, LearningPeriod, Membership
from leerkring.communities.tests.factories import (
    LearningPeriodFactory,
    MembershipFactory,
    ProgrammeLeadFactory,
)
from leerkring.meetings.models import Meeting
from leerkring.meetings.tests.factories import MeetingFactory

from .factories import PulseFactory, PulseWindowFactory

ANSWER = {
    "energy": "4",
    "safety": "5",
    "collective_tension": "3",
    "personal_tension": "2",
    "word": "benieuwd",
    "note": "Even op gang komen.",
}


@dataclass
class Group:
    community: Community
    period: LearningPeriod
    meetings: list[Meeting]
    coach: User
    participants: list[User]
    lead: User

    def meeting(self, number: int) -> Meeting:
        return self.meetings[number - 1]


def make_group(participants: int = 4, *, current: int = 1) -> Group:
    """Eight sessions three weeks apart; session ``current`` is today."""
    today = timezone.localdate()
    start = today - datetime.timedelta(weeks=3 * (current - 1))
    period = LearningPeriodFactory(start_date=start)
    community = period.community
    coach = MembershipFactory(community=community, role=Membership.Role.COACH).user
    people = [MembershipFactory(community=community).user for _ in range(participants)]
    meetings = [MeetingFactory(period=period, number=n) for n in range(1, 9)]
    lead = ProgrammeLeadFactory(
        organisation=community.organisation, user=UserFactory()
    ).user
    return Group(community, period, meetings, coach, people, lead)


def answer_all(
    meeting: Meeting, people: list[User], moment: str = "check_in", **values: int
) -> None:
    window = PulseWindowFactory(meeting=meeting, moment=moment)
    for person in people:
        PulseFactory(window=window, user=person, **values)
