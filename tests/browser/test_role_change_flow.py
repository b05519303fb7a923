"""A programme lead asks to co-coach a community (never on her own say); a coach
approves it from her to-do list; the members page then shows who approved it —
each page checked with axe, the role-change page also at phone width."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from leerkring.home.demo import DEMO_LOGINS
from tests.browser.conftest import assert_accessible, log_in, log_out, shot

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_lead_asks_to_coach_and_a_coach_approves(
    page: Any, live_server: Any, demo_community: Any
) -> None:
    page.set_default_timeout(60_000)
    community_url = f"{live_server.url}/communities/{demo_community.community.pk}/"
    log_in(page, live_server, DEMO_LOGINS["programme_lead"])
    page.goto(community_url)
    page.get_by_role("link", name="Vraag om deze community te coachen").click()
    page.get_by_role("heading", name="Vraag om deze community te coachen").wait_for()
    assert_accessible(page)
    page.get_by_label("Rol").select_option(label="Coach in opleiding")
    page.get_by_label("Waarom").fill("Ik wil als gezel leren coachen.")
    page.get_by_role("button", name="Vragen").click()
    page.get_by_text("De rolwijziging wacht op goedkeuring").wait_for()
    expect(page.get_by_text("wacht op goedkeuring", exact=True)).to_be_visible()
    assert_accessible(page)
    log_out(page)

    log_in(page, live_server, DEMO_LOGINS["coach"])
    page.goto(f"{live_server.url}/")
    page.get_by_role("region", name="Te doen").get_by_role(
        "link", name="Goedkeuren of weigeren"
    ).click()
    page.get_by_role("button", name="Goedkeuren").wait_for()
    expect(page.get_by_text("Ik wil als gezel leren coachen.")).to_be_visible()
    assert_accessible(page)
    page.set_viewport_size({"width": 390, "height": 844})
    sideways = page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )
    assert not sideways, "the role-change page scrolls sideways on a phone"
    shot(page, "role-change-390")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="Goedkeuren").click()
    page.get_by_text("Je antwoord is opgeslagen.").wait_for()
    expect(page.get_by_text("Ingegaan", exact=True)).to_be_visible()

    page.goto(community_url)
    expect(
        page.get_by_text("programmaleider; coachen goedgekeurd door Marieke Hendriks")
    ).to_be_visible()
    assert_accessible(page)
    shot(page, "members-approved-lead")
