"""Open check-ins and check-outs on the home page's to-do list."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from leerkring.communities.models import Membership
from leerkring.communities.tests.factories import (
    LearningPeriodFactory,
    MembershipFactory,
)
from leerkring.core.todo import Todo
from leerkring.meetings.tests.factories import MeetingFactory
from leerkring.pulses.models import Moment, PulseWindow
from leerkring.pulses.tests.factories import PulseFactory, PulseWindowFactory
from leerkring.pulses.todo import todos

pytestmark = pytest.mark.django_db


def items(user: Any) -> list[Todo]:
    return list(todos(user, list(user.memberships.active())))


def todays_window(membership: Membership, **kwargs: Any) -> PulseWindow:
    period = LearningPeriodFactory(community=membership.community)
    meeting = MeetingFactory(period=period, date=timezone.localdate())
    window: PulseWindow = PulseWindowFactory.create(meeting=meeting, **kwargs)
    return window


def test_an_open_check_in_waits_until_answered() -> None:
    membership = MembershipFactory()
    window = todays_window(membership)
    [item] = items(membership.user)
    assert item.text == f"Vul de check-in van bijeenkomst {window.meeting.number} in"
    assert item.on == timezone.localdate()
    assert item.url == reverse(
        "pulses:pulse-answer",
        args=[membership.community_id, window.meeting_id, Moment.CHECK_IN],
    )
    PulseFactory(
        window=window, user=MembershipFactory(community=membership.community).user
    )
    assert len(items(membership.user)) == 1  # someone else's answer is not mine
    PulseFactory(window=window, user=membership.user)
    assert items(membership.user) == []


def test_check_out_closed_unopened_and_stale_windows() -> None:
    membership = MembershipFactory()
    window = todays_window(membership, moment=Moment.CHECK_OUT)
    assert [i.text for i in items(membership.user)] == [
        f"Vul de check-out van bijeenkomst {window.meeting.number} in"
    ]
    window.close()
    assert items(membership.user) == []
    todays_window(membership, opened_at=None)
    assert items(membership.user) == []
    stale = todays_window(membership)
    stale.meeting.date -= datetime.timedelta(days=1)
    stale.meeting.save()
    assert items(membership.user) == []


def test_coaches_and_other_communities_get_nothing() -> None:
    membership = MembershipFactory()
    todays_window(membership)
    coach = MembershipFactory(
        community=membership.community, role=Membership.Role.COACH
    )
    assert items(coach.user) == []
    assert items(MembershipFactory().user) == []


def test_queries_do_not_grow_with_communities() -> None:
    membership = MembershipFactory()
    todays_window(membership)
    with CaptureQueriesContext(connection) as first:
        items(membership.user)
    for _ in range(4):
        other = MembershipFactory(user=membership.user)
        todays_window(other)
        todays_window(other, moment=Moment.CHECK_OUT)
    with CaptureQueriesContext(connection) as then:
        assert len(items(membership.user)) == 9
    assert len(then) == len(first)
