"""A participant sets and sharpens a learning question, formulates an integration
assignment and reports on it; the coach sees the report in the overview."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from leerkring.communities.models import Membership
from leerkring.communities.tests.factories import MembershipFactory
from leerkring.home.demo import DEMO_LOGINS
from tests.browser.conftest import assert_accessible, log_in, log_out, shot

pytestmark = pytest.mark.django_db(transaction=True)


def test_participant_sharpens_a_question_and_reports_coach_sees_it(
    page: Any, live_server: Any, demo_community: Any
) -> None:
    page.set_default_navigation_timeout(30_000)  # the first request loads the app
    demo = demo_community
    community = demo.community
    newcomer = MembershipFactory(
        community=community,
        role=Membership.Role.PARTICIPANT,
        user__email="nieuw@demo.leerkring.nl",
        user__display_name="Noor Bosman",
        user__password="leerkring-demo",
    ).user
    assert newcomer.check_password("leerkring-demo")

    log_in(page, live_server, "nieuw@demo.leerkring.nl")
    page.get_by_role("heading", name="Welkom, Noor").wait_for()
    page.goto(f"{live_server.url}/communities/{community.pk}/")
    page.get_by_role("link", name="Mijn spoor").click()
    page.get_by_role("heading", name="Mijn individuele ontwikkelspoor").wait_for()
    assert_accessible(page)

    question = page.get_by_role("textbox", name="Mijn leervraag")
    question.fill("Hoe geef ik betere feedback?")
    page.get_by_role("button", name="Mijn vraag opslaan").click()
    page.locator(".question-current", has_text="betere feedback").wait_for()
    # Once there is a question, its form waits behind a button (short on a phone).
    expect(page.get_by_role("textbox", name="Mijn leervraag")).to_be_hidden()
    page.get_by_text("Mijn vraag aanscherpen").click()
    page.get_by_role("textbox", name="Mijn leervraag").fill(
        "Hoe laat ik studenten zelf om feedback vragen?"
    )
    page.get_by_label("Waarom gewijzigd (optioneel)").fill("Na sessie 3: tegenkracht")
    page.get_by_role("button", name="Mijn vraag opslaan").click()
    history = page.locator(".question-history")
    history.wait_for()
    assert history.locator("li").count() == 2
    assert "Hoe geef ik betere feedback?" in history.inner_text()
    assert "Na sessie 3: tegenkracht" in history.inner_text()
    assert page.locator("#track-status").inner_text() == "Je leervraag is opgeslagen."
    assert_accessible(page)
    shot(page, "tracks-my-track")

    page.get_by_role("link", name="Opdrachten van Bijeenkomst 4").click()
    page.get_by_role("heading", name="Integratieopdrachten · Bijeenkomst 4").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="Een opdracht formuleren").click()
    page.get_by_label("Wat ga je doen?").fill(
        "Vraag bij drie stagebezoeken de student eerst om een eigen feedbackvraag."
    )
    page.get_by_label("In welke praktijksituatie?").fill("Stagebezoeken jaar 2.")
    page.get_by_label("Gekoppeld aan mijn leervraag").check()
    expect(page.get_by_label("Klaar op")).to_have_value(
        demo.meetings[4].date.isoformat()
    )
    assert_accessible(page)
    page.get_by_role("button", name="Opdracht opslaan").click()
    page.get_by_text("Je integratieopdracht is opgeslagen.").wait_for()
    card = page.locator(".assignment", has_text="eigen feedbackvraag")
    expect(card).to_contain_text("Hoe laat ik studenten zelf om feedback vragen?")

    card.get_by_role("link", name="Erover vertellen").click()
    page.get_by_role("heading", name="Verslag van een integratieopdracht").wait_for()
    page.get_by_label("Wat ik deed").fill(
        "Bij drie bezoeken eerst om een vraag gevraagd."
    )
    page.get_by_label("Wat er gebeurde").fill("Twee studenten hadden een vraag klaar.")
    page.get_by_label("Wat ik leerde (de opbrengst)").fill(
        "Een voorbeeldvraag helpt om te beginnen."
    )
    page.get_by_label("Deels").check()
    page.get_by_label("De community").check()
    assert_accessible(page)
    page.get_by_role("button", name="Mijn verslag opslaan").click()
    page.get_by_text("Je verslag is opgeslagen.").wait_for()
    expect(page.locator(".report")).to_contain_text("Een voorbeeldvraag helpt")
    assert_accessible(page)
    log_out(page)

    log_in(page, live_server, DEMO_LOGINS["coach"])
    page.get_by_role("heading", name="Welkom, Marieke").wait_for()
    page.goto(f"{live_server.url}/communities/{community.pk}/")
    page.get_by_role("link", name="Leersporen").click()
    page.get_by_role("heading", name="Individuele ontwikkelsporen").wait_for()
    expect(page.locator("main")).to_contain_text(
        "Hoe laat ik studenten zelf om feedback vragen?"
    )
    assert_accessible(page)
    shot(page, "tracks-overview")
    page.get_by_role("link", name="Bijeenkomst 5").click()
    page.get_by_role("heading", name="Verslagen voor Bijeenkomst 5").wait_for()
    row = page.locator("tr", has_text="Noor Bosman")
    expect(row).to_contain_text("Deels")
    expect(row).to_contain_text("Een voorbeeldvraag helpt")
    assert_accessible(page)
    shot(page, "tracks-coach-overview")


def test_collective_track_pages_for_a_member(
    page: Any, live_server: Any, demo_community: Any
) -> None:
    """The collective track, a progress entry through htmx, and the history."""
    page.set_default_navigation_timeout(30_000)  # the first request loads the app
    community = demo_community.community
    log_in(page, live_server, DEMO_LOGINS["participant"])
    page.get_by_role("heading", name="Welkom, Sanne").wait_for()
    page.goto(f"{live_server.url}/communities/{community.pk}/")
    page.get_by_role("link", name="Collectief spoor").click()
    page.get_by_role("heading", name="Collectief resultaatspoor").wait_for()
    assert_accessible(page)
    shot(page, "tracks-collective")
    # axe-core leaves empty style="" attributes behind; htmx's settle step would
    # copy them onto the swapped-in form (a CSP report that real use never sees).
    page.reload()
    page.get_by_label("Tegenslag").check()
    page.get_by_label("Wat is er gebeurd?").fill(
        "De toetscommissie wil eerst een notitie."
    )
    page.get_by_role("button", name="Toevoegen", exact=True).click()
    page.locator("#track-status", has_text="Voortgang toegevoegd").wait_for()
    assert (
        page.locator(".timeline-item").first.inner_text().count("toetscommissie") == 1
    )
    assert_accessible(page)
    page.get_by_role("link", name="Bekijk de geschiedenis van de versies").click()
    page.get_by_role(
        "heading", name="Geschiedenis van het collectieve spoor"
    ).wait_for()
    expect(page.locator(".version")).to_have_count(3)
    expect(page.locator("ins")).not_to_have_count(0)
    assert_accessible(page)
    shot(page, "tracks-history")
    page.goto(f"{live_server.url}/sessions/{demo_community.current_meeting.pk}/")
    page.get_by_role("heading", name="Voortgang op het collectieve doel").wait_for()
    page.get_by_role("heading", name="Opbrengst van de integratieopdrachten").wait_for()
    assert_accessible(page)
    shot(page, "tracks-session-lookback")
