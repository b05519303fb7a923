"""Plan and send due reminders now, or (re)start the self-rescheduling planner."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from leerkring.reports import reminders
from leerkring.reports.tasks import ensure_scheduled


class Command(BaseCommand):
    help = (
        "Run one round of the reminder planner now (plan, then send what is due), "
        "or with --schedule make sure the background planner is queued."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Queue the self-rescheduling planner task if none is waiting.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["schedule"]:
            started = ensure_scheduled()
            self.stdout.write(
                "Reminder planner queued." if started else "Reminder planner running."
            )
            return
        outcome = reminders.run()
        for status, count in sorted(outcome.items()):
            self.stdout.write(f"{status}: {count}")
