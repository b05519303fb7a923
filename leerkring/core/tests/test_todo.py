"""The home page's to-do list: what each app contributes, soonest first."""

from __future__ import annotations

import datetime
from types import SimpleNamespace
from typing import Any
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from leerkring.communities.models import Membership
from leerkring.communities.tests.factories import (
    CommunityFactory,
    LearningPeriodFactory,
    MembershipFactory,
)
from leerkring.core import todo
from leerkring.core.todo import Todo
from leerkring.meetings.tests.factories import MeetingFactory
from leerkring.pulses.tests.factories import PulseWindowFactory

pytestmark = pytest.mark.django_db


def test_collect_puts_the_soonest_first_and_the_undated_last() -> None:
    today = datetime.date(2026, 11, 25)
    first = SimpleNamespace(
        todos=lambda user, memberships: [
            Todo(1, "b undated", "/b"),
            Todo(1, "later", "/l", due=today + datetime.timedelta(days=3)),
        ]
    )
    second = SimpleNamespace(
        todos=lambda user, memberships: [
            Todo(2, "a undated", "/a"),
            Todo(2, "overdue", "/o", due=today - datetime.timedelta(days=1)),
            Todo(2, "meeting", "/m", on=today + datetime.timedelta(days=1)),
        ]
    )
    modules = [(None, first), (None, second)]
    with mock.patch.object(todo, "app_modules", return_value=modules):
        found = todo.collect(object(), [object()])  # type: ignore[list-item]
    assert [t.text for t in found] == [
        "overdue",
        "meeting",
        "later",
        "a undated",
        "b undated",
    ]


def test_collect_asks_no_app_without_memberships() -> None:
    with mock.patch.object(todo, "app_modules") as modules:
        assert todo.collect(object(), []) == []
    modules.assert_not_called()


def test_home_lists_what_waits_with_a_link_and_when(client: Any) -> None:
    membership = MembershipFactory()
    period = LearningPeriodFactory(community=membership.community)
    meeting = MeetingFactory(period=period, number=1, date=timezone.localdate())
    PulseWindowFactory(meeting=meeting)
    client.force_login(membership.user)
    page = client.get(reverse("home:home")).content.decode()
    waiting = page.split('id="todo-heading"')[1].split("</section>")[0]
    assert (
        f'href="{reverse("intake:preparation", args=[membership.community_id])}"'
        in (waiting)
    )
    assert "/checkin/" in waiting
    assert "vandaag" in waiting
    assert waiting.count("<li>") == 2
    assert membership.community.name not in waiting  # one community: no need to say


def test_home_names_the_community_when_there_are_several(client: Any) -> None:
    membership = MembershipFactory()
    other = MembershipFactory(user=membership.user)
    client.force_login(membership.user)
    page = client.get(reverse("home:home")).content.decode()
    waiting = page.split('id="todo-heading"')[1].split("</section>")[0]
    assert membership.community.name in waiting
    assert other.community.name in waiting


def test_home_says_so_when_nothing_waits(client: Any) -> None:
    membership = MembershipFactory()
    with mock.patch.object(todo, "app_modules", return_value=[]):
        client.force_login(membership.user)
        page = client.get(reverse("home:home")).content.decode()
    assert 'id="todo-heading"' in page
    assert "Niets wacht op je" in page


def test_a_deadline_reads_by_and_a_meeting_day_reads_as_its_date(client: Any) -> None:
    membership = MembershipFactory()
    today = timezone.localdate()
    deadline, meeting_day = (today + datetime.timedelta(days=d) for d in (2, 3))
    contributor = SimpleNamespace(
        todos=lambda user, memberships: [
            Todo(membership.community_id, "Deadline", "/d", due=deadline),
            Todo(membership.community_id, "Meeting", "/m", on=meeting_day),
            Todo(
                membership.community_id, "Late", "/l", due=today - datetime.timedelta(1)
            ),
        ]
    )
    with mock.patch.object(todo, "app_modules", return_value=[(None, contributor)]):
        client.force_login(membership.user)
        page = client.get(reverse("home:home")).content.decode()
    rows = page.split('id="todo-heading"')[1].split("</ul>")[0].split("<li>")[1:]
    late = date_format(today - datetime.timedelta(1), "l j F")
    assert f"had {late} klaar moeten zijn" in rows[0]
    assert f"uiterlijk {date_format(deadline, 'l j F')}" in rows[1]
    assert date_format(meeting_day, "l j F") in rows[2]
    assert "uiterlijk" not in rows[2]


def test_a_programme_lead_sees_what_their_organisation_waits_for(
    client: Any, demo_community: Any
) -> None:
    """A community without a second coach (proposals: cohorts' tests); constant
    queries however many communities the organisation has."""
    client.force_login(demo_community.programme_lead)

    def waiting() -> tuple[str, int]:
        with CaptureQueriesContext(connection) as queries:
            page = client.get(reverse("home:home")).content.decode()
        return page.split('id="todo-heading"')[1].split("</section>")[0], len(queries)

    section, count = waiting()
    forming = demo_community.forming_community
    assert f"Zoek een tweede coach voor “{forming.name}”" in section
    assert demo_community.community.name not in section  # it has its two coaches
    for _ in range(5):
        extra = CommunityFactory(organisation=demo_community.organisation)
        LearningPeriodFactory(community=extra)
        MembershipFactory(community=extra, role=Membership.Role.COACH)
    section, more = waiting()
    assert section.count("Zoek een tweede coach") == 6
    assert more == count
