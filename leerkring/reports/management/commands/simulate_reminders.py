"""How many e-mails would the next days produce? Runs the planner, sends nothing."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

from django.core import mail
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from leerkring.reports import reminders
from leerkring.reports.models import ReminderKind, local_datetime

LOCMEM = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


class Command(BaseCommand):
    help = (
        "Run the reminder planner over simulated days against the current data, "
        "with e-mail captured in memory and every change rolled back; print the "
        "number of e-mails per kind."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=7)
        parser.add_argument("--step-minutes", type=int, default=60)
        parser.add_argument(
            "--start",
            type=date.fromisoformat,
            default=None,
            help="First day (YYYY-MM-DD, from 00:00); default: now.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        start = (
            local_datetime(options["start"], 0) if options["start"] else timezone.now()
        )
        end = start + timedelta(days=options["days"])
        step = timedelta(minutes=options["step_minutes"])
        counts: Counter[str] = Counter()
        outbox = getattr(mail, "outbox", None)
        with override_settings(MAILERS=LOCMEM), transaction.atomic():
            mail.outbox = []
            now = start
            while now <= end:
                reminders.plan(now)
                for delivery_id in reminders.due_ids(now):
                    if reminders.deliver(delivery_id, now) == "sent":
                        counts[reminders.kind_of(delivery_id)] += 1
                now += step
            sent = len(mail.outbox)
            transaction.set_rollback(True)
        if outbox is not None:
            mail.outbox = outbox
        self.stdout.write(
            f"E-mails from {start:%Y-%m-%d %H:%M} over {options['days']} days:"
        )
        for kind, label in ReminderKind.choices:
            self.stdout.write(f"  {kind:<16} {counts.get(kind, 0):>4}  ({label})")
        self.stdout.write(f"  {'total':<16} {sent:>4}")
