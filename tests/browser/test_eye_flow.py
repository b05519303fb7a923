"""Issue 16: a participant opens her EYE (on a laptop and on her phone); a coach
opens it from the harvest; the figure and its list pass axe."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from leerkring.home.demo import DEMO_LOGINS
from tests.browser.conftest import assert_accessible, log_in, log_out, shot

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_participant_and_her_coach_open_her_eye(
    page: Any, phone: Any, live_server: Any, demo_community: Any
) -> None:
    page.set_default_navigation_timeout(30_000)  # the first request loads the app
    community = demo_community.community
    log_in(page, live_server, DEMO_LOGINS["participant"])
    page.goto(f"{live_server.url}/communities/{community.pk}/my-track/")
    page.get_by_role("link", name="Mijn EYE-model").click()
    page.get_by_role("heading", name="Mijn EYE-model", level=1).wait_for()
    page.wait_for_load_state()  # the page's own stylesheet picks the figure
    figure = page.get_by_role("img", name="Het EYE-model van Sanne de Vries")
    expect(figure).to_be_visible()
    expect(page.locator(".eye-narrow")).to_be_hidden()
    expect(page.get_by_role("heading", name="Gekoppelde reflecties")).to_be_visible()
    assert_accessible(page)
    shot(page, "eye-owner")

    # On a phone the upright figure shows, and nothing is wider than the screen.
    log_in(phone, live_server, DEMO_LOGINS["participant"])
    phone.goto(page.url)
    expect(phone.locator(".eye-narrow")).to_be_visible()
    expect(phone.locator(".eye-wide")).to_be_hidden()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "eye-phone")

    log_out(page)
    log_in(page, live_server, DEMO_LOGINS["coach"])
    page.goto(f"{live_server.url}/communities/{community.pk}/harvest/")
    page.get_by_role("navigation", name="EYE-modellen").get_by_role(
        "link", name="Sanne de Vries"
    ).click()
    page.get_by_role("heading", name="EYE-model van Sanne de Vries").wait_for()
    page.wait_for_load_state()
    expect(
        page.get_by_role("img", name="Het EYE-model van Sanne de Vries")
    ).to_be_visible()
    assert_accessible(page)
