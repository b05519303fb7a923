"""The home page and the demo it opens on."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leerkring.communities.models import Membership
from leerkring.communities.tests.factories import MembershipFactory
from leerkring.home.demo import CURRENT_SESSION, DEMO_LOGINS

pytestmark = pytest.mark.django_db


def test_the_demo_is_a_community_in_the_middle_of_its_leergang(
    demo_community: Any,
) -> None:
    demo = demo_community
    memberships = demo.community.memberships.active()
    assert memberships.participants().count() == 10
    assert memberships.filter(role=Membership.Role.COACH).count() == 2
    assert demo.current_meeting.number == CURRENT_SESSION
    assert demo.current_meeting.date == demo.today
    assert demo.coach.email == DEMO_LOGINS["coach"]
    assert demo.participant.email == DEMO_LOGINS["participant"]
    assert demo.programme_lead.email == DEMO_LOGINS["programme_lead"]


def test_home_lists_my_communities_with_role_and_next_session(
    client: Any, demo_community: Any
) -> None:
    client.force_login(demo_community.participant)
    response = client.get(reverse("home:home"))
    page = response.content.decode()
    assert demo_community.community.name in page
    assert "Deelnemer" in page
    assert f"bijeenkomst {CURRENT_SESSION}" in page


def test_home_and_community_pages_do_not_grow_in_queries(
    client: Any, demo_community: Any
) -> None:
    """The same number of queries for a coach of 1 community and of 21."""
    user = demo_community.coach
    client.force_login(user)
    pages = [
        reverse("home:home"),
        reverse("communities:community-detail", args=[demo_community.community.pk]),
    ]

    def counts() -> list[int]:
        found = []
        for url in pages:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            found.append(len(queries))
        return found

    small = counts()
    assert small[0] <= 13, small  # 5 for the page, 8 for the coach's to-do list
    # The tabs share the page's membership lookup; one for pending role changes.
    assert small[1] <= 8, small
    for _ in range(20):
        MembershipFactory(user=user, role=Membership.Role.COACH)
    assert counts() == small
