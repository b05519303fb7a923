"""Participants check in on their phones, the coach's live view counts along,
and the tension arc renders with its data table."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from leerkring.home.demo import DEMO_DOMAIN, DEMO_LOGINS
from tests.browser.conftest import assert_accessible, log_in, log_out

pytestmark = pytest.mark.django_db(transaction=True)

CHECKING_IN = [
    (DEMO_LOGINS["participant"], (4, 5, 3, 4), "nieuwsgierig"),
    (f"youssef@{DEMO_DOMAIN}", (3, 4, 4, 5), "gespannen"),
    (f"anouk@{DEMO_DOMAIN}", (5, 4, 4, 3), "nieuwsgierig"),
]
QUESTIONS = [
    "Hoeveel energie heb je?",
    "Hoe veilig voel je je in de groep?",
    "Hoeveel spanning of uitdaging voel je op het collectieve spoor?",
    "Hoeveel spanning of uitdaging voel je op je eigen spoor?",
]


def check_in(phone: Any, live_server: Any, demo: Any, who: tuple[Any, ...]) -> None:
    email, scores, word = who
    log_in(phone, live_server, email)
    phone.get_by_role("heading", name=re.compile("Welkom")).wait_for()
    phone.goto(f"{live_server.url}/communities/{demo.community.pk}/checkin/")
    phone.get_by_role("heading", name="Check-in · bijeenkomst 4").wait_for()
    for question, score in zip(QUESTIONS, scores, strict=True):
        group = phone.get_by_role("group", name=re.compile(re.escape(question)))
        group.get_by_text(str(score), exact=True).click()
    phone.get_by_label("Eén woord").fill(word)
    phone.get_by_role("button", name="Versturen").click()
    expect(phone.get_by_role("status")).to_contain_text("je antwoord is bewaard")
    assert_accessible(phone)


def test_three_participants_check_in_while_the_coach_watches_the_count(
    page: Any, phone: Any, live_server: Any, demo_community: Any, tmp_path: Path
) -> None:
    """Screenshots of the three screens go to ``tmp_path`` for a human to look at."""
    demo = demo_community
    log_in(page, live_server, DEMO_LOGINS["coach"])
    page.get_by_role("heading", name=re.compile("Welkom")).wait_for()
    page.goto(f"{live_server.url}/communities/{demo.community.pk}/checkin/")
    page.get_by_role("link", name="Live-weergave Check-in bijeenkomst 4").click()
    count = page.locator("#live-count")
    expect(count).to_have_text("4 van 10 deelnemers hebben geantwoord")
    expect(page.locator(".word-cloud li")).to_have_count(4)
    assert_accessible(page)

    for number, who in enumerate(CHECKING_IN, start=5):
        check_in(phone, live_server, demo, who)
        if number == 5:
            phone.screenshot(path=tmp_path / "phone-checkin.png", full_page=True)
        # The live view polls every 3 s; on a busy machine a poll can be slow
        # or dropped while the previous one is still in flight.
        expect(count).to_have_text(
            f"{number} van 10 deelnemers hebben geantwoord", timeout=20_000
        )
        log_out(phone)
    expect(page.locator(".word", has_text="nieuwsgierig")).to_contain_text("(2×)")
    assert_accessible(page)
    page.screenshot(path=tmp_path / "live.png", full_page=True)

    page.get_by_role("link", name="Spanningsboog").click()
    page.get_by_role("heading", name="Spanningsboog", exact=True).wait_for()
    table = page.get_by_role("table", name=re.compile("De boog per bijeenkomst"))
    expect(table.get_by_role("row")).to_have_count(9)
    expect(page.locator("#arc-summary")).to_contain_text("Bijeenkomst 4 is de huidige")
    # The notes for coaches start folded away (the arc may be on the projector).
    expect(page.get_by_text("De ervaren veiligheid daalde")).to_be_hidden()
    page.get_by_text(re.compile(r"^Voor de coaches \(\d+\)$")).click()
    expect(page.get_by_text("De ervaren veiligheid daalde")).to_be_visible()
    image = page.get_by_role("img", name=re.compile("Grafiek van de spanningsboog"))
    expect(image).to_be_visible()
    svg = page.request.get(live_server.url + image.get_attribute("src"))
    assert svg.status == 200, svg.status
    assert svg.headers["content-type"] == "image/svg+xml"
    image.evaluate(
        "img => img.decode()"
    )  # resolves once the SVG is loaded and drawable; rejects if it is broken
    assert image.evaluate("img => img.naturalWidth") > 0
    assert_accessible(page)
    page.screenshot(path=tmp_path / "arc.png", full_page=True)
