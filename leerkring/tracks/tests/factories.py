import factory
from factory.django import DjangoModelFactory

from leerkring.accounts.tests.factories import UserFactory
from leerkring.communities.models import Sharing
from leerkring.communities.tests.factories import LearningPeriodFactory
from leerkring.tracks.models import (
    CollectiveTrack,
    CollectiveTrackVersion,
    LearningQuestion,
    LearningQuestionVersion,
    PersonalTrack,
    ProgressEntry,
    QualityPitfall,
)


class CollectiveTrackFactory(DjangoModelFactory[CollectiveTrack]):
    class Meta:
        model = CollectiveTrack
        skip_postgeneration_save = True  # the related version needs no re-save

    period = factory.SubFactory(LearningPeriodFactory)
    version = 1
    first = factory.RelatedFactory(
        "leerkring.tracks.tests.factories.CollectiveTrackVersionFactory",
        factory_related_name="track",
        number=1,
    )


class CollectiveTrackVersionFactory(DjangoModelFactory[CollectiveTrackVersion]):
    class Meta:
        model = CollectiveTrackVersion

    track = factory.SubFactory(CollectiveTrackFactory, first=None)
    number = 1
    ambition = factory.Faker("sentence", locale="nl_NL")
    goal = factory.Faker("sentence", locale="nl_NL")
    assignment_do = factory.Faker("sentence", locale="nl_NL")
    assignment_result = factory.Faker("sentence", locale="nl_NL")


class ProgressEntryFactory(DjangoModelFactory[ProgressEntry]):
    class Meta:
        model = ProgressEntry

    track = factory.SubFactory(CollectiveTrackFactory)
    kind = ProgressEntry.Kind.SUCCESS
    text = factory.Faker("sentence", locale="nl_NL")
    author = factory.SubFactory(UserFactory)


class PersonalTrackFactory(DjangoModelFactory[PersonalTrack]):
    class Meta:
        model = PersonalTrack

    period = factory.SubFactory(LearningPeriodFactory)
    owner = factory.SubFactory(UserFactory)
    mission = factory.Faker("sentence", locale="nl_NL")


class QualityPitfallFactory(DjangoModelFactory[QualityPitfall]):
    class Meta:
        model = QualityPitfall

    personal_track = factory.SubFactory(PersonalTrackFactory)
    quality = "Zorgvuldig"
    pitfall = "Perfectionistisch"
    sharing = Sharing.COACHES


class LearningQuestionFactory(DjangoModelFactory[LearningQuestion]):
    class Meta:
        model = LearningQuestion
        skip_postgeneration_save = True  # the related version needs no re-save

    personal_track = factory.SubFactory(PersonalTrackFactory)
    version = 1
    sharing = Sharing.COACHES
    first = factory.RelatedFactory(
        "leerkring.tracks.tests.factories.LearningQuestionVersionFactory",
        factory_related_name="question",
        number=1,
    )


class LearningQuestionVersionFactory(DjangoModelFactory[LearningQuestionVersion]):
    class Meta:
        model = LearningQuestionVersion

    question = factory.SubFactory(LearningQuestionFactory, first=None)
    number = 1
    text = factory.Faker("sentence", locale="nl_NL")
