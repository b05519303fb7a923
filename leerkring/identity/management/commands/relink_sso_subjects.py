"""After an institution changed its identifiers: move accounts to the new ones.

    manage.py relink_sso_subjects saxion mapping.csv

``mapping.csv`` has two columns, old subject and new subject (the institution
or SURFconext provides it). Nothing moves if any new subject is already in use.
"""

from __future__ import annotations

import csv
from typing import Any

from allauth.socialaccount.models import SocialApp
from django.core.management.base import BaseCommand, CommandError, CommandParser

from leerkring.identity import actions


class Command(BaseCommand):
    help = "Move SSO accounts from old to new subject identifiers (CSV: old,new)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("provider_id")
        parser.add_argument("mapping_csv")

    def handle(self, *args: Any, provider_id: str, mapping_csv: str, **kw: Any) -> None:
        app = SocialApp.objects.filter(provider_id=provider_id).first()
        if app is None:
            raise CommandError(f"No identity provider {provider_id!r}.")
        with open(mapping_csv, newline="", encoding="utf-8") as handle:
            rows = [row for row in csv.reader(handle) if len(row) >= 2 and row[0]]
        mapping = {old.strip(): new.strip() for old, new, *_ in rows}
        try:
            moved = actions.relink_subjects(app=app, mapping=mapping)
        except actions.LinkTaken as error:
            raise CommandError(f"Already in use, nothing moved: {error}") from error
        self.stdout.write(f"Moved {moved} of {len(mapping)} identifiers.")
