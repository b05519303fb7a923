"""``manage.py db_worker``: django-tasks-db's worker, made to survive faults.

Same options as the library's command (this app comes first in INSTALLED_APPS, so
its command wins); the worker is ``ResilientWorker`` (see ``worker.py``).
"""

from __future__ import annotations

import os
from typing import Any

from django.core.management.base import CommandError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from leerkring.operations.worker import ResilientWorker


class Command(db_worker.Command):
    help = "Run a database background worker that rides out database outages"

    def handle(self, *args: Any, **options: Any) -> None:
        self.configure_logging(options["verbosity"])
        excluded = (
            options["exclude_queues"].split(",") if options["exclude_queues"] else []
        )
        queue_names = options["queue_name"].split(",")
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = ResilientWorker(
            queue_names=queue_names,
            excluded_queue_names=excluded,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
        )
        if options["reload"] and not options["batch"]:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
