"""Workers' heartbeats and the tasks they lost.

A worker (``manage.py db_worker``, see ``worker.py``) records a heartbeat every few
seconds. A task still ``RUNNING`` whose worker has not beaten for
``WORKER_LOST_AFTER_SECONDS`` was lost with its worker (killed, machine gone) and
is handled by its declared rule (``leerkring.core.background``); a lost task that
must not run twice gets a ``LostTask`` row: the administrators' report, with the
one action that sends it again.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult


class WorkerHeartbeat(models.Model):
    worker_id = models.CharField(_("worker"), max_length=64, primary_key=True)
    hostname = models.CharField(_("host"), max_length=255)
    pid = models.PositiveIntegerField(_("process id"))
    started_at = models.DateTimeField(_("started at"))
    seen_at = models.DateTimeField(_("last seen at"), db_index=True)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.hostname}:{self.pid})"


class LostTask(models.Model):
    """A task that must go at most once, claimed by a worker that died."""

    result = models.OneToOneField(
        DBTaskResult,
        on_delete=models.CASCADE,
        related_name="lost",
        verbose_name=_("task"),
    )
    task_path = models.TextField(_("task"))
    worker_id = models.CharField(_("worker"), max_length=64)
    detected_at = models.DateTimeField(_("detected at"), auto_now_add=True)
    resent_at = models.DateTimeField(_("sent again at"), null=True, blank=True)
    resent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent again by"),
    )
    resent_as = models.CharField(_("new task"), max_length=64, blank=True)

    class Meta:
        ordering = ["-detected_at"]
        verbose_name = _("lost task")
        verbose_name_plural = _("lost tasks")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(resent_at__isnull=True, resent_as="")
                | models.Q(resent_at__isnull=False) & ~models.Q(resent_as=""),
                name="lost_task_resent_with_new_task",
            )
        ]

    def __str__(self) -> str:
        return self.task_path.rsplit(".", 1)[-1]
