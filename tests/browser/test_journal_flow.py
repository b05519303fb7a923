"""A participant writes a reflection and sees the mirror, shares it with the
coaches; a coach drafts and publishes feedback; the participant reads it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from leerkring.home.demo import DEMO_LOGINS
from tests.browser.conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True)

BODY = (
    "Vandaag gaf ik voor het eerst feedback zonder cijfer. Ik merkte dat ik "
    "onrustig werd toen een student vroeg wat hij nu 'had'. Waarom raakt mij dat "
    "zo? Misschien omdat ik aanneem dat een cijfer duidelijkheid geeft. Volgende "
    "week vraag ik de studenten zelf wat ze met de feedback gaan doen."
)


def test_write_see_the_mirror_share_and_receive_feedback(
    page: Any, live_server: Any, demo_community: Any, tmp_path: Path
) -> None:
    community = demo_community.community
    page.set_default_timeout(30_000)  # the mirror's first model load takes a moment
    log_in(page, live_server, DEMO_LOGINS["participant"])
    page.get_by_role("heading", name="Welkom, Sanne").wait_for()
    page.goto(f"{live_server.url}/communities/{community.pk}/")
    page.get_by_role("link", name="Reflecties").click()
    page.get_by_role("heading", name="Mijn reflecties").wait_for()
    assert_accessible(page)

    page.get_by_role("link", name="Schrijf een reflectie").click()
    page.get_by_label("Titel").fill("Feedback zonder cijfer")
    page.get_by_label("Je reflectie").fill(BODY)
    # Autosaved 2 s after the last keystroke, without pressing a button (how soon
    # the answer arrives depends on the machine: the page's timeout applies).
    page.get_by_text("Concept bewaard om").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Reflectie bewaren").click()

    page.get_by_role("heading", name="Feedback zonder cijfer").wait_for()
    page.get_by_role("heading", name="Een vraag om op verder te schrijven").wait_for()
    expect(page.locator(".mirror-path [aria-current='step']")).to_have_count(1)
    expect(page.get_by_text("Alleen jij kunt dit lezen")).to_be_visible()
    expect(page.locator("mark.evidence")).not_to_have_count(0)
    expect(page.locator(".mirror-summary")).to_be_visible()  # how sure it is
    assert_accessible(page)
    page.screenshot(path=tmp_path / "entry-with-mirror.png", full_page=True)
    entry_url = page.url

    page.get_by_label("Ik en de coaches").check()
    page.get_by_role("button", name="Wijzig wie dit kan lezen").click()
    page.get_by_text("Je coaches kunnen deze reflectie nu lezen.").wait_for()
    expect(page.get_by_text("Jij en je coaches kunnen dit lezen")).to_be_visible()

    page.context.clear_cookies()
    log_in(page, live_server, DEMO_LOGINS["coach"])
    page.get_by_role("heading", name="Welkom, Marieke").wait_for()
    page.goto(entry_url)
    page.get_by_role("heading", name="Feedback zonder cijfer").wait_for()
    assert page.locator("#mirror").count() == 0  # Sanne did not share the mirror
    page.get_by_label("Je feedback").fill("Mooi dat je je onrust zo eerlijk")
    page.get_by_role("button", name="Bewaren als concept").click()
    page.get_by_text("Conceptfeedback bewaard.").wait_for()
    page.get_by_label("Je feedback").fill(
        "Mooi dat je je onrust zo eerlijk beschrijft. Welke aanname zit eronder?"
    )
    assert_accessible(page)
    page.get_by_role("button", name="Feedback publiceren").click()
    page.get_by_text("Feedback gepubliceerd.").wait_for()

    page.context.clear_cookies()
    log_in(page, live_server, DEMO_LOGINS["participant"])
    page.get_by_role("heading", name="Welkom, Sanne").wait_for()
    page.goto(f"{live_server.url}/communities/{community.pk}/reflections/")
    notice = page.locator(".notice", has_text="Feedback zonder cijfer")
    notice.get_by_role("link", name="Lees het").click()
    page.get_by_text("Welke aanname zit eronder?").wait_for()
    assert_accessible(page)
    page.screenshot(path=tmp_path / "entry-with-feedback.png", full_page=True)
