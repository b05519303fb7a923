"""Tasks for the fault tests: they wait while a flag file exists (so a test can
kill the worker mid-task), then leave a file saying they ran."""

from __future__ import annotations

import os
import time
from pathlib import Path

from django.tasks import task

from leerkring.core.background import REPORT, RUN_AGAIN, if_worker_dies


def _hold(flag: str, done: str) -> None:
    Path(done + ".started").write_text(str(os.getpid()))
    while Path(flag).exists():
        time.sleep(0.05)
    with Path(done).open("a") as runs:
        runs.write(f"{os.getpid()}\n")


@if_worker_dies(RUN_AGAIN)
@task()
def hold_idempotent(flag: str, done: str) -> None:
    _hold(flag, done)


@if_worker_dies(REPORT)
@task()
def hold_at_most_once(flag: str, done: str) -> None:
    _hold(flag, done)


@task()
def undeclared() -> None:
    """No rule: treated as at most once."""
