"""Reminders about assignments: reports due, open ones in the session e-mail."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from leerkring.assignments.models import AssignmentReport
from leerkring.assignments.tests.factories import (
    AssignmentReportFactory,
    IntegrationAssignmentFactory,
)
from leerkring.reports import reminders
from leerkring.reports.models import (
    DeliveryStatus,
    ReminderKind,
    local_datetime,
)
from leerkring.reports.tests.factories import (
    community_with_session,
    deliveries,
    mails_to,
)

pytestmark = pytest.mark.django_db


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
        deliveries(ReminderKind.ASSIGNMENT_DUE).values_list("recipient", flat=True)
    )
    assert recipients == {people[0].pk}
    message = next(m for m in mails_to(people[0]) if "verslag" in m.subject)
    assert open_one.what in message.body
    assert "/assignments/" in message.body
    assert message.alternatives[0].content.count("<li>") == 1


def test_a_report_written_after_planning_cancels_the_reminder() -> None:
    _community, meeting, people, _coaches = community_with_session(in_days=2)
    assignment = _assignment(meeting, people[0])
    today = timezone.localdate()
    reminders.plan(local_datetime(today, 9))
    assert deliveries(ReminderKind.ASSIGNMENT_DUE).count() == 1
    AssignmentReportFactory(assignment=assignment)
    reminders.send_due(local_datetime(today + datetime.timedelta(days=1), 9))
    delivery = deliveries(ReminderKind.ASSIGNMENT_DUE).get()
    assert delivery.status == DeliveryStatus.SKIPPED
    assert delivery.note == "reported already"


def test_the_session_reminder_lists_the_persons_open_assignments() -> None:
    _community, meeting, people, _coaches = community_with_session(in_days=2)
    mine = _assignment(meeting, people[0], what="Rubric samen met studenten maken")
    _assignment(meeting, people[1], what="Iets van iemand anders")
    reminders.run(local_datetime(timezone.localdate(), 9))
    session_mail = next(m for m in mails_to(people[0]) if "Bijeenkomst" in m.subject)
    assert mine.what in session_mail.body
    assert "Iets van iemand anders" not in session_mail.body
