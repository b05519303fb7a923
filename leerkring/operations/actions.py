"""Operators' actions."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus

from .models import LostTask


@transaction.atomic
def resend_lost_task(*, lost: LostTask, actor: Any) -> bool:
    """Enqueue a lost task again with the same arguments, once; False when it was
    already sent again or its worker came back and finished it after all."""
    lost = LostTask.objects.select_for_update().select_related("result").get(pk=lost.pk)
    if lost.resent_at is not None or lost.result.status == TaskResultStatus.SUCCESSFUL:
        return False
    arguments = lost.result.args_kwargs
    new = lost.result.task.enqueue(*arguments["args"], **arguments["kwargs"])
    lost.resent_at = timezone.now()
    lost.resent_by = actor
    lost.resent_as = str(new.id)
    lost.save(update_fields=["resent_at", "resent_by", "resent_as"])
    return True
