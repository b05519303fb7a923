"""A database worker that rides out database outages and reports lost tasks.

django-tasks-db's ``Worker`` stops at the first database error that is not a lock.
``ResilientWorker`` runs it again once the database answers, waiting 1, 2, 4 … up
to ``WORKER_MAX_BACKOFF_SECONDS`` (with jitter, so a fleet of workers does not
return in lock-step); a task the outage broke off is handled by its rule
(``claims.release_own_claims``). A ``Housekeeper`` thread beats the worker's heart
every ``WORKER_HEARTBEAT_SECONDS`` — also while a long task runs — and handles the
stale claims of workers that died. It judges other workers only after it has
itself beaten without a break for ``WORKER_LOST_AFTER_SECONDS``, so that after an
outage every live worker has had the chance to beat before anyone is declared dead.
"""

from __future__ import annotations

import logging
import random
import threading
import time

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.db import connections as all_connections
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker

from . import claims

logger = logging.getLogger(__name__)
DATABASE_DOWN = (OperationalError, InterfaceError)


def _close_connections() -> None:
    for conn in all_connections.all(initialized_only=True):
        try:
            conn.close()
        except DatabaseError:
            conn.connection = None


def database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DATABASE_DOWN:
        _close_connections()
        return False
    return True


class Housekeeper(threading.Thread):
    def __init__(self, worker_id: str) -> None:
        super().__init__(name=f"heartbeat-{worker_id[:8]}", daemon=True)
        self.worker_id = worker_id
        self.started_at = timezone.now()
        self.healthy_since: float | None = None
        self.stopped = threading.Event()

    def run(self) -> None:
        while True:
            self.tick()
            if self.stopped.wait(settings.WORKER_HEARTBEAT_SECONDS):
                break
        try:
            claims.forget(self.worker_id)
        except DatabaseError:
            pass
        finally:
            _close_connections()

    def tick(self) -> None:
        try:
            claims.beat(self.worker_id, started_at=self.started_at)
            now = time.monotonic()
            if self.healthy_since is None:
                self.healthy_since = now
            if now - self.healthy_since >= settings.WORKER_LOST_AFTER_SECONDS:
                claims.recover_stale_claims()
        except DatabaseError as error:
            self.healthy_since = None
            logger.info("Heartbeat of worker %s failed: %s", self.worker_id, error)
        finally:  # a beat every few seconds needs no open connection in between
            _close_connections()

    def stop(self) -> None:
        self.stopped.set()
        self.join(timeout=10)


class ResilientWorker(Worker):
    def run(self) -> None:
        housekeeper = Housekeeper(self.worker_id)
        housekeeper.start()
        try:
            self.run_through_outages()
        finally:
            housekeeper.stop()

    def run_through_outages(self) -> None:
        while self.running:
            try:
                # A task an outage broke off is still claimed by this worker.
                handled = claims.release_own_claims(self.worker_id)
                if handled:
                    logger.warning("Broken-off tasks handled: %s", dict(handled))
                super().run()
                return
            except DATABASE_DOWN as error:
                logger.warning("The database is unavailable: %s", error)
            self.wait_for_database()
            logger.warning("The database is back; the worker continues.")

    def wait_for_database(self) -> None:
        delay = 1.0
        _close_connections()
        while self.running:
            time.sleep(delay * random.uniform(0.75, 1.25))
            if database_answers():
                return
            delay = min(delay * 2, settings.WORKER_MAX_BACKOFF_SECONDS)
            logger.warning(
                "The database is still unavailable; next try in %.0f s.", delay
            )
