"""A backup taken from the running database restores every row, and the restored
copy serves pages (on SQLite and, in the PostgreSQL run, on PostgreSQL)."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from leerkring.accounts.models import User
from leerkring.accounts.tests.factories import UserFactory
from leerkring.communities.models import Community
from leerkring.home.demo import build_demo

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


def test_backup_and_restore_round_trip(client: Any, tmp_path: Path) -> None:
    demo = build_demo()
    before = row_counts()
    assert before["communities.Community"] >= 3
    target = tmp_path / "backup"
    call_command("backup", output=target)
    assert target.stat().st_size > 0

    Community.objects.all().delete()  # the accident the backup is for
    assert row_counts() != before
    call_command("restore", str(target), interactive=False)

    assert row_counts() == before
    client.force_login(demo.coach)
    home = client.get(reverse("home:home"))
    assert home.status_code == 200
    assert demo.community.name in home.content.decode()
    page = client.get(reverse("communities:community-detail", args=[demo.community.pk]))
    assert page.status_code == 200


def test_backup_refuses_to_overwrite_and_restore_a_missing_file(
    tmp_path: Path,
) -> None:
    target = tmp_path / "exists"
    target.write_text("x")
    with pytest.raises(CommandError, match="exists already"):
        call_command("backup", output=target)
    with pytest.raises(CommandError, match="not a file"):
        call_command("restore", str(tmp_path / "missing"), interactive=False)


def test_old_backups_beyond_keep_are_removed(tmp_path: Path) -> None:
    for stamp in ("20260101-000000", "20260102-000000"):
        (tmp_path / f"leerkring-{stamp}.sqlite3").write_text("old")
    call_command("backup", directory=tmp_path, keep=2)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert len(names) == 2
    assert "leerkring-20260101-000000.sqlite3" not in names


def test_a_sqlite_backup_holds_rows_still_in_the_write_ahead_log(
    tmp_path: Path,
) -> None:
    """While a reader keeps the WAL from being checkpointed, committed rows live
    only in it: a copy of the database file misses them, the backup has them."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's write-ahead log")
    live = connection.settings_dict["NAME"]
    with connection.cursor() as cursor:  # the file holds everything so far
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with closing(sqlite3.connect(live)) as reader:
        reader.execute("BEGIN")
        reader.execute("SELECT COUNT(*) FROM accounts_user").fetchone()
        UserFactory.create_batch(5)
        expected = User.objects.count()
        shutil.copyfile(live, tmp_path / "copy.sqlite3")
        call_command("backup", output=tmp_path / "backup.sqlite3")
        reader.rollback()
    counts = {}
    for name in ("copy", "backup"):
        with closing(sqlite3.connect(tmp_path / f"{name}.sqlite3")) as db:
            counts[name] = db.execute("SELECT COUNT(*) FROM accounts_user").fetchone()[
                0
            ]
    assert counts == {"copy": expected - 5, "backup": expected}
