"""Backups of the whole database, taken while the app runs, and their restore.

SQLite: the online backup API (``sqlite3.Connection.backup``) copies a consistent
snapshot page by page, committed rows in the WAL included — a plain file copy
taken while the app writes can miss them or be torn. PostgreSQL: ``pg_dump
--format=custom`` (a consistent snapshot; ``pg_restore`` reads it) from Debian's
postgresql-client, which must be of the server's major version or newer.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path
from typing import Any

from django.db import connections


class BackupError(Exception):
    pass


def extension(alias: str = "default") -> str:
    return "sqlite3" if connections[alias].vendor == "sqlite" else "dump"


def _pg(program: str, settings: dict[str, Any], *arguments: str) -> None:
    executable = shutil.which(program)
    if executable is None:
        raise BackupError(f"{program} is not installed (Debian: postgresql-client).")
    env = {**os.environ, "PGPASSWORD": str(settings["PASSWORD"] or "")}
    command = [executable, "--no-owner", "--no-privileges"]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings[key]:
            command.append(f"{flag}={settings[key]}")
    done = subprocess.run(  # noqa: S603 - fixed program, arguments from settings
        [*command, *arguments], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise BackupError(done.stderr.strip() or f"{program} failed")


def _sqlite_copy(source: str | Path, target: str | Path) -> None:
    with (
        closing(sqlite3.connect(source, timeout=60)) as src,
        closing(sqlite3.connect(target, timeout=60)) as dst,
    ):
        src.backup(dst)


def _sqlite_check(path: Path) -> None:
    with closing(sqlite3.connect(path)) as db:
        result = db.execute("PRAGMA integrity_check").fetchone()[0]
    if result != "ok":
        raise BackupError(f"The copy failed its integrity check: {result}")


def backup(target: Path, alias: str = "default") -> Path:
    """Write a backup of database ``alias`` to ``target`` (a new file)."""
    if target.exists():
        raise BackupError(f"{target} exists already.")
    target.parent.mkdir(parents=True, exist_ok=True)
    db = connections[alias]
    partial = target.with_name(target.name + ".partial")
    try:
        if db.vendor == "sqlite":
            _sqlite_copy(db.settings_dict["NAME"], partial)
            _sqlite_check(partial)
        elif db.vendor == "postgresql":
            _pg(
                "pg_dump",
                db.settings_dict,
                "--format=custom",
                f"--file={partial}",
                db.settings_dict["NAME"],
            )
        else:
            raise BackupError(f"No backup for {db.vendor} databases.")
        partial.rename(target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def restore(source: Path, alias: str = "default") -> None:
    """Replace every row of database ``alias`` with the backup in ``source``."""
    if not source.is_file():
        raise BackupError(f"{source} is not a file.")
    db = connections[alias]
    db.close()
    if db.vendor == "sqlite":
        _sqlite_check(source)
        _sqlite_copy(source, db.settings_dict["NAME"])
    elif db.vendor == "postgresql":
        _pg(
            "pg_restore",
            db.settings_dict,
            "--clean",
            "--if-exists",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={db.settings_dict['NAME']}",
            str(source),
        )
    else:
        raise BackupError(f"No restore for {db.vendor} databases.")
