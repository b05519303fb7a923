"""Let the reflection mirror read entries again after its model changed.

Queues an assessment for every entry (of authors who keep the mirror on) whose
present text has no assessment by the current model version. ``--all`` queues
every such entry regardless of version; ``--dry-run`` only counts.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db.models import Exists, OuterRef

from leerkring.journal.models import JournalSetting, Reflection, ReflectionAssessment
from leerkring.journal.tasks import assess_reflection
from leerkring.reflection import model_version


class Command(BaseCommand):
    help = "Queue the reflection mirror for entries not read by its current model."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--all", action="store_true", help="Read every entry again."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count, queue nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        version = model_version()
        switched_off = JournalSetting.objects.filter(mirror_enabled=False).values(
            "user_id"
        )
        entries = Reflection.objects.exclude(author_id__in=switched_off)
        if not options["all"]:
            current = ReflectionAssessment.objects.filter(
                reflection=OuterRef("pk"),
                reflection_version=OuterRef("version"),
                model_version=version,
            )
            entries = entries.exclude(Exists(current))
        queued = 0
        for pk, entry_version in entries.values_list("pk", "version").iterator():
            if not options["dry_run"]:
                assess_reflection.enqueue(pk, entry_version, force=options["all"])
            queued += 1
        verb = "would queue" if options["dry_run"] else "queued"
        self.stdout.write(f"Model {version}: {verb} {queued} entries.")
