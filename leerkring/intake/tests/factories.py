import datetime

import factory
from factory.django import DjangoModelFactory

from leerkring.communities.tests.factories import MembershipFactory
from leerkring.intake.models import Commitment, Intake, IntakePreparation


class IntakePreparationFactory(DjangoModelFactory[IntakePreparation]):
    class Meta:
        model = IntakePreparation

    membership = factory.SubFactory(MembershipFactory)
    expectations = factory.Faker("sentence", locale="nl_NL")
    learning_wish = factory.Faker("sentence", locale="nl_NL")
    concrete_outcome = factory.Faker("sentence", locale="nl_NL")
    qualities = factory.Faker("sentence", locale="nl_NL")
    constraints = ""


class IntakeFactory(DjangoModelFactory[Intake]):
    class Meta:
        model = Intake

    membership = factory.SubFactory(MembershipFactory)
    held_on = factory.LazyFunction(datetime.date.today)
    expectations_shared = True
    commitment = Commitment.YES
    notes = "Vertrouwelijke notitie van de coach."
