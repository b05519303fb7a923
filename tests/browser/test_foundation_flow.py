"""A coach logs in, opens the community, switches language and logs out."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from leerkring.home.demo import DEMO_LOGINS
from tests.browser.conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_coach_visits_the_community_switches_language_and_logs_out(
    page: Any, live_server: Any, demo_community: Any
) -> None:
    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url
    assert_accessible(page)

    log_in(page, live_server, DEMO_LOGINS["coach"])
    page.get_by_role("heading", name="Welkom, Marieke").wait_for()
    assert page.locator("html").get_attribute("lang") == "nl"
    assert_accessible(page)

    page.get_by_role("link", name=demo_community.community.name).click()
    page.get_by_role("heading", name=demo_community.community.name).wait_for()
    expect(page.locator(".member-name", has_text="Sanne de Vries")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="English").click()
    page.get_by_role("heading", name="Members").wait_for()
    assert page.locator("html").get_attribute("lang") == "en"
    assert_accessible(page)

    page.get_by_role("button", name="Log out").click()
    page.get_by_role("heading", name="Log in to Leerkring").wait_for()
    assert_accessible(page)


def test_keyboard_users_can_skip_to_the_content(
    page: Any, live_server: Any, demo_community: Any
) -> None:
    log_in(page, live_server, DEMO_LOGINS["participant"])
    page.get_by_role("heading", name="Welkom, Sanne").wait_for()
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Naar de inhoud")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    # Following the fragment link may move focus only when the page next renders:
    # wait for it (expect().to_be_focused() would also need the window's focus).
    page.wait_for_function("document.activeElement?.id === 'main'")
