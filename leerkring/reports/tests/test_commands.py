"""The management commands: a simulated week, one planner round, the chain."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from leerkring.pulses.actions import open_window
from leerkring.pulses.models import Moment
from leerkring.reports.models import (
    DeliveryStatus,
    ReminderClock,
    ReminderDelivery,
    ReminderKind,
)
from leerkring.reports.tasks import INTERVAL, reminder_round
from leerkring.reports.tests.factories import community_with_session

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
pytestmark = pytest.mark.django_db


def test_simulating_the_demo_week_counts_mail_and_changes_nothing(
    demo_community: Any,
) -> None:
    """The week of session 4: reminders of every kind, none sent, none kept."""
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    out = io.StringIO()
    call_command(
        "simulate_reminders", "--days", "7", "--start", monday.isoformat(), stdout=out
    )
    counts = {
        line.split()[0]: int(line.split()[1])
        for line in out.getvalue().splitlines()[1:]
    }
    people = len(demo_community.participants) + len(demo_community.coaches)
    if demo_community.current_meeting.date - monday >= datetime.timedelta(days=2):
        assert counts["session_soon"] == people
    # Marieke coaches two communities with a running period; Ruben switched his off
    # for the Dutch leergang and gets the one of the English semester group.
    assert counts["coach_digest"] == 3
    assert counts["total"] == sum(v for k, v in counts.items() if k != "total")
    assert not ReminderDelivery.objects.exists()
    assert mail.outbox == []


@override_settings(TASKS=DATABASE_QUEUE)
def test_the_planner_keeps_exactly_one_next_round_in_the_queue() -> None:
    """Run twice (a duplicate enqueue): still one waiting round, INTERVAL ahead."""
    reminder_round.call()
    reminder_round.call()
    waiting = DBTaskResult.objects.filter(task_path=reminder_round.module_path)
    assert waiting.count() == 1
    clock = ReminderClock.objects.get()
    assert waiting.get().run_after == clock.next_run_at
    assert clock.last_run_at is not None
    assert clock.next_run_at - clock.last_run_at == INTERVAL


@override_settings(TASKS=DATABASE_QUEUE)
def test_the_round_queued_by_an_opened_check_in_leaves_the_chain_single(
    django_capture_on_commit_callbacks: Any,
) -> None:
    """The chain's next round waits; the extra round runs now, sends the check-in
    reminders and, finding the clock ahead, queues no second chain."""
    _community, meeting, people, coaches = community_with_session(in_days=0)
    reminder_round.call()  # the chain: the next round waits INTERVAL ahead
    with django_capture_on_commit_callbacks(execute=True):
        open_window(meeting=meeting, moment=Moment.CHECK_IN, actor=coaches[0])
    rounds = DBTaskResult.objects.filter(task_path=reminder_round.module_path)
    assert rounds.count() == 2  # the chain's next round and the extra one
    assert rounds.filter(run_after=ReminderClock.objects.get().next_run_at).exists()
    reminder_round.call()  # what the worker does with the extra round
    assert rounds.count() == 2  # it queued nothing: still one chain
    sent = ReminderDelivery.objects.filter(
        kind=ReminderKind.CHECK_IN_OPENED, status=DeliveryStatus.SENT
    )
    assert sent.count() == len(people)


@override_settings(TASKS=DATABASE_QUEUE)
def test_plan_reminders_schedule_starts_the_chain_once() -> None:
    out = io.StringIO()
    call_command("plan_reminders", "--schedule", stdout=out)
    call_command("plan_reminders", "--schedule", stdout=out)
    waiting = DBTaskResult.objects.filter(task_path=reminder_round.module_path)
    assert waiting.count() == 1
    assert out.getvalue().splitlines() == [
        "Reminder planner queued.",
        "Reminder planner running.",
    ]
