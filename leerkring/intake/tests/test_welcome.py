"""The newcomer's first day: joining lands on a "what now" page — the intake
preparation first, what the community is about, when it meets next — and texts
about what already happened read correctly for someone who joins late."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from leerkring.communities.models import Membership
from leerkring.communities.tests.factories import (
    CommunityFactory,
    LearningPeriodFactory,
    MembershipFactory,
)
from leerkring.communities.tests.test_invitations import accept_url, invite
from leerkring.meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def running_community(held: int) -> Any:
    """A community whose leergang held ``held`` of its five sessions."""
    today = timezone.localdate()
    community = CommunityFactory(
        name="Samen beter beoordelen", description="Toetsing die leren helpt."
    )
    start = today - timedelta(weeks=3 * held) + timedelta(days=1)
    period = LearningPeriodFactory(
        community=community, start_date=start, end_date=start + timedelta(weeks=20)
    )
    for number in range(1, 6):
        MeetingFactory(period=period, number=number, location="Lokaal B2.14")
    return community


def test_joining_lands_on_what_now_with_the_intake_first(client: Any) -> None:
    community = running_community(held=0)
    invitation = invite(community)
    response = client.post(
        accept_url(invitation),
        {
            "display_name": "Nieuw Lid",
            "preferred_language": "nl",
            "password": "een-sterk-wachtwoord-7",
        },
        follow=True,
    )
    welcome = reverse("intake:welcome", args=[community.pk])
    assert response.redirect_chain[-1][0] == welcome
    page = response.content.decode()
    preparation = reverse("intake:preparation", args=[community.pk])
    assert f'href="{preparation}">Bereid je intakegesprek voor' in page
    assert "Toetsing die leren helpt." in page
    assert "Volgende: bijeenkomst 1" in page
    assert "Lokaal B2.14" in page
    assert "je doet mee vanaf" not in page  # joined before the start


def test_a_latecomer_is_told_where_they_join_and_not_asked_to_catch_up(
    client: Any,
) -> None:
    community = running_community(held=3)
    late = MembershipFactory(community=community, role=Membership.Role.PARTICIPANT)
    client.force_login(late.user)
    page = client.get(reverse("intake:welcome", args=[community.pk])).content.decode()
    assert "al 3 keer bij elkaar geweest; je doet mee vanaf bijeenkomst 4" in page
    assert "Eerder werk hoef je niet in te halen" in page


def test_a_coach_who_joins_is_sent_to_plan_the_intakes(client: Any) -> None:
    community = running_community(held=0)
    coach = MembershipFactory(community=community, role=Membership.Role.COACH)
    client.force_login(coach.user)
    page = client.get(reverse("intake:welcome", args=[community.pk])).content.decode()
    assert reverse("intake:overview", args=[community.pk]) in page
    assert reverse("intake:preparation", args=[community.pk]) not in page


def intake_overview(client: Any, held: int) -> str:
    """The coaches' intake page of a community that held ``held`` sessions, with
    one participant who did not commit yet."""
    community = running_community(held=held)
    coach = MembershipFactory(community=community, role=Membership.Role.COACH)
    MembershipFactory(community=community, role=Membership.Role.PARTICIPANT)
    client.force_login(coach.user)
    return client.get(reverse("intake:overview", args=[community.pk])).content.decode()


def test_the_intake_page_speaks_of_session_1_in_the_past_once_it_was_held(
    client: Any,
) -> None:
    page = intake_overview(client, held=3)
    assert "Bijeenkomst 1 was op" in page
    assert "bijeenkomst 1 is op" not in page.lower()


def test_before_session_1_the_intake_page_says_when_it_is(client: Any) -> None:
    page = intake_overview(client, held=0)
    assert "Bijeenkomst 1 is op" in page
    assert "Niet gecommitteerd — bijeenkomst 1 is op" in page
