"""``manage.py backup``: a consistent backup of the database while the app runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from leerkring.operations import backups


class Command(BaseCommand):
    help = (
        "Back the database up (SQLite: online backup API; PostgreSQL: pg_dump "
        "custom format) to data/backups/ or --output; --keep N removes older ones."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, help="the backup file to write")
        parser.add_argument(
            "--directory", type=Path, default=settings.DATA_DIR / "backups"
        )
        parser.add_argument(
            "--keep", type=int, default=0, help="keep only the newest N backups"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        directory: Path = options["directory"]
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        name = f"leerkring-{stamp}.{backups.extension()}"
        target = options["output"] or directory / name
        try:
            written = backups.backup(target)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{written} ({written.stat().st_size} bytes)")
        if options["keep"] > 0 and not options["output"]:
            kept = sorted(directory.glob("leerkring-*.*"), reverse=True)
            for old in kept[options["keep"] :]:
                old.unlink()
                self.stdout.write(f"removed {old}")
