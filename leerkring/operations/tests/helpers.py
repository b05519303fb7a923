"""Queue rows for the operations tests, written the way django-tasks-db does."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max


def queued(
    task_path: str,
    *args: Any,
    status: str = TaskResultStatus.READY,
    worker_id: str = "",
    started_at: datetime | None = None,
    **kwargs: Any,
) -> DBTaskResult:
    return DBTaskResult.objects.create(
        task_path=task_path,
        args_kwargs={"args": list(args), "kwargs": kwargs},
        backend_name="default",
        run_after=get_date_max(),
        status=status,
        worker_ids=[worker_id] if worker_id else [],
        started_at=started_at or (timezone.now() if worker_id else None),
    )
