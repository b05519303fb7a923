"""Real worker processes against the real test database: killed with SIGKILL in
the middle of a task, and cut off from the database for a while.

The database outage is made the way an operator meets one: on PostgreSQL every
connection to the test database is terminated and new ones are refused
(``ALLOW_CONNECTIONS false``); on SQLite the database file is made unreachable
(moved away, a directory in its place).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.conf import settings
from django.db import connection
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from leerkring.operations.models import LostTask

from .helpers import queued

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
TASKS = "leerkring.operations.tests.tasks."
LOST_AFTER = 2.0


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


@contextmanager
def worker_process(log: Path) -> Iterator[subprocess.Popen[bytes]]:
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "WORKER_HEARTBEAT_SECONDS": "0.3",
        "WORKER_LOST_AFTER_SECONDS": str(LOST_AFTER),
        "WORKER_MAX_BACKOFF_SECONDS": "1",
        "DEBUG": "false",
    }
    command = [sys.executable, "manage.py", "db_worker", "--interval", "0.2"]
    command += ["--no-startup-delay", "--no-reload", "--verbosity", "2"]
    with log.open("ab") as out:
        process = subprocess.Popen(  # noqa: S603 - our own manage.py
            command, cwd=settings.BASE_DIR, env=env, stdout=out, stderr=out
        )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)


def wait_for(condition: Callable[[], Any], *, seconds: float, what: str) -> float:
    """Seconds until ``condition()`` held; fails after ``seconds``."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if condition():
            return time.monotonic() - start
        time.sleep(0.1)
    raise AssertionError(f"not within {seconds} s: {what}")


def status(result: DBTaskResult) -> str:
    result.refresh_from_db()
    connection.close()  # the test holds no connection while workers run
    return str(result.status)


def _held(tmp_path: Path, task: str) -> tuple[DBTaskResult, Path, Path]:
    flag, done = tmp_path / "flag", tmp_path / "done"
    flag.touch()
    result = queued(TASKS + task, str(flag), str(done))
    connection.close()
    return result, flag, done


def test_idempotent_work_of_a_killed_worker_runs_again(tmp_path: Path) -> None:
    result, flag, done = _held(tmp_path, "hold_idempotent")
    log = tmp_path / "workers.log"
    with worker_process(log) as first, worker_process(log) as second:
        wait_for(Path(str(done) + ".started").exists, seconds=30, what="task started")
        # While its worker lives, a task running longer than LOST_AFTER is its own.
        time.sleep(LOST_AFTER * 2)
        assert status(result) == TaskResultStatus.RUNNING
        runner = (
            first
            if int(Path(str(done) + ".started").read_text()) == first.pid
            else second
        )
        survivor = second if runner is first else first
        runner.send_signal(signal.SIGKILL)
        runner.wait(timeout=10)
        flag.unlink()
        took = wait_for(
            lambda: status(result) == TaskResultStatus.SUCCESSFUL,
            seconds=30,
            what="the lost task ran again on the other worker",
        )
        assert survivor.poll() is None
    assert done.read_text().split() == [str(survivor.pid)]
    print(f"\nkilled worker: its idempotent task ran again after {took:.1f} s")


def test_lost_email_of_a_killed_worker_is_reported_not_resent(tmp_path: Path) -> None:
    result, flag, done = _held(tmp_path, "hold_at_most_once")
    log = tmp_path / "workers.log"
    with worker_process(log) as first:
        wait_for(Path(str(done) + ".started").exists, seconds=30, what="task started")
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    flag.unlink()
    with worker_process(log) as second:
        took = wait_for(
            lambda: status(result) == TaskResultStatus.FAILED,
            seconds=30,
            what="the lost task was reported",
        )
        time.sleep(1)
        assert second.poll() is None
    assert not done.exists(), "an at-most-once task is never run again by itself"
    lost = LostTask.objects.get()
    assert lost.result_id == result.pk
    print(f"\nkilled worker: its e-mail task was reported after {took:.1f} s")


@contextmanager
def database_outage() -> Iterator[None]:
    connection.close()
    if connection.vendor == "sqlite":
        path = Path(connection.settings_dict["NAME"])
        moved = [
            p for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists()
        ]
        for p in moved:
            p.rename(f"{p}.away")
        path.mkdir()
        try:
            yield
        finally:
            path.rmdir()
            for p in moved:
                Path(f"{p}.away").rename(p)
        return
    name = connection.settings_dict["NAME"]
    admin_url = _database_url().rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS false')
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        )
        try:
            yield
        finally:
            admin.execute(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS true')


def test_the_worker_rides_out_a_database_outage(tmp_path: Path) -> None:
    log = tmp_path / "worker.log"
    before = queued(
        TASKS + "hold_idempotent", str(tmp_path / "no-flag"), str(tmp_path / "a")
    )
    connection.close()
    with worker_process(log) as worker:
        wait_for(
            lambda: status(before) == TaskResultStatus.SUCCESSFUL,
            seconds=30,
            what="first task",
        )
        with database_outage():
            time.sleep(5)
            assert worker.poll() is None, log.read_text()
        back = time.monotonic()
        after = queued(
            TASKS + "hold_idempotent", str(tmp_path / "no-flag"), str(tmp_path / "b")
        )
        connection.close()
        wait_for(
            lambda: status(after) == TaskResultStatus.SUCCESSFUL,
            seconds=30,
            what="task after the outage",
        )
        took = time.monotonic() - back
        assert worker.poll() is None
    assert "database is unavailable" in log.read_text()
    print(
        f"\n5 s database outage: worker kept running, next task done {took:.1f} s after"
    )
