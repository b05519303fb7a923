"""Assignment reports due, opened check-ins and the coach digest."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from leerkring.assignments.models import AssignmentReport
from leerkring.assignments.tests.factories import (
    AssignmentReportFactory,
    IntegrationAssignmentFactory,
)
from leerkring.communities.models import Membership
from leerkring.communities.tests.factories import MembershipFactory
from leerkring.intake.models import Commitment
from leerkring.intake.tests.factories import IntakeFactory
from leerkring.pulses.actions import close_window, open_window, record_pulse
from leerkring.pulses.models import Moment
from leerkring.reports import reminders
from leerkring.reports.models import (
    DeliveryStatus,
    ReminderDelivery,
    ReminderKind,
    local_datetime,
)
from leerkring.reports.tests.factories import (
    ReminderPreferenceFactory,
    community_with_session,
)

pytestmark = pytest.mark.django_db


def _kind(kind: str) -> Any:
    return ReminderDelivery.objects.filter(kind=kind)


def _mails_to(user: Any) -> list[Any]:
    return [m for m in mail.outbox if m.to == [user.email]]


def _assignment(meeting: Any, owner: Any, **fields: Any) -> Any:
    return IntegrationAssignmentFactory(
        meeting=meeting,
        period=meeting.period,
        due_meeting=meeting,
        due_date=meeting.date,
        owner=owner,
        **fields,
    )


def test_the_day_before_the_session_owners_of_open_assignments_are_reminded() -> None:
    """Open assignments are reminded; one reported on (done or partly) needs none."""
    _community, meeting, people, _coaches = community_with_session(in_days=1)
    open_one = _assignment(
        meeting, people[0], what="Feedback-gesprekken met tweetallen"
    )
    done = _assignment(meeting, people[1])
    AssignmentReportFactory(assignment=done, status=AssignmentReport.Status.DONE)
    partly = _assignment(meeting, people[2])
    AssignmentReportFactory(assignment=partly, status=AssignmentReport.Status.PARTLY)
    reminders.run(local_datetime(timezone.localdate(), 8))
    recipients = set(
        _kind(ReminderKind.ASSIGNMENT_DUE).values_list("recipient", flat=True)
    )
    assert recipients == {people[0].pk}
    message = next(m for m in _mails_to(people[0]) if "verslag" in m.subject)
    assert open_one.what in message.body
    assert "/assignments/" in message.body
    assert message.alternatives[0].content.count("<li>") == 1


def test_a_report_written_after_planning_cancels_the_reminder() -> None:
    _community, meeting, people, _coaches = community_with_session(in_days=2)
    assignment = _assignment(meeting, people[0])
    today = timezone.localdate()
    reminders.plan(local_datetime(today, 9))
    assert _kind(ReminderKind.ASSIGNMENT_DUE).count() == 1
    AssignmentReportFactory(assignment=assignment)
    reminders.send_due(local_datetime(today + datetime.timedelta(days=1), 9))
    delivery = _kind(ReminderKind.ASSIGNMENT_DUE).get()
    assert delivery.status == DeliveryStatus.SKIPPED
    assert delivery.note == "reported already"


def test_the_session_reminder_lists_the_persons_open_assignments() -> None:
    _community, meeting, people, _coaches = community_with_session(in_days=2)
    mine = _assignment(meeting, people[0], what="Rubric samen met studenten maken")
    _assignment(meeting, people[1], what="Iets van iemand anders")
    reminders.run(local_datetime(timezone.localdate(), 9))
    session_mail = next(m for m in _mails_to(people[0]) if "Bijeenkomst" in m.subject)
    assert mine.what in session_mail.body
    assert "Iets van iemand anders" not in session_mail.body


def test_an_opened_check_in_reminds_participants_who_did_not_answer() -> None:
    _community, meeting, people, coaches = community_with_session(in_days=0)
    ReminderPreferenceFactory(user=people[2], check_in_opened=False)
    open_window(meeting=meeting, moment=Moment.CHECK_IN, actor=coaches[0])
    record_pulse(
        meeting=meeting,
        moment=Moment.CHECK_IN,
        user=people[1],
        energy=4,
        safety=4,
        collective_tension=3,
        personal_tension=3,
        word="zin",
    )
    reminders.run(timezone.now())
    assert set(
        _kind(ReminderKind.CHECK_IN_OPENED).values_list("recipient", flat=True)
    ) == {people[0].pk}
    assert any("check-in" in m.subject for m in _mails_to(people[0]))


def _check_in_mails() -> list[Any]:
    return [m for m in mail.outbox if "check-in" in m.subject]


def test_opening_the_check_in_reminds_participants_without_waiting_for_a_round(
    django_capture_on_commit_callbacks: Any,
) -> None:
    """Once the opening is committed a reminder round runs: the participants (not
    the coach) hear at once; nobody's reminder waits for the next round."""
    _community, meeting, people, coaches = community_with_session(in_days=0)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        open_window(meeting=meeting, moment=Moment.CHECK_IN, actor=coaches[0])
    assert len(callbacks) == 1
    assert sorted(m.to[0] for m in _check_in_mails()) == sorted(
        person.email for person in people
    )


def test_the_reminder_round_at_opening_never_sends_a_reminder_twice(
    django_capture_on_commit_callbacks: Any,
) -> None:
    """Neither the next regular round nor closing and reopening (another round)
    sends the same check-in reminder again: every delivery is claimed once."""
    _community, meeting, people, coaches = community_with_session(in_days=0)
    with django_capture_on_commit_callbacks(execute=True):
        open_window(meeting=meeting, moment=Moment.CHECK_IN, actor=coaches[0])
    reminders.run(timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        close_window(meeting=meeting, moment=Moment.CHECK_IN)
        open_window(meeting=meeting, moment=Moment.CHECK_IN, actor=coaches[0])
    assert len(_check_in_mails()) == len(people)
    assert set(
        _kind(ReminderKind.CHECK_IN_OPENED).values_list("status", flat=True)
    ) == {DeliveryStatus.SENT}


def test_opening_the_check_out_queues_no_round(
    django_capture_on_commit_callbacks: Any,
) -> None:
    _community, meeting, _people, coaches = community_with_session(in_days=0)
    with django_capture_on_commit_callbacks() as callbacks:
        open_window(meeting=meeting, moment=Moment.CHECK_OUT, actor=coaches[0])
    assert callbacks == []


def test_a_closed_check_in_sends_nothing_any_more() -> None:
    _community, meeting, _people, coaches = community_with_session(in_days=0)
    open_window(meeting=meeting, moment=Moment.CHECK_IN, actor=coaches[0])
    now = timezone.now()
    reminders.plan(now)
    close_window(meeting=meeting, moment=Moment.CHECK_IN)
    reminders.send_due(now)
    statuses = set(_kind(ReminderKind.CHECK_IN_OPENED).values_list("note", flat=True))
    assert statuses == {"check-in closed"}
    assert not any("check-in" in m.subject for m in mail.outbox)


def _answer(meeting: Any, people: list[Any], energies: list[int]) -> None:
    for person, energy in zip(people, energies, strict=False):
        record_pulse(
            meeting=meeting,
            moment=Moment.CHECK_IN,
            user=person,
            energy=energy,
            safety=4,
            collective_tension=3,
            personal_tension=3,
            word="",
        )


@pytest.mark.parametrize(("answers", "shows_mean"), [(2, False), (3, True)])
def test_the_digest_shows_group_means_only_from_three_answers(
    answers: int, shows_mean: bool
) -> None:
    """Counts always; the mean energy and safety only with at least 3 answers."""
    _community, meeting, people, coaches = community_with_session(
        in_days=0, participants=4
    )
    open_window(meeting=meeting, moment=Moment.CHECK_IN, actor=coaches[0])
    _answer(meeting, people, [5, 3, 4][:answers])
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    delivery = ReminderDelivery.objects.create(
        kind=ReminderKind.COACH_DIGEST,
        recipient=coaches[0],
        subject=f"community:{meeting.period.community_id}",
        scheduled_for=monday,
        community=meeting.period.community,
        send_after=timezone.now(),
    )
    reminders.deliver(delivery.pk, timezone.now() + datetime.timedelta(seconds=1))
    digest = _mails_to(coaches[0])[0]
    assert f"{answers} antwoorden" in digest.body
    assert ("gemiddelde energie 4,0" in digest.body) is shows_mean


def _digest_for(coach: Any, community: Any) -> Any:
    today = timezone.localdate()
    return ReminderDelivery.objects.create(
        kind=ReminderKind.COACH_DIGEST,
        recipient=coach,
        subject=f"community:{community.pk}",
        scheduled_for=today - datetime.timedelta(days=today.weekday()),
        community=community,
        send_after=timezone.now(),
    )


def test_the_digest_counts_participants_still_waiting_for_their_intake() -> None:
    """Invited participants count too; any recorded intake (also "not yet") ends
    the wait; coaches and those who left are not counted."""
    community, _meeting, people, coaches = community_with_session(participants=4)
    MembershipFactory(community=community, status=Membership.Status.INVITED)
    MembershipFactory(community=community, status=Membership.Status.LEFT)
    IntakeFactory(membership=people[0].memberships.get())
    IntakeFactory(membership=people[1].memberships.get(), commitment=Commitment.NOT_YET)
    reminders.deliver(_digest_for(coaches[0], community).pk)
    digest = _mails_to(coaches[0])[0]
    assert "- 3 deelnemers nog zonder intake" in digest.body
    assert "<li>3 deelnemers nog zonder intake</li>" in digest.alternatives[0].content


def test_the_digest_leaves_the_intake_line_out_once_every_intake_is_held() -> None:
    community, _meeting, people, coaches = community_with_session(participants=2)
    for person in people:
        IntakeFactory(membership=person.memberships.get())
    reminders.deliver(_digest_for(coaches[0], community).pk)
    assert "zonder intake" not in _mails_to(coaches[0])[0].body


def _digest_queries(participants: int) -> int:
    community, _meeting, people, coaches = community_with_session(
        participants=participants
    )
    IntakeFactory(membership=people[0].memberships.get())
    delivery = _digest_for(coaches[0], community)
    with CaptureQueriesContext(connection) as queries:
        reminders.deliver(delivery.pk)
    assert "zonder intake" in _mails_to(coaches[0])[-1].body
    return len(queries)


def test_the_digest_costs_the_same_queries_for_a_small_and_a_full_group() -> None:
    assert _digest_queries(2) == _digest_queries(12)
