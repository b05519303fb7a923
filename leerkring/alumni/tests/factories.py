import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from leerkring.alumni.models import Answer, CoachingInterest
from leerkring.communities.tests.factories import MembershipFactory


class CoachingInterestFactory(DjangoModelFactory[CoachingInterest]):
    class Meta:
        model = CoachingInterest

    membership = factory.SubFactory(MembershipFactory)
    answer = Answer.YES
    note = "Ik heb al eens een intervisiegroep begeleid."
    answered_at = factory.LazyFunction(timezone.now)
