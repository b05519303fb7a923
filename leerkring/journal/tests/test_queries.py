"""The journal list needs no more queries for 30 entries than for 3."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leerkring.communities.models import Membership
from leerkring.communities.tests.factories import MembershipFactory
from leerkring.journal.models import Visibility
from leerkring.journal.tests.factories import (
    AssessmentFactory,
    CoachFeedbackFactory,
    CommentFactory,
    ReflectionFactory,
)

pytestmark = pytest.mark.django_db
VISIBILITIES = [Visibility.PRIVATE, Visibility.COACHES, Visibility.COMMUNITY]


def fill(author: Any, community: Any, count: int) -> None:
    for number in range(count):
        entry = ReflectionFactory(
            author=author, community=community, visibility=VISIBILITIES[number % 3]
        )
        AssessmentFactory(reflection=entry, level=number % 4 + 1)
        if entry.visibility != Visibility.PRIVATE:
            CoachFeedbackFactory(reflection=entry)
        if entry.visibility == Visibility.COMMUNITY:
            CommentFactory(reflection=entry)


def queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("role", [Membership.Role.PARTICIPANT, Membership.Role.COACH])
def test_journal_list_queries_do_not_grow_with_entries(
    client: Any, django_assert_max_num_queries: Any, role: str
) -> None:
    author = ReflectionFactory().author
    community = author.memberships.get().community
    viewer = (
        author
        if role == Membership.Role.PARTICIPANT
        else MembershipFactory(community=community, role=role).user
    )
    client.force_login(viewer)
    url = reverse("journal:journal-list", args=[community.pk])
    fill(author, community, 3)
    small = queries(client, url)
    assert small <= 15
    fill(author, community, 27)
    with django_assert_max_num_queries(small):
        response = client.get(url)
    shown = (
        response.context["entries"] if viewer == author else response.context["shared"]
    )
    assert len(shown) >= 20
