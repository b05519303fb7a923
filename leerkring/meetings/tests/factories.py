import datetime

import factory
from factory.django import DjangoModelFactory

from leerkring.communities.tests.factories import LearningPeriodFactory
from leerkring.meetings.models import Meeting


class MeetingFactory(DjangoModelFactory[Meeting]):
    class Meta:
        model = Meeting

    period = factory.SubFactory(LearningPeriodFactory)
    number = factory.Sequence(lambda n: n + 1)
    date = factory.LazyAttribute(
        lambda o: o.period.start_date + datetime.timedelta(weeks=3 * (o.number - 1))
    )
