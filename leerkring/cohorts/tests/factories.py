import datetime

import factory
from factory.django import DjangoModelFactory

from leerkring.cohorts.models import Cohort, CohortCoach, CohortMember
from leerkring.communities.tests.factories import OrganisationFactory


class CohortFactory(DjangoModelFactory[Cohort]):
    class Meta:
        model = Cohort

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Cohort {n}")


class CohortMemberFactory(DjangoModelFactory[CohortMember]):
    class Meta:
        model = CohortMember

    cohort = factory.SubFactory(CohortFactory)
    name = factory.Faker("name", locale="nl_NL")
    email = factory.Sequence(lambda n: f"lid{n}@example.nl")
    role = factory.Iterator(["student", "student", "teacher", "staff", "manager"])
    birth_year = factory.Sequence(lambda n: 1960 + (n * 7) % 45)
    gender = factory.Iterator(["vrouw", "man", "non-binair"])
    education = factory.Iterator(["hbo", "wo", "mbo", "vwo"])
    discipline = factory.Iterator(["zorg", "techniek", "economie", "ICT", "rechten"])
    experience_years = factory.Sequence(lambda n: float(n % 20))
    consent = True
    consent_date = factory.LazyFunction(datetime.date.today)
    consent_scope = ["age", "gender", "education", "discipline", "experience"]


class CohortCoachFactory(DjangoModelFactory[CohortCoach]):
    class Meta:
        model = CohortCoach

    cohort = factory.SubFactory(CohortFactory)
    name = factory.Faker("name", locale="nl_NL")
    email = factory.Sequence(lambda n: f"coach{n}@example.nl")
    experienced = True
    capacity = 1
