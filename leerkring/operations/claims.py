"""Heartbeats, and the claims of workers that died.

A claim is stale when its task is still ``RUNNING`` and the worker that claimed it
has not beaten for ``WORKER_LOST_AFTER_SECONDS`` (killed, out of memory, machine
gone). Each stale task is handled by the rule its task declares
(``leerkring.core.background``): idempotent work is released to run again; work
that must happen at most once is marked failed and reported to the administrators
(``LostTask``, an e-mail to ``ADMINS`` and an error in the log), who can send it
again from the admin. Two workers recovering at once handle each task once: the
status change is conditional on the row still being ``RUNNING``.
"""

from __future__ import annotations

import logging
import os
import socket
from collections import Counter
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.core.mail import mail_admins
from django.db import transaction
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from leerkring.core.background import RUN_AGAIN, IfWorkerDies, rule_for

from .models import LostTask, WorkerHeartbeat

logger = logging.getLogger(__name__)


class WorkerLostError(Exception):
    """Recorded as the failure of a task whose worker died while running it."""


def lost_after() -> timedelta:
    return timedelta(seconds=settings.WORKER_LOST_AFTER_SECONDS)


def beat(worker_id: str, *, started_at: datetime) -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"seen_at": timezone.now()},
        create_defaults={
            "seen_at": timezone.now(),
            "started_at": started_at,
            "hostname": socket.gethostname()[:255],
            "pid": os.getpid(),
        },
    )


def forget(worker_id: str) -> None:
    """A worker that stops cleanly removes its heartbeat."""
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def _claimed_by(result: DBTaskResult) -> str:
    return result.worker_ids[-1] if result.worker_ids else ""


def stale_claims(now: datetime | None = None) -> list[DBTaskResult]:
    """Running tasks whose worker has not beaten for ``lost_after()``."""
    since = (now or timezone.now()) - lost_after()
    alive = set(
        WorkerHeartbeat.objects.filter(seen_at__gte=since).values_list(
            "worker_id", flat=True
        )
    )
    running = DBTaskResult.objects.running().filter(started_at__lt=since)
    return [result for result in running if _claimed_by(result) not in alive]


@transaction.atomic
def release(result_id: str, *, worker_id: str) -> IfWorkerDies | None:
    """Handle one task lost with ``worker_id`` by its rule; None when another
    worker (or the task itself) got there first."""
    result = (
        DBTaskResult.objects.select_for_update()
        .filter(pk=result_id, status=TaskResultStatus.RUNNING)
        .first()
    )
    if result is None or _claimed_by(result) != worker_id:
        return None
    rule = rule_for(result.task_path)
    if rule is RUN_AGAIN:
        result.status = TaskResultStatus.READY
        result.started_at = None
        result.save(update_fields=["status", "started_at"])
        logger.warning(
            "Task %s (%s) was lost with worker %s; it runs again.",
            result.pk,
            result.task_path,
            worker_id,
        )
        return rule
    result.status = TaskResultStatus.FAILED
    result.finished_at = timezone.now()
    result.exception_class_path = f"{__name__}.{WorkerLostError.__qualname__}"
    result.traceback = (
        f"Worker {worker_id} stopped while running this task, so whether it took "
        "effect (an e-mail may already have left) is unknown. It is not run again "
        "by itself; send it again from the admin (Lost tasks) if it did not arrive."
    )
    result.save(
        update_fields=["status", "finished_at", "exception_class_path", "traceback"]
    )
    lost = LostTask.objects.create(
        result=result, task_path=result.task_path, worker_id=worker_id
    )
    transaction.on_commit(partial(report, lost.pk))
    return rule


def report(lost_id: int) -> None:
    lost = LostTask.objects.select_related("result").get(pk=lost_id)
    message = (
        f"A background task was lost with its worker and is not run again by "
        f"itself, because it must happen at most once.\n\n"
        f"Task: {lost.task_path}\nArguments: {lost.result.args_kwargs}\n"
        f"Worker: {lost.worker_id}\nClaimed at: {lost.result.started_at}\n\n"
        f"If it did not take effect, send it again from the admin: "
        f"{settings.SITE_URL.rstrip('/')}/admin/operations/losttask/{lost.pk}/change/"
    )
    logger.error("Lost task %s (%s): reported to admins", lost.pk, lost.task_path)
    try:
        mail_admins(f"Lost background task: {lost}", message)
    except Exception:  # the report is in the log and the admin all the same
        logger.exception("Could not e-mail the admins about lost task %s", lost.pk)


def recover_stale_claims(now: datetime | None = None) -> Counter[str]:
    """Handle every stale claim; forget heartbeats older than a day."""
    handled: Counter[str] = Counter()
    for result in stale_claims(now):
        rule = release(str(result.pk), worker_id=_claimed_by(result))
        if rule is not None:
            handled[rule] += 1
    WorkerHeartbeat.objects.filter(
        seen_at__lt=(now or timezone.now()) - timedelta(days=1)
    ).delete()
    return handled


def release_own_claims(worker_id: str) -> Counter[str]:
    """After an outage broke off its task, a worker handles what it had claimed
    (it runs one task at a time, so any claim of its own is lost)."""
    handled: Counter[str] = Counter()
    for result in DBTaskResult.objects.running():
        if _claimed_by(result) != worker_id:
            continue
        rule = release(str(result.pk), worker_id=worker_id)
        if rule is not None:
            handled[rule] += 1
    return handled
