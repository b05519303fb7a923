"""What happens to a background task whose worker dies while running it.

Every ``@task()`` declares its rule next to its definition::

    @if_worker_dies(RUN_AGAIN)
    @task()
    def assess_reflection(...): ...

``RUN_AGAIN`` is for idempotent work (running it twice does no harm): the claim is
released and another worker runs it. ``REPORT`` is for work that must happen at most
once, such as an e-mail that may already have left: the task is marked failed and
reported to the administrators, who can send it again from the admin with one
action. A task without a declaration is treated as ``REPORT`` — never silently run
twice, never silently lost. The machinery lives in ``leerkring.operations``.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any, TypeVar

from django.tasks import Task
from django.utils.module_loading import import_string

TaskT = TypeVar("TaskT", bound=Task[Any, Any])


class IfWorkerDies(enum.StrEnum):
    RUN_AGAIN = "run_again"
    REPORT = "report"


RUN_AGAIN = IfWorkerDies.RUN_AGAIN
REPORT = IfWorkerDies.REPORT
_rules: dict[str, IfWorkerDies] = {}


def if_worker_dies(rule: IfWorkerDies) -> Callable[[TaskT], TaskT]:
    """Declare ``rule`` for the decorated task (put it above ``@task()``)."""

    def register(task: TaskT) -> TaskT:
        _rules[task.module_path] = rule
        return task

    return register


def rule_for(task_path: str) -> IfWorkerDies:
    """The declared rule; importing the task's module registers it."""
    try:
        import_string(task_path)
    except ImportError:
        return REPORT
    return _rules.get(task_path, REPORT)
