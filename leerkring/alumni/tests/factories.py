from datetime import date, timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from leerkring.alumni.models import Answer, CoachingInterest
from leerkring.communities.models import Community, LearningPeriod
from leerkring.communities.tests.factories import (
    LearningPeriodFactory,
    MembershipFactory,
)
from leerkring.meetings.tests.factories import MeetingFactory


class CoachingInterestFactory(DjangoModelFactory[CoachingInterest]):
    class Meta:
        model = CoachingInterest

    membership = factory.SubFactory(MembershipFactory)
    answer = Answer.YES
    note = "Ik heb al eens een intervisiegroep begeleid."
    answered_at = factory.LazyFunction(timezone.now)


def leergang_with_session_7(community: Community, on: date) -> LearningPeriod:
    """A running leergang of ``community`` whose session 7 is on ``on``."""
    period: LearningPeriod = LearningPeriodFactory.create(
        community=community, start_date=on - timedelta(weeks=18)
    )
    MeetingFactory.create(period=period, number=1, date=period.start_date)
    MeetingFactory.create(period=period, number=7, date=on)
    return period
