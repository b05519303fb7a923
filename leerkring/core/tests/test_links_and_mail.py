"""Links that work: e-mailed links point at the served address and survive the
console; HTML mails say their language; the worker logs once; a favicon."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from leerkring.core.mail import EmailBackend

ROOT = Path(settings.BASE_DIR)
EMAIL_TEMPLATES = sorted(ROOT.glob("leerkring/*/templates/*/email/*.html"))


def run(command: list[str], environment: dict[str, str]) -> str:
    """What our own command (make, this interpreter) prints, from the repository."""
    result = subprocess.run(  # noqa: S603 - our own commands, no outside input
        command, cwd=ROOT, env=environment, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def django_prints(code: str, **environment: str) -> str:
    """What ``code`` prints with Leerkring's settings loaded in a fresh process."""
    environment = {k: v for k, v in os.environ.items() if k != "EMAIL_URL"} | {
        "DJANGO_SETTINGS_MODULE": "leerkring.settings",
        **environment,
    }
    return run(
        [sys.executable, "-c", "import django; django.setup()\n" + code], environment
    )


def make_variable(name: str, *args: str, env: dict[str, str] | None = None) -> str:
    """The value `make run` would hand its commands (an exported variable)."""
    probe = f"probe: ; @echo $${name}"
    command = ["make", "-s", "--no-print-directory", "--eval", probe, "probe", *args]
    environment = {k: v for k, v in os.environ.items() if k != name} | (env or {})
    return run(command, environment)


def test_make_run_links_follow_the_port() -> None:
    assert make_variable("SITE_URL", "PORT=8123") == "http://127.0.0.1:8123"
    assert make_variable("SITE_URL") == "http://127.0.0.1:8000"


def test_a_configured_site_url_is_kept() -> None:
    production = {"SITE_URL": "https://leerkring.example.nl"}
    assert make_variable("SITE_URL", "PORT=8123", env=production) == (
        "https://leerkring.example.nl"
    )


def test_the_console_prints_links_whole() -> None:
    link = "http://127.0.0.1:8106/invitations/" + "a1B2c3D4e5" * 12 + "/"
    message = EmailMultiAlternatives(
        "Uitnodiging", f"Hallo Sanne, open {link} om mee te doen.", to=["s@example.nl"]
    )
    message.attach_alternative(f'<p><a href="{link}">Doe mee</a></p>', "text/html")
    stream = io.StringIO()
    EmailBackend(stream=stream).send_messages([message])
    printed = stream.getvalue()
    assert f"open {link} om mee" in printed
    assert f'href="{link}"' in printed
    assert "=3D" not in printed
    assert "=\n" not in printed
    assert "Subject: Uitnodiging" in printed
    assert "To: s@example.nl" in printed


def test_make_runs_console_is_the_readable_one() -> None:
    """Without EMAIL_URL (as in `make run`) mail goes to the readable console."""
    code = "from django.conf import settings\nprint(settings.MAILERS['default'])"
    assert "'leerkring.core.mail.EmailBackend'" in django_prints(code)


@pytest.mark.parametrize("template", EMAIL_TEMPLATES, ids=lambda p: p.name)
@pytest.mark.parametrize("language", ["nl", "en"])
def test_html_mails_say_their_language(template: Path, language: str) -> None:
    name = "/".join(template.parts[-3:])
    with translation.override(language):
        html = render_to_string(name, {"uid": "MQ", "token": "a-b"})
    assert f'<html lang="{language}">' in html


def test_a_task_line_is_logged_once() -> None:
    """Under DEBUG (as in `make run`) a record of Django's loggers, such as the
    worker's "django.tasks" lines, reaches one handler, not Django's console
    handler and the root's both."""
    code = (
        "import logging; logger = logging.getLogger('django.tasks'); handlers = []\n"
        "while logger:\n"
        "    handlers += logger.handlers\n"
        "    logger = logger.parent if logger.propagate else None\n"
        "print(len(handlers))"
    )
    assert django_prints(code, DEBUG="true") == "1"


@pytest.mark.django_db
def test_the_favicon_is_served(client: Any) -> None:
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
