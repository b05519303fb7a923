"""Shared test configuration: fast settings, and the demo community in one call."""

from __future__ import annotations

from typing import Any

import pytest


def pytest_configure(config: pytest.Config) -> None:
    """Test settings, applied before any request handler (or live server) exists.

    Production security stays on (CSP, secure headers); only what a plain-HTTP
    test server and a fast suite need is changed.
    """
    from django.conf import settings

    settings.ACCESS_STRICT = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SECURE_SSL_REDIRECT = False
    settings.SECURE_HSTS_SECONDS = 0
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}
    }
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }


@pytest.fixture
def demo_community(db: None) -> Any:
    """A realistic community mid-leergang: see ``leerkring.home.demo``."""
    from leerkring.home.demo import build_demo

    return build_demo()


# A run of the whole authorization matrix reaches every declared access rule (or
# the rule is dead): ``tests/test_authorization_matrix.py`` notes what ``allowed``
# consulted; an xdist worker hands its notes to the controller, which checks.
_matrix_reached: set[str] = set()
_matrix_rows_run: list[int] = []  # rows each xdist worker ran


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    from leerkring.core.tests import matrix

    reached = matrix.rule_names(matrix.REACHED) | _matrix_reached
    rows_run = len(matrix.ROWS_RUN) + sum(_matrix_rows_run)
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # a pytest-xdist worker: the controller checks
        workeroutput["matrix_reached"] = sorted(reached)
        workeroutput["matrix_rows_run"] = rows_run
        return
    if rows_run < len(matrix.all_rows()):
        return  # not the whole matrix: nothing to conclude
    from leerkring.core.access import declared

    rules = matrix.rule_names(declared())
    dead = sorted(rules - reached)
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(
            f"Authorization matrix: {rows_run} rows reached "
            f"{len(rules & reached)} of {len(rules)} declared access rules."
        )
        if dead:
            reporter.write_line(f"Dead access rules (no row reaches): {dead}", red=True)
    if dead:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: Any) -> None:
    output = getattr(node, "workeroutput", {})
    _matrix_reached.update(output.get("matrix_reached", ()))
    _matrix_rows_run.append(output.get("matrix_rows_run", 0))
