import datetime
from typing import Any

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from leerkring.accounts.tests.factories import UserFactory
from leerkring.agreements.models import (
    Agreement,
    AgreementConfirmation,
    AgreementVersion,
    Aspect,
    CollectiveGoal,
    ExternalValidation,
    PersonalGoal,
    TimeEntry,
    TimeKind,
)
from leerkring.communities.tests.factories import LearningPeriodFactory


class AgreementFactory(DjangoModelFactory[Agreement]):
    class Meta:
        model = Agreement
        django_get_or_create = ("period",)

    period = factory.SubFactory(LearningPeriodFactory)
    version = 1


class AgreementVersionFactory(DjangoModelFactory[AgreementVersion]):
    class Meta:
        model = AgreementVersion

    agreement = factory.SubFactory(AgreementFactory)
    number = factory.Sequence(lambda n: n + 1)
    duration = "Acht bijeenkomsten in een half jaar."
    frequency = factory.Faker("sentence", locale="nl_NL")
    attendance = "We zijn er elke bijeenkomst; afmelden bij de coach."
    effort = "Ongeveer 50 uur, voorbereiding inbegrepen."
    conduct = factory.Faker("sentence", locale="nl_NL")
    confidentiality = "Wat persoonlijk is, blijft in de groep."


class ConfirmationFactory(DjangoModelFactory[AgreementConfirmation]):
    class Meta:
        model = AgreementConfirmation

    version = factory.SubFactory(AgreementVersionFactory)
    user = factory.SubFactory(UserFactory)
    confirmed_at = factory.LazyFunction(timezone.now)


class CollectiveGoalFactory(DjangoModelFactory[CollectiveGoal]):
    class Meta:
        model = CollectiveGoal

    period = factory.SubFactory(LearningPeriodFactory)
    aspect = Aspect.CONTENT
    text = factory.Faker("paragraph", locale="nl_NL")


class PersonalGoalFactory(DjangoModelFactory[PersonalGoal]):
    class Meta:
        model = PersonalGoal

    period = factory.SubFactory(LearningPeriodFactory)
    owner = factory.SubFactory(UserFactory)
    text = factory.Faker("paragraph", locale="nl_NL")


class ExternalValidationFactory(DjangoModelFactory[ExternalValidation]):
    class Meta:
        model = ExternalValidation

    goal = factory.SubFactory(CollectiveGoalFactory)
    name = "Ria Assessor"
    email = "ria@example.org"
    role = ExternalValidation.Role.ASSESSOR
    nonce = factory.Sequence(lambda n: f"nonce{n:027d}")
    expires_at = factory.LazyFunction(
        lambda: timezone.now() + datetime.timedelta(days=30)
    )


class TimeEntryFactory(DjangoModelFactory[TimeEntry]):
    class Meta:
        model = TimeEntry

    period = factory.SubFactory(LearningPeriodFactory)
    user = factory.SubFactory(UserFactory)
    date = factory.LazyFunction(datetime.date.today)
    minutes = 60
    kind = TimeKind.PREPARATION
    note = factory.Faker("sentence", locale="nl_NL")


class Group:
    """A community with a running leergang, two coaches and ``n`` participants."""

    def __init__(self, participants: int = 3) -> None:
        from leerkring.communities.models import Membership
        from leerkring.communities.tests.factories import (
            CommunityFactory,
            MembershipFactory,
            ProgrammeLeadFactory,
        )

        self.community = CommunityFactory()
        self.period = LearningPeriodFactory(
            community=self.community,
            start_date=datetime.date.today() - datetime.timedelta(weeks=9),
        )
        self.coaches = [
            MembershipFactory(community=self.community, role=Membership.Role.COACH).user
            for _ in range(2)
        ]
        self.participants = [
            MembershipFactory(community=self.community).user
            for _ in range(participants)
        ]
        self.lead = ProgrammeLeadFactory(organisation=self.community.organisation).user

    @property
    def coach(self) -> Any:
        return self.coaches[0]

    @property
    def members(self) -> list[Any]:
        return [*self.coaches, *self.participants]
