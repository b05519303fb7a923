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
