"""Assignment reports due, opened check-ins and the coach digest."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from leerkring.assignments.models import AssignmentReport
from leerkring.assignments.tests.factories import (
    AssignmentReportFactory,
    IntegrationAssignmentFactory,
)
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
    """Open or partly done assignments are reminded; a finished report needs none."""
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
    assert recipients == {people[0].pk, people[2].pk}
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


def test_a_closed_check_in_sends_nothing_any_more() -> None:
    _community, meeting, _people, coaches = community_with_session(in_days=0)
    open_window(meeting=meeting, moment=Moment.CHECK_IN, actor=coaches[0])
    now = timezone.now()
    reminders.plan(now)
    close_window(meeting=meeting, moment=Moment.CHECK_IN, actor=coaches[0])
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
