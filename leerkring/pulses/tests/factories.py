import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from leerkring.accounts.tests.factories import UserFactory
from leerkring.meetings.tests.factories import MeetingFactory
from leerkring.pulses.models import Moment, Pulse, PulseWindow, SafetyResponse


class PulseWindowFactory(DjangoModelFactory[PulseWindow]):
    """An open check-in of a session."""

    class Meta:
        model = PulseWindow

    meeting = factory.SubFactory(MeetingFactory)
    moment = Moment.CHECK_IN
    opened_at = factory.LazyFunction(timezone.now)


class PulseFactory(DjangoModelFactory[Pulse]):
    class Meta:
        model = Pulse

    window = factory.SubFactory(PulseWindowFactory)
    user = factory.SubFactory(UserFactory)
    energy = 4
    safety = 4
    collective_tension = 3
    personal_tension = 3
    word = factory.Faker("word", locale="nl_NL")


class SafetyResponseFactory(DjangoModelFactory[SafetyResponse]):
    class Meta:
        model = SafetyResponse

    meeting = factory.SubFactory(MeetingFactory)
    user = factory.SubFactory(UserFactory)
    item1 = 2
    item2 = 6
    item3 = 2
    item4 = 5
    item5 = 3
    item6 = 6
    item7 = 5
