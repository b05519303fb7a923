"""Retention: a period that ended long enough ago loses its private content,
after its members were told; what the community made together stays."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from django.utils import timezone

from leerkring.communities.models import LearningPeriod, Membership
from leerkring.communities.tests.factories import (
    CommunityFactory,
    LearningPeriodFactory,
    MembershipFactory,
)
from leerkring.core.models import AuditAction, AuditEvent
from leerkring.core.todo import collect
from leerkring.intake.models import Intake, IntakePreparation
from leerkring.intake.tests.factories import IntakeFactory, IntakePreparationFactory
from leerkring.journal.models import Reflection, Visibility
from leerkring.journal.tests.factories import (
    CoachFeedbackFactory,
    CommentFactory,
    ReflectionFactory,
)
from leerkring.meetings.models import Meeting
from leerkring.meetings.tests.factories import MeetingFactory
from leerkring.pulses.models import Pulse
from leerkring.pulses.tests.factories import PulseFactory, PulseWindowFactory
from leerkring.retention import actions
from leerkring.retention.models import PeriodRetention, add_months
from leerkring.tracks.models import ProgressEntry
from leerkring.tracks.tests.factories import (
    CollectiveTrackFactory,
    ProgressEntryFactory,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 7)


def at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(9)))


def old_community() -> dict[str, Any]:
    """A leergang that ended 13 months before TODAY, with private and shared
    content, each with a unique marker."""
    community = CommunityFactory()
    end = add_months(TODAY, -13)
    period = LearningPeriodFactory(
        community=community,
        kind=LearningPeriod.Kind.LEERGANG,
        start_date=end - timedelta(days=180),
        end_date=end,
    )
    participant = MembershipFactory(community=community)
    coach = MembershipFactory(community=community, role=Membership.Role.COACH)
    meeting = MeetingFactory(period=period, number=1)
    private = ReflectionFactory(
        community=community, author=participant.user, meeting=meeting, body="PRIVATE-J1"
    )
    shared = ReflectionFactory(
        community=community,
        author=participant.user,
        meeting=meeting,
        visibility=Visibility.COMMUNITY,
        body="SHARED-J2",
    )
    CommentFactory(reflection=shared, body="COMMENT-C1")
    CoachFeedbackFactory(reflection=private, coach=coach.user, body="FEEDBACK-F1")
    IntakePreparationFactory(membership=participant, expectations="PREP-P1")
    IntakeFactory(membership=participant, notes="NOTES-N1")
    pulse = PulseFactory(
        window=PulseWindowFactory(meeting=meeting),
        user=participant.user,
        word="WORD-W1",
    )
    track = CollectiveTrackFactory(period=period)
    ProgressEntryFactory(track=track, text="PROGRESS-S1")
    return {
        "community": community,
        "period": period,
        "participant": participant,
        "pulse": pulse,
    }


def test_a_period_that_ended_13_months_ago_loses_its_private_content(
    mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    world = old_community()
    recent = old_community()
    recent["period"].end_date = TODAY - timedelta(days=30)
    recent["period"].save()

    # First round: the members are told (e-mail and to-do), nothing goes yet.
    with django_capture_on_commit_callbacks(execute=True):
        done = actions.run(at(TODAY))
    assert done["notified"] == 1
    assert Reflection.objects.filter(community=world["community"]).count() == 2
    recipients = {m.to[0] for m in mailoutbox}
    assert world["participant"].user.email in recipients
    assert "PRIVATE-J1" not in "".join(m.body for m in mailoutbox)
    retention = PeriodRetention.objects.get(period=world["period"])
    assert retention.removal_on == add_months(world["period"].end_date, 12)
    assert retention.removes_on == TODAY + timedelta(days=30)
    todo_texts = [
        t.text for t in collect(world["participant"].user, [world["participant"]])
    ]
    assert any("download your data" in t for t in todo_texts)

    # After the notice time the private content goes; shared history stays.
    later = TODAY + timedelta(days=31)
    done = actions.run(at(later))
    assert done["journal_entries"] == 2
    assert not Reflection.objects.filter(community=world["community"]).exists()
    assert not IntakePreparation.objects.filter(
        membership=world["participant"]
    ).exists()
    assert not Intake.objects.filter(membership=world["participant"]).exists()
    pulse = Pulse.objects.get(pk=world["pulse"].pk)
    assert (pulse.user, pulse.word, pulse.energy) == (None, "", world["pulse"].energy)
    assert ProgressEntry.objects.filter(text="PROGRESS-S1").exists()
    assert Meeting.objects.filter(period=world["period"]).exists()
    # The log says how many of what, never the content.
    event = AuditEvent.objects.get(action=AuditAction.RETENTION_APPLIED)
    assert event.detail["removed"]["journal_entries"] == 2
    assert "PRIVATE" not in str(event.detail)
    # The recent period keeps everything, and a second round changes nothing.
    assert Reflection.objects.filter(community=recent["community"]).count() == 2
    assert actions.run(at(later))["journal_entries"] == 0


def test_nobody_loses_content_without_notice(
    django_capture_on_commit_callbacks: Any,
) -> None:
    """A period long past its removal day is first announced; it goes only a
    notice time later."""
    world = old_community()
    world["period"].end_date = add_months(TODAY, -30)
    world["period"].start_date = world["period"].end_date - timedelta(days=180)
    world["period"].save()
    with django_capture_on_commit_callbacks(execute=True):
        actions.run(at(TODAY))
    actions.run(at(TODAY + timedelta(days=10)))
    assert Reflection.objects.filter(community=world["community"]).exists()


def test_a_longer_retention_moves_the_planned_removal(
    django_capture_on_commit_callbacks: Any,
) -> None:
    world = old_community()
    with django_capture_on_commit_callbacks(execute=True):
        actions.run(at(TODAY))
    organisation = world["community"].organisation
    actions.set_policy(organisation=organisation, months=24, version=1, actor=None)
    actions.run(at(TODAY + timedelta(days=31)))
    assert Reflection.objects.filter(community=world["community"]).exists()
    retention = PeriodRetention.objects.get(period=world["period"])
    assert retention.removal_on == add_months(world["period"].end_date, 24)


def test_add_months_keeps_the_day_or_takes_the_last() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 1, 15), -13) == date(2024, 12, 15)
    assert add_months(date(2026, 12, 7), 12) == date(2027, 12, 7)
