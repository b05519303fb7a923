"""A participant changes the agreements, another confirms, a coach sees who
confirmed; the harvest and the hours render — each page checked with axe."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from leerkring.home.demo import DEMO_DOMAIN, DEMO_LOGINS
from tests.browser.conftest import assert_accessible, log_in, log_out, shot

pytestmark = pytest.mark.django_db(transaction=True)


def test_agreements_are_changed_confirmed_and_followed_by_the_coach(
    page: Any, live_server: Any, demo_community: Any
) -> None:
    page.set_default_timeout(60_000)
    community = demo_community.community
    agreements = f"{live_server.url}/communities/{community.pk}/agreements/"

    # Pieter changes the confidentiality agreement: version 3, to be confirmed.
    log_in(page, live_server, f"pieter@{DEMO_DOMAIN}")
    page.goto(f"{live_server.url}/communities/{community.pk}/")
    page.get_by_role("link", name="Afspraken").click()
    page.get_by_role("heading", name="Versie 2").wait_for()
    assert_accessible(page)
    shot(page, "agreements-participant")
    page.get_by_role("link", name="Afspraken wijzigen").click()
    page.get_by_role("heading", name="Afspraken wijzigen").wait_for()
    assert_accessible(page)
    page.get_by_label("Vertrouwelijkheid").fill(
        "Wat iemand over zichzelf vertelt, blijft in de groep, ook na de leergang."
    )
    page.get_by_label("Wat is er veranderd en waarom (optioneel)").fill(
        "Ook na de leergang"
    )
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Opgeslagen als versie 3").wait_for()
    assert_accessible(page)
    log_out(page)

    # Anouk reads what changed and agrees, without a page load.
    log_in(page, live_server, f"anouk@{DEMO_DOMAIN}")
    page.goto(agreements)
    page.get_by_text("Dit is er veranderd in versie 3").wait_for()
    assert page.locator("#confirmation ins", has_text="ook na de leergang").count()
    page.get_by_role("button", name="Ik ga akkoord met versie 3").click()
    page.get_by_text("Dank je: je bevestiging is vastgelegd.").wait_for()
    expect(page.get_by_text("1 van 12 leden bevestigden versie 3.")).to_be_visible()
    assert_accessible(page)
    log_out(page)

    # The coach sees who confirmed which version.
    log_in(page, live_server, DEMO_LOGINS["coach"])
    page.goto(agreements)
    row = page.get_by_role("row", name="Anouk Jansen")
    assert row.get_by_role("cell").first.inner_text().startswith("✓")
    sanne = page.get_by_role("row", name="Sanne de Vries")
    assert "niet bevestigd" in sanne.get_by_role("cell").nth(1).inner_text()
    assert_accessible(page)
    shot(page, "agreements-coach")

    page.get_by_role("link", name="Oogst").click()
    page.get_by_role("heading", name="Doelen op drie aspecten").wait_for()
    expect(
        page.get_by_role("heading", name="Collectief resultaatspoor")
    ).to_be_visible()
    assert_accessible(page)
    shot(page, "harvest-coach")

    page.get_by_role("link", name="Uren").click()
    page.get_by_role("heading", name="Uren van de groep").wait_for()
    assert_accessible(page)
    shot(page, "hours-coach")


def test_a_participant_sees_the_harvest_and_logs_time_on_the_phone(
    phone: Any, live_server: Any, demo_community: Any
) -> None:
    community = demo_community.community
    log_in(phone, live_server, DEMO_LOGINS["participant"])
    phone.goto(f"{live_server.url}/communities/{community.pk}/harvest/")
    phone.get_by_role("heading", name="Oogst", exact=True).wait_for()
    expect(phone.get_by_text("Mijn doel:")).to_be_visible()
    assert_accessible(phone)
    shot(phone, "harvest-participant-phone")

    phone.goto(f"{live_server.url}/communities/{community.pk}/hours/")
    phone.get_by_label("Minuten").fill("75")
    phone.get_by_label("Soort").select_option("preparation")
    phone.get_by_label("Notitie").fill("Artikel over feedback gelezen")
    phone.get_by_role("button", name="Bijhouden").click()
    phone.get_by_role("cell", name="Artikel over feedback gelezen").wait_for()
    assert_accessible(phone)
    shot(phone, "hours-participant-phone")
