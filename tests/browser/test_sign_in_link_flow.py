"""Someone whose account is locked after wrong passwords still gets in: the lock-out
page offers a sign-in link by e-mail, which logs them in once."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core import mail

from leerkring.home.demo import DEMO_LOGINS
from tests.browser.conftest import assert_accessible, shot

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_locked_out_owner_logs_in_with_a_link_by_email(
    page: Any, live_server: Any, demo_community: Any, settings: Any
) -> None:
    email = DEMO_LOGINS["participant"]
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("E-mailadres").fill(email)
        page.get_by_label("Wachtwoord").fill("verkeerd-wachtwoord")
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_load_state()
    log_in_page = page.url
    page.goto(log_in_page)
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill("leerkring-demo")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name="Te veel pogingen").wait_for()
    assert_accessible(page)
    shot(page, "locked-out")

    mail.outbox.clear()
    page.get_by_role("link", name="Stuur me een link om in te loggen").click()
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_role("button", name="Stuur de link").click()
    page.get_by_role("heading", name="Kijk in je e-mail").wait_for()
    assert_accessible(page)

    body = mail.outbox[-1].body
    link = next(line for line in body.splitlines() if "/accounts/login/link/" in line)
    page.goto(live_server.url + urlsplit(link.strip()).path)
    page.get_by_text(f"Je logt in als {email}.").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name="Welkom, Sanne").wait_for()

    page.goto(live_server.url + urlsplit(link.strip()).path)
    page.get_by_role("heading", name="Deze link werkt niet meer").wait_for()
