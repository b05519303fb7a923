"""The home page's to-do items for integration assignments: reports still owed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from leerkring.accounts.tests.factories import UserFactory
from leerkring.assignments import actions, todo
from leerkring.assignments.models import AssignmentReport, IntegrationAssignment
from leerkring.assignments.tests.factories import (
    AssignmentReportFactory,
    IntegrationAssignmentFactory,
)
from leerkring.communities.models import Community, LearningPeriod, Membership, Sharing
from leerkring.communities.tests.factories import (
    CommunityFactory,
    LearningPeriodFactory,
    MembershipFactory,
)
from leerkring.core.todo import Todo
from leerkring.meetings.models import Meeting
from leerkring.meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@dataclass
class Place:
    """A community whose running period held sessions 1–3; 4 is next, 5 later."""

    community: Community
    period: LearningPeriod
    meetings: list[Meeting]

    @property
    def last(self) -> Meeting:
        """The session held most recently (number 3)."""
        return self.meetings[2]

    @property
    def next(self) -> Meeting:
        return self.meetings[3]

    @property
    def later(self) -> Meeting:
        return self.meetings[4]


def place(*members: tuple[Any, str]) -> Place:
    today = timezone.localdate()
    community = CommunityFactory()
    period = LearningPeriodFactory(
        community=community, start_date=today - timedelta(weeks=7)
    )
    meetings = [MeetingFactory(period=period, number=n) for n in range(1, 6)]
    for user, role in members:
        MembershipFactory(
            community=community, user=user, role=role, joined_on=period.start_date
        )
    return Place(community, period, meetings)


PARTICIPANT = Membership.Role.PARTICIPANT
COACH = Membership.Role.COACH


def assignment(where: Place, due: Meeting, **kw: Any) -> IntegrationAssignment:
    previous = where.meetings[due.number - 2]
    created: IntegrationAssignment = IntegrationAssignmentFactory.create(
        meeting=previous, due_meeting=due, **kw
    )
    return created


def todos(user: Any) -> list[Todo]:
    memberships = list(
        Membership.objects.active().filter(user=user).select_related("community")
    )
    with translation.override("en"):
        return list(todo.todos(user, memberships))


def urls(items: list[Todo]) -> list[str]:
    return [item.url for item in items]


def report_url(item: IntegrationAssignment) -> str:
    return reverse("assignments:report", args=[item.pk])


def test_an_own_assignment_due_at_the_next_session_links_to_its_report() -> None:
    me = UserFactory()
    here = place((me, PARTICIPANT))
    mine = assignment(here, here.next, owner=me, what="Feedback vragen aan twee")
    assert todos(me) == [
        Todo(
            community_id=here.community.pk,
            text="Report on “Feedback vragen aan twee”",
            url=report_url(mine),
            due=here.next.date,
        )
    ]


def test_overdue_ones_appear_and_those_due_after_the_next_session_wait() -> None:
    me = UserFactory()
    here = place((me, PARTICIPANT))
    overdue = assignment(here, here.last, owner=me)
    assignment(here, here.later, owner=me)
    assert urls(todos(me)) == [report_url(overdue)]


def test_a_long_assignment_is_shortened_in_the_sentence() -> None:
    me = UserFactory()
    here = place((me, PARTICIPANT))
    assignment(here, here.next, owner=me, what="woord " * 40)
    (item,) = todos(me)
    assert len(item.text) < 80
    assert item.text.endswith("…”")


def test_any_report_takes_it_off_the_list_partly_and_not_too() -> None:
    """Once someone told how it went, "Tell how it went" stops asking."""
    me = UserFactory()
    here = place((me, PARTICIPANT))
    done = assignment(here, here.last, owner=me)
    partly = assignment(here, here.next, owner=me)
    not_done = assignment(here, here.next, owner=me)
    still_open = assignment(here, here.next, owner=me)
    AssignmentReportFactory(assignment=done, author=me)
    AssignmentReportFactory(
        assignment=partly, author=me, status=AssignmentReport.Status.PARTLY
    )
    AssignmentReportFactory(
        assignment=not_done, author=me, status=AssignmentReport.Status.NOT
    )
    assert urls(todos(me)) == [report_url(still_open)]


def test_a_carried_over_assignment_appears_once_as_its_successor() -> None:
    me = UserFactory()
    here = place((me, PARTICIPANT))
    before = assignment(here, here.last, owner=me)
    assert urls(todos(me)) == [report_url(before)]
    successor = actions.carry_over(assignment=before, actor=me)
    assert urls(todos(me)) == [report_url(successor)]


def test_a_group_assignment_waits_for_each_participant_until_they_report() -> None:
    me, fellow = UserFactory(), UserFactory()
    here = place((me, PARTICIPANT), (fellow, PARTICIPANT))
    shared = assignment(here, here.next, owner=None, sharing=Sharing.COMMUNITY)
    assert urls(todos(me)) == urls(todos(fellow)) == [report_url(shared)]
    AssignmentReportFactory(
        assignment=shared, author=fellow, status=AssignmentReport.Status.NOT
    )
    assert urls(todos(me)) == [report_url(shared)]
    assert todos(fellow) == []


def test_another_persons_assignment_never_appears_even_when_shared() -> None:
    me, fellow = UserFactory(), UserFactory()
    here = place((me, PARTICIPANT), (fellow, PARTICIPANT))
    assignment(here, here.next, owner=fellow, sharing=Sharing.COMMUNITY)
    assignment(here, here.next, owner=fellow)
    assert todos(me) == []


def test_coaches_get_no_participant_items() -> None:
    coach, me = UserFactory(), UserFactory()
    here = place((coach, COACH), (me, PARTICIPANT))
    assignment(here, here.next, owner=None, sharing=Sharing.COMMUNITY)
    assignment(here, here.next, owner=me)
    # Once a participant here, now coaching: their old assignment is not theirs
    # to report on any more.
    assignment(here, here.next, owner=coach)
    assert todos(coach) == []


def test_only_the_running_period_of_a_community_the_person_is_active_in() -> None:
    me = UserFactory()
    here = place((me, PARTICIPANT))
    today = timezone.localdate()
    ended = LearningPeriodFactory(
        community=here.community,
        start_date=today - timedelta(weeks=40),
        end_date=today - timedelta(weeks=10),
    )
    old = MeetingFactory(period=ended, number=1)
    IntegrationAssignmentFactory(meeting=old, owner=me, due_date=old.date)
    left = place((me, PARTICIPANT))
    Membership.objects.filter(community=left.community).update(
        status=Membership.Status.LEFT
    )
    assignment(left, left.next, owner=me)
    assert todos(me) == []


def test_after_the_last_session_every_open_assignment_remains() -> None:
    me = UserFactory()
    here = place((me, PARTICIPANT))
    Meeting.objects.filter(pk__in=[here.next.pk, here.later.pk]).delete()
    due_soon = IntegrationAssignmentFactory(
        meeting=here.last,
        owner=me,
        due_date=timezone.localdate() + timedelta(weeks=2),
    )
    assert urls(todos(me)) == [report_url(due_soon)]


def test_items_are_sorted_by_due_date() -> None:
    me = UserFactory()
    first, second = place((me, PARTICIPANT)), place((me, PARTICIPANT))
    late = assignment(first, first.next, owner=me)
    early = assignment(second, second.last, owner=None, sharing=Sharing.COMMUNITY)
    items = todos(me)
    assert urls(items) == [report_url(early), report_url(late)]
    assert [i.community_id for i in items] == [
        second.community.pk,
        first.community.pk,
    ]
    assert all(isinstance(i.due, date) for i in items)


def busy(me: Any, count: int) -> int:
    """Queries for ``me`` in ``count`` communities, each with open items."""
    for _ in range(count):
        fellow = UserFactory()
        here = place((me, PARTICIPANT), (fellow, PARTICIPANT))
        carried = assignment(here, here.last, owner=me)
        actions.carry_over(assignment=carried, actor=me)
        assignment(here, here.next, owner=None, sharing=Sharing.COMMUNITY)
        reported = assignment(here, here.next, owner=me)
        AssignmentReportFactory(assignment=reported, author=me)
        assignment(here, here.next, owner=fellow)
    memberships = list(
        Membership.objects.active().filter(user=me).select_related("community")
    )
    with CaptureQueriesContext(connection) as queries:
        items = list(todo.todos(me, memberships))
    assert len(items) == 2 * count
    return len(queries)


def test_the_query_count_does_not_grow_with_the_communities() -> None:
    assert busy(UserFactory(), 1) == busy(UserFactory(), 5) == 1


def test_nobody_without_participation_costs_no_query() -> None:
    coach = UserFactory()
    place((coach, COACH))
    memberships = list(Membership.objects.filter(user=coach))
    with CaptureQueriesContext(connection) as queries:
        assert list(todo.todos(coach, memberships)) == []
    assert len(queries) == 0


def test_the_item_reads_in_dutch() -> None:
    me = UserFactory()
    here = place((me, PARTICIPANT))
    assignment(here, here.next, owner=me, what="Feedback vragen")
    memberships = list(Membership.objects.active().filter(user=me))
    with translation.override("nl"):
        (item,) = todo.todos(me, memberships)
    assert item.text == "Vertel hoe het ging: “Feedback vragen”"


def test_work_due_before_someone_joined_is_not_on_their_list() -> None:
    """A latecomer is not asked for the session-1 group assignment that was due
    weeks before they joined; what is due after joining is theirs."""
    latecomer, early = UserFactory(), UserFactory()
    here = place((latecomer, PARTICIPANT), (early, PARTICIPANT))
    Membership.objects.filter(user=latecomer).update(
        joined_on=here.last.date + timedelta(days=1)
    )
    group = {"owner": None, "sharing": Sharing.COMMUNITY}
    before = assignment(here, here.meetings[1], **group)
    after = assignment(here, here.next, **group)
    assert urls(todos(latecomer)) == [report_url(after)]
    assert urls(todos(early)) == [report_url(before), report_url(after)]
