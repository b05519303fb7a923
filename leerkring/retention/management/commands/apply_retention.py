"""Apply retention now, or start its daily round on the task queue.

manage.py apply_retention             # one round in the foreground
manage.py apply_retention --schedule  # start the daily chain (idempotent)
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from leerkring.retention import actions, tasks


class Command(BaseCommand):
    help = "Remove private content whose retention has ended (after telling members)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--schedule", action="store_true")

    def handle(self, *args: Any, schedule: bool, **kwargs: Any) -> None:
        if schedule:
            started = tasks.schedule()
            self.stdout.write(
                "Retention round scheduled." if started else "Already scheduled."
            )
            return
        for kind, count in sorted(actions.run().items()):
            self.stdout.write(f"{kind}: {count}")
