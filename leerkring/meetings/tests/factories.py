import datetime

import factory
from factory.django import DjangoModelFactory

from leerkring.accounts.tests.factories import UserFactory
from leerkring.communities.tests.factories import LearningPeriodFactory
from leerkring.meetings.method import ItemKind
from leerkring.meetings.models import AgendaItem, Meeting, OpenSpaceProposal


class MeetingFactory(DjangoModelFactory[Meeting]):
    class Meta:
        model = Meeting

    period = factory.SubFactory(LearningPeriodFactory)
    number = factory.Sequence(lambda n: n + 1)
    date = factory.LazyAttribute(
        lambda o: o.period.start_date + datetime.timedelta(weeks=3 * (o.number - 1))
    )
    method_step = factory.LazyAttribute(lambda o: min(o.number, 8))
    stage = "Holding the space of listening"
    professional_theme = "Professioneel doelstellen"
    personal_theme = "Nieuwsgierigheid"
    personal_question = "Wat wil je leren?"


class AgendaItemFactory(DjangoModelFactory[AgendaItem]):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    kind = ItemKind.CUSTOM
    title = factory.Sequence(lambda n: f"Onderdeel {n}")
    minutes = 20


class OpenSpaceProposalFactory(DjangoModelFactory[OpenSpaceProposal]):
    class Meta:
        model = OpenSpaceProposal

    meeting = factory.SubFactory(MeetingFactory)
    author = factory.SubFactory(UserFactory)
    title = "Rollenspel feedbackgesprek"
