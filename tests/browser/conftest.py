"""Playwright on Debian's chromium, against the live test server.

Every page visited is checked with axe-core (WCAG 2.1 A and AA). The live server
runs with the production Content-Security-Policy, so an inline script or style
would break the page here before it breaks in production.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Playwright's sync API runs an event loop in this thread; the Django ORM calls
# made by fixtures here are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(
        locale="nl-NL", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.csp_errors = errors  # CSP violations are reported as console errors
    yield page
    context.close()


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    """A phone-sized page, for flows participants do on their phone."""
    context = browser.new_context(
        locale="nl-NL",
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def assert_accessible(page: Any) -> None:
    """No axe-core WCAG 2.1 A/AA violations and no CSP violations on the page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    violations = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]
    assert not violations, f"axe on {page.url}:\n" + "\n".join(violations)
    csp = [e for e in getattr(page, "csp_errors", []) if "Content Security Policy" in e]
    assert not csp, csp


def log_in(
    page: Any, live_server: Any, email: str, password: str = "leerkring-demo"
) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    # The login form posts and redirects; wait until that has landed, or the
    # caller's next page.goto() cancels it and arrives without a session.
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def log_out(page: Any) -> None:
    """Log out (Dutch interface) and wait for the login page it redirects to.

    Without the wait, a following ``log_in`` would cancel the logout request;
    the still-valid session then sends the login page on to the home page.
    """
    page.get_by_role("button", name="Uitloggen").click()
    page.get_by_role("heading", name="Inloggen bij Leerkring").wait_for()


SHOTS = os.environ.get("LEERKRING_SHOTS", "")  # a folder to keep screenshots in


def shot(page: Any, name: str) -> None:
    """A full-page screenshot ``<name>.png`` when LEERKRING_SHOTS names a folder."""
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)
