"""The viewer's roles are looked up once per read: the tab bar, a GET request."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from leerkring.communities.models import Membership
from leerkring.communities.roles import is_programme_lead, membership_of
from leerkring.communities.tests.factories import (
    CommunityFactory,
    MembershipFactory,
    ProgrammeLeadFactory,
)
from leerkring.core.access import allowed, remembering
from leerkring.core.middleware import RememberAccessMiddleware
from leerkring.core.navigation import tabs_for

pytestmark = pytest.mark.django_db


def _tab_bar_queries(user: Any, community: Any) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        tabs = tabs_for(user, community)
    return len(queries), [tab.url_name for tab in tabs]


@pytest.mark.parametrize("role", [Membership.Role.PARTICIPANT, Membership.Role.COACH])
def test_the_tab_bar_asks_for_a_members_membership_once(role: str) -> None:
    membership = MembershipFactory(role=role)
    count, names = _tab_bar_queries(membership.user, membership.community)
    assert count == 1
    assert ("intake:overview" in names) is (role == Membership.Role.COACH)
    assert ("tracks:my-track" in names) is (role == Membership.Role.PARTICIPANT)


def test_the_tab_bar_costs_a_programme_lead_two_queries() -> None:
    community = CommunityFactory()
    lead = ProgrammeLeadFactory(organisation=community.organisation).user
    count, names = _tab_bar_queries(lead, community)
    assert count == 2
    assert "agreements:harvest" in names
    assert "journal:journal-list" not in names


def test_the_tab_bar_still_follows_the_role() -> None:
    """Nothing is remembered between two tab bars: a coach who became a
    participant sees the participant's tabs at once."""
    membership = MembershipFactory(role=Membership.Role.COACH)
    names = _tab_bar_queries(membership.user, membership.community)[1]
    assert "intake:overview" in names
    membership.role = Membership.Role.PARTICIPANT
    membership.save()
    names = _tab_bar_queries(membership.user, membership.community)[1]
    assert "intake:overview" not in names
    assert "tracks:my-track" in names


def test_outside_a_remembering_block_every_check_asks_the_database() -> None:
    membership = MembershipFactory()
    community, user = membership.community, membership.user
    assert allowed(user, "view", community)
    membership.status = Membership.Status.LEFT
    membership.save()
    assert not allowed(user, "view", community)


def test_a_remembering_block_answers_once_and_forgets_at_its_end() -> None:
    membership = MembershipFactory()
    community, user = membership.community, membership.user
    with remembering():
        with CaptureQueriesContext(connection) as queries:
            assert membership_of(user, community) == membership
            assert membership_of(user, community) == membership
            assert not is_programme_lead(user, community.organisation_id)
            assert not is_programme_lead(user, community.organisation_id)
        assert len(queries) == 2
        Membership.objects.filter(pk=membership.pk).update(status="left")
        assert membership_of(user, community) == membership  # still the same read
    assert membership_of(user, community) is None


def _asks_twice(request: HttpRequest) -> HttpResponse:
    community = request.community
    membership_of(request.user, community)
    membership_of(request.user, community)
    return HttpResponse()


@pytest.mark.parametrize(("method", "expected"), [("get", 1), ("head", 1), ("post", 2)])
def test_only_read_requests_remember_roles(method: str, expected: int) -> None:
    """A POST may change the role it later asks about, so it is never memoised."""
    membership = MembershipFactory()
    request = getattr(RequestFactory(), method)("/")
    request.user = membership.user
    request.community = membership.community
    with CaptureQueriesContext(connection) as queries:
        RememberAccessMiddleware(_asks_twice)(request)
    assert len(queries) == expected


def test_an_undeclared_action_fails_loudly_in_the_tests(settings: Any) -> None:
    """A typo in an action raises (``ACCESS_STRICT``, on in the tests); without
    the setting it is refused like any unknown pair."""
    member = MembershipFactory()
    with pytest.raises(LookupError):
        allowed(member.user, "journal.kepe", member.community)
    settings.ACCESS_STRICT = False
    assert not allowed(member.user, "journal.kepe", member.community)
    assert allowed(member.user, "journal.keep", member.community)
