import datetime
from typing import Any

import factory
from django.core import mail
from django.utils import timezone
from factory.django import DjangoModelFactory

from leerkring.accounts.tests.factories import UserFactory
from leerkring.communities.models import Membership
from leerkring.communities.tests.factories import (
    CommunityFactory,
    LearningPeriodFactory,
    MembershipFactory,
)
from leerkring.meetings.tests.factories import MeetingFactory
from leerkring.reports.models import ReminderDelivery, ReminderKind, ReminderPreference


class ReminderPreferenceFactory(DjangoModelFactory[ReminderPreference]):
    class Meta:
        model = ReminderPreference

    user = factory.SubFactory(UserFactory)


def community_with_session(
    *, in_days: int = 2, participants: int = 3, coaches: int = 1
) -> tuple[Any, Any, list[Any], list[Any]]:
    """A community with a running period and one session ``in_days`` from today.

    Returns (community, meeting, participant users, coach users).
    """
    community = CommunityFactory()
    today = timezone.localdate()
    period = LearningPeriodFactory(
        community=community, start_date=today - datetime.timedelta(days=30)
    )
    meeting = MeetingFactory(
        period=period, number=1, date=today + datetime.timedelta(days=in_days)
    )
    people = [MembershipFactory(community=community).user for _ in range(participants)]
    coaching = [
        MembershipFactory(community=community, role=Membership.Role.COACH).user
        for _ in range(coaches)
    ]
    return community, meeting, people, coaching


def deliveries(kind: str) -> Any:
    """The reminders of this kind, planned or done."""
    return ReminderDelivery.objects.filter(kind=kind)


def mails_to(user: Any) -> list[Any]:
    """The e-mails sent to this person."""
    return [m for m in mail.outbox if m.to == [user.email]]


def digest_for(coach: Any, community: Any) -> ReminderDelivery:
    """This week's digest for the coach, due now."""
    today = timezone.localdate()
    return ReminderDelivery.objects.create(
        kind=ReminderKind.COACH_DIGEST,
        recipient=coach,
        subject=f"community:{community.pk}",
        scheduled_for=today - datetime.timedelta(days=today.weekday()),
        community=community,
        send_after=timezone.now(),
    )
