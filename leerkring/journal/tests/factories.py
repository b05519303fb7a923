import factory
from factory.django import DjangoModelFactory

from leerkring.accounts.tests.factories import UserFactory
from leerkring.communities.models import Membership
from leerkring.communities.tests.factories import CommunityFactory, MembershipFactory
from leerkring.journal.models import (
    CoachFeedback,
    Comment,
    Draft,
    JournalSetting,
    Reflection,
    ReflectionAssessment,
    Visibility,
)

LEVEL_3_TEXT = (
    "Vandaag heb ik de toets nagekeken. Ik merkte dat ik me ergerde aan de fouten. "
    "Waarom reageer ik zo? Misschien omdat ik aanneem dat studenten niet hun best "
    "doen. Volgende keer wil ik eerst vragen hoe ze het aanpakten."
)


class ReflectionFactory(DjangoModelFactory[Reflection]):
    class Meta:
        model = Reflection

    community = factory.SubFactory(CommunityFactory)
    author = factory.LazyAttribute(
        lambda o: (
            MembershipFactory(
                community=o.community, role=Membership.Role.PARTICIPANT
            ).user
        )
    )
    title = factory.Faker("sentence", nb_words=5, locale="nl_NL")
    body = LEVEL_3_TEXT
    visibility = Visibility.PRIVATE


class AssessmentFactory(DjangoModelFactory[ReflectionAssessment]):
    class Meta:
        model = ReflectionAssessment

    reflection = factory.SubFactory(ReflectionFactory)
    reflection_version = factory.LazyAttribute(lambda o: o.reflection.version)
    outcome = ReflectionAssessment.Outcome.OK
    level = 2
    language = "nl"
    evidence = factory.LazyFunction(
        lambda: [{"start": 0, "end": 34, "kind": "description"}]
    )
    next_prompt = "Wat betekent dit voor jouw eigen praktijk?"
    model_version = "test-model-1"


class CoachFeedbackFactory(DjangoModelFactory[CoachFeedback]):
    class Meta:
        model = CoachFeedback

    reflection = factory.SubFactory(ReflectionFactory, visibility=Visibility.COACHES)
    coach = factory.LazyAttribute(
        lambda o: (
            MembershipFactory(
                community=o.reflection.community, role=Membership.Role.COACH
            ).user
        )
    )
    body = "Mooi dat je zo eerlijk bent over je ergernis."


class CommentFactory(DjangoModelFactory[Comment]):
    class Meta:
        model = Comment

    reflection = factory.SubFactory(ReflectionFactory, visibility=Visibility.COMMUNITY)
    author = factory.LazyAttribute(
        lambda o: MembershipFactory(community=o.reflection.community).user
    )
    body = "Herkenbaar! Ik had precies hetzelfde vorige week."


class DraftFactory(DjangoModelFactory[Draft]):
    class Meta:
        model = Draft

    user = factory.SubFactory(UserFactory)
    community = factory.SubFactory(CommunityFactory)
    title = "Half af"
    body = "Wat ik nog wilde zeggen over"


class JournalSettingFactory(DjangoModelFactory[JournalSetting]):
    class Meta:
        model = JournalSetting

    user = factory.SubFactory(UserFactory)
