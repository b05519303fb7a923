import datetime
from typing import Any

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from leerkring.accounts.tests.factories import UserFactory
from leerkring.communities.models import Membership
from leerkring.communities.tests.factories import (
    CommunityFactory,
    LearningPeriodFactory,
    MembershipFactory,
)
from leerkring.meetings.tests.factories import MeetingFactory
from leerkring.reports.models import ReminderPreference


class ReminderPreferenceFactory(DjangoModelFactory[ReminderPreference]):
    class Meta:
        model = ReminderPreference

    user = factory.SubFactory(UserFactory)


def community_with_session(
    *, in_days: int = 2, participants: int = 3, coaches: int = 1
) -> tuple[Any, Any, list[Any], list[Any]]:
    """A community with a running period and one session ``in_days`` from today.

    Returns (community, meeting, participant users, coach users).
    """
    community = CommunityFactory()
    today = timezone.localdate()
    period = LearningPeriodFactory(
        community=community, start_date=today - datetime.timedelta(days=30)
    )
    meeting = MeetingFactory(
        period=period, number=1, date=today + datetime.timedelta(days=in_days)
    )
    people = [MembershipFactory(community=community).user for _ in range(participants)]
    coaching = [
        MembershipFactory(community=community, role=Membership.Role.COACH).user
        for _ in range(coaches)
    ]
    return community, meeting, people, coaching
