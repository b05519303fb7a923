"""Background work for reminders: a planner task that reschedules itself.

``reminder_round`` plans and sends due reminders, then makes sure exactly one
next round is waiting in the queue (``run_after`` = now + ``INTERVAL``). The
``ReminderClock`` row decides which chain owns the next round: the round that
moves the clock forward enqueues the next one; a round that finds the clock
already in the future (the task was enqueued twice) does its work — harmless,
every delivery is claimed — but schedules nothing, so duplicate chains die out.
The next round is enqueued *before* the work, so a worker that dies mid-round
does not break the chain. ``ensure_scheduled`` starts (or restarts) the chain.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from leerkring.core.background import RUN_AGAIN, if_worker_dies

from . import reminders
from .models import ReminderClock

INTERVAL = timedelta(minutes=10)
CLOCK = "reminders"


def advance_clock(
    now: datetime, *, name: str = CLOCK, interval: timedelta = INTERVAL
) -> datetime | None:
    """Move the clock to the next round if it is due; the new time, or None.
    (Also the clock of other self-rescheduling rounds, e.g. retention's.)"""
    with transaction.atomic():
        clock, _created = ReminderClock.objects.select_for_update().get_or_create(
            name=name, defaults={"next_run_at": now}
        )
        if clock.next_run_at > now + timedelta(seconds=30):
            return None
        clock.next_run_at = now + interval
        clock.last_run_at = now
        clock.save(update_fields=["next_run_at", "last_run_at"])
        return clock.next_run_at


def enqueue_next(round_task: Any, run_after: datetime) -> bool:
    """Queue the next round, where the backend can wait (the database queue can)."""
    if not round_task.get_backend().supports_defer:
        return False
    round_task.using(run_after=run_after).enqueue()
    return True


@if_worker_dies(RUN_AGAIN)
@task()
def reminder_round() -> dict[str, int]:
    """Plan and send reminders; keep exactly one next round in the queue."""
    now = timezone.now()
    next_run = advance_clock(now)
    if next_run is not None:
        enqueue_next(reminder_round, next_run)
    return dict(reminders.run(now))


def ensure_scheduled(
    now: datetime | None = None,
    *,
    round_task: Any = None,
    name: str = CLOCK,
    interval: timedelta = INTERVAL,
) -> bool:
    """Start the chain if no round is due soon (first start, or after an outage).

    The clock is set to ``now`` in the same transaction, so a second call finds
    the chain started and queues nothing. Without ``round_task``: the reminders.
    """
    now = now or timezone.now()
    with transaction.atomic():
        clock, created = ReminderClock.objects.select_for_update().get_or_create(
            name=name, defaults={"next_run_at": now}
        )
        if not created and clock.next_run_at > now - 2 * interval:
            return False
        clock.next_run_at = now
        clock.save(update_fields=["next_run_at"])
    (round_task or reminder_round).enqueue()
    return True
