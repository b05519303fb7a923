"""A planned leergang built through the public action, for the meetings tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from leerkring.accounts.models import User
from leerkring.communities.models import Community, LearningPeriod, Membership
from leerkring.communities.tests.factories import CommunityFactory, MembershipFactory
from leerkring.meetings.leergang import create_leergang
from leerkring.meetings.models import AgendaItem, Meeting
from leerkring.meetings.scheduling import SessionPlan, propose_dates


@dataclass
class Leergang:
    community: Community
    period: LearningPeriod
    coach: User
    apprentice: User
    participants: list[User]

    @property
    def meetings(self) -> list[Meeting]:
        return list(Meeting.objects.for_period(self.period))


def plan(start: date, count: int = 8, days: int = 183) -> list[SessionPlan]:
    return [
        SessionPlan(date=day, location="Lokaal B2.14")
        for day in propose_dates(start, start + timedelta(days=days), count)
    ]


def build_leergang(participants: int = 3, start: date | None = None) -> Leergang:
    community = CommunityFactory()
    coach = MembershipFactory(community=community, role=Membership.Role.COACH).user
    apprentice = MembershipFactory(
        community=community, role=Membership.Role.APPRENTICE_COACH
    ).user
    people = [MembershipFactory(community=community).user for _ in range(participants)]
    start = start or date.today()
    period = create_leergang(
        community=community,
        actor=coach,
        start_date=start,
        end_date=start + timedelta(days=183),
        sessions=plan(start),
    )
    return Leergang(community, period, coach, apprentice, people)


def agenda_titles(meeting: Meeting) -> list[str]:
    """The titles of the coaches' working agenda, in order."""
    return list(
        AgendaItem.objects.filter(meeting=meeting)
        .order_by("position")
        .values_list("title", flat=True)
    )


@pytest.fixture
def leergang(db: None) -> Leergang:
    return build_leergang()
