"""A participant subscribes to their calendar and chooses reminders; a coach exports."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from leerkring.home.demo import DEMO_LOGINS
from tests.browser.conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_participant_makes_a_calendar_address_and_chooses_reminders(
    page: Any, live_server: Any, demo_community: Any
) -> None:
    log_in(page, live_server, DEMO_LOGINS["participant"])
    page.get_by_role("heading", name="Welkom, Sanne").wait_for()
    page.goto(f"{live_server.url}/calendar/")
    page.get_by_role("heading", name="Agenda & herinneringen").wait_for()
    assert_accessible(page)

    page.get_by_role("button", name="Maak mijn agenda-adres").click()
    address = page.get_by_label("Je geheime agenda-adres")
    address.wait_for()
    feed_url = address.input_value()
    assert "/calendar/feed/" in feed_url
    feed = page.request.get(feed_url.replace("http://127.0.0.1:8000", live_server.url))
    assert feed.status == 200
    assert "BEGIN:VCALENDAR" in feed.text()
    assert_accessible(page)

    page.get_by_label("als de check-in van een bijeenkomst opengaat").uncheck()
    page.get_by_role("button", name="Keuzes opslaan").click()
    page.get_by_text("Je keuzes voor herinneringen zijn opgeslagen.").wait_for()
    expect(
        page.get_by_label("als de check-in van een bijeenkomst opengaat")
    ).not_to_be_checked()

    page.get_by_role("button", name="Maak een nieuw adres").click()
    page.get_by_text("Het oude adres werkt niet meer.").wait_for()
    old = page.request.get(feed_url.replace("http://127.0.0.1:8000", live_server.url))
    assert old.status == 404

    community = demo_community.community
    page.goto(f"{live_server.url}/communities/{community.pk}/")
    page.get_by_role("link", name="Documenten").click()
    page.get_by_role("heading", name="Documenten", exact=True).wait_for()
    assert_accessible(page)
    personal = page.get_by_role("link", name="Mijn eigen spoor (pdf, alleen voor jou)")
    pdf = page.request.get(live_server.url + personal.get_attribute("href"))
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"


def test_coach_opens_the_export_page(
    page: Any, live_server: Any, demo_community: Any
) -> None:
    log_in(page, live_server, DEMO_LOGINS["coach"])
    page.get_by_role("heading", name="Welkom, Marieke").wait_for()
    page.goto(f"{live_server.url}/communities/{demo_community.community.pk}/")
    page.get_by_role("link", name="Export", exact=True).click()
    page.get_by_role("heading", name="Collectieve gegevens exporteren").wait_for()
    assert_accessible(page)
    link = page.get_by_role(
        "link", name="CSV Bijeenkomsten: thema's, data, aanwezigheid"
    )
    response = page.request.get(live_server.url + link.first.get_attribute("href"))
    assert response.status == 200
    assert "Echt uitproberen" in response.text()
