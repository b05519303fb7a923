import datetime

import factory
from factory.django import DjangoModelFactory

from leerkring.accounts.tests.factories import UserFactory
from leerkring.communities.models import (
    Community,
    LearningPeriod,
    Membership,
    Organisation,
    OrganisationRole,
)


class OrganisationFactory(DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Hogeschool {n}")


class ProgrammeLeadFactory(DjangoModelFactory[OrganisationRole]):
    class Meta:
        model = OrganisationRole

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    role = OrganisationRole.Role.PROGRAMME_LEAD


class CommunityFactory(DjangoModelFactory[Community]):
    class Meta:
        model = Community

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Learning community {n}")


class MembershipFactory(DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    community = factory.SubFactory(CommunityFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.PARTICIPANT
    status = Membership.Status.ACTIVE
    joined_on = factory.LazyFunction(datetime.date.today)


class LearningPeriodFactory(DjangoModelFactory[LearningPeriod]):
    class Meta:
        model = LearningPeriod

    community = factory.SubFactory(CommunityFactory)
    kind = LearningPeriod.Kind.LEERGANG
    start_date = factory.LazyFunction(datetime.date.today)
    end_date = factory.LazyAttribute(
        lambda o: o.start_date + datetime.timedelta(days=183)
    )
