"""``manage.py restore FILE``: replace the database's contents with a backup."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from leerkring.operations import backups


class Command(BaseCommand):
    help = (
        "Replace every row of the database with a backup made by `manage.py "
        "backup`. Stop the app servers and workers first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--no-input", action="store_false", dest="interactive", default=True
        )

    def handle(self, *args: Any, **options: Any) -> None:
        name = connection.settings_dict["NAME"]
        if options["interactive"]:
            answer = input(
                f"This replaces everything in database {name} with {options['file']}. "
                "Type 'yes' to continue: "
            )
            if answer != "yes":
                raise CommandError("Nothing restored.")
        try:
            backups.restore(options["file"])
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored {name} from {options['file']}.")
