"""The coaching question on the home page's to-do list: from session 7 of the
leergang on, until answered; "maybe later" asks again in the next period."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from leerkring.alumni import actions
from leerkring.alumni.models import Answer
from leerkring.alumni.tests.factories import (
    CoachingInterestFactory,
    leergang_with_session_7,
)
from leerkring.alumni.todo import todos
from leerkring.communities.models import LearningPeriod, Membership
from leerkring.communities.tests.factories import (
    LearningPeriodFactory,
    MembershipFactory,
)
from leerkring.core.todo import Todo

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


def items(user: Any) -> list[Todo]:
    memberships = list(
        Membership.objects.active().filter(user=user).select_related("community")
    )
    return list(todos(user, memberships))


def answer(membership: Membership, value: str, version: int | None = None) -> None:
    actions.answer_coaching_question(
        membership=membership,
        actor=membership.user,
        answer=value,
        note="",
        version=version,
    )


def test_the_question_waits_from_session_7_until_answered() -> None:
    """Not before session 7's date; on it, one item linking to the page; gone once
    answered."""
    today = timezone.localdate()
    membership = MembershipFactory()
    period = leergang_with_session_7(membership.community, today + DAY)
    assert items(membership.user) == []

    period.meetings.filter(number=7).update(date=today)
    assert items(membership.user) == [
        Todo(
            community_id=membership.community_id,
            text="Wil je een nieuwe learning community coachen?",
            url=reverse("alumni:coaching", args=[membership.community_id]),
        )
    ]

    answer(membership, Answer.NO)
    assert items(membership.user) == []


def test_the_question_is_asked_after_a_leergang_without_session_7() -> None:
    membership = MembershipFactory()
    today = timezone.localdate()
    LearningPeriodFactory(
        community=membership.community,
        start_date=today - timedelta(days=200),
        end_date=today - DAY,
    )
    assert len(items(membership.user)) == 1


def test_a_self_run_period_does_not_open_the_question() -> None:
    membership = MembershipFactory()
    today = timezone.localdate()
    period = leergang_with_session_7(membership.community, today)
    LearningPeriod.objects.filter(pk=period.pk).update(
        kind=LearningPeriod.Kind.SELF_RUN
    )
    assert items(membership.user) == []


def test_only_active_participants_are_asked() -> None:
    participant = MembershipFactory()
    community = participant.community
    leergang_with_session_7(community, timezone.localdate())
    coach = MembershipFactory(community=community, role=Membership.Role.COACH)
    invited = MembershipFactory(community=community, status=Membership.Status.INVITED)
    assert items(coach.user) == []
    assert items(invited.user) == []
    assert len(items(participant.user)) == 1


def test_someone_elses_answer_does_not_take_mine_away() -> None:
    me = MembershipFactory()
    fellow = MembershipFactory(community=me.community)
    leergang_with_session_7(me.community, timezone.localdate())
    answer(fellow, Answer.YES)
    assert len(items(me.user)) == 1
    assert items(fellow.user) == []


def test_maybe_later_asks_again_once_the_next_period_has_begun() -> None:
    today = timezone.localdate()
    membership = MembershipFactory()
    leergang = leergang_with_session_7(membership.community, today - DAY * 30)
    CoachingInterestFactory(
        membership=membership,
        answer=Answer.MAYBE,
        answered_at=timezone.now() - timedelta(days=20),
    )
    assert items(membership.user) == []
    following = LearningPeriodFactory(
        community=membership.community,
        kind=LearningPeriod.Kind.SELF_RUN,
        start_date=max(leergang.end_date, today) + DAY,
    )
    assert items(membership.user) == []  # not begun yet
    LearningPeriod.objects.filter(pk=following.pk).update(start_date=today)
    assert len(items(membership.user)) == 1


def test_yes_and_no_are_not_asked_again_in_a_new_period() -> None:
    today = timezone.localdate()
    for value in (Answer.YES, Answer.NO):
        membership = MembershipFactory()
        leergang_with_session_7(membership.community, today - DAY * 30)
        CoachingInterestFactory(
            membership=membership,
            answer=value,
            answered_at=timezone.now() - timedelta(days=20),
        )
        LearningPeriodFactory(
            community=membership.community,
            kind=LearningPeriod.Kind.SELF_RUN,
            start_date=today - DAY,
        )
        assert items(membership.user) == []


def test_one_query_however_many_communities() -> None:
    today = timezone.localdate()

    def queries(user: Any) -> tuple[int, int]:
        memberships = list(
            Membership.objects.active().filter(user=user).select_related("community")
        )
        with CaptureQueriesContext(connection) as captured:
            found = list(todos(user, memberships))
        return len(captured), len(found)

    first = MembershipFactory()
    leergang_with_session_7(first.community, today)
    assert queries(first.user) == (1, 1)
    for _ in range(4):
        more = MembershipFactory(user=first.user)
        leergang_with_session_7(more.community, today)
    CoachingInterestFactory(membership=more, answer=Answer.MAYBE)
    assert queries(first.user) == (1, 4)


def test_the_home_page_shows_the_item() -> None:
    from django.test import Client

    membership = MembershipFactory()
    leergang_with_session_7(membership.community, timezone.localdate())
    client = Client()
    client.force_login(membership.user)
    page = client.get(reverse("home:home")).content.decode()
    waiting = page.split('id="todo-heading"')[1].split("</section>")[0]
    assert "Wil je een nieuwe learning community coachen?" in waiting
    assert reverse("alumni:coaching", args=[membership.community_id]) in waiting
