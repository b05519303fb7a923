"""A coach sets up a leergang, reorders an agenda; a participant prepares the
intake; the coach records it. Also: the room page and the overview, looked at."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from leerkring.communities.models import Membership
from leerkring.communities.tests.factories import MembershipFactory
from leerkring.home.demo import DEMO_LOGINS
from leerkring.intake.models import Commitment, Intake, IntakePreparation
from leerkring.meetings.models import Meeting
from tests.browser.conftest import assert_accessible, log_in, shot

pytestmark = pytest.mark.django_db(transaction=True)


def _warm_up(page: Any, live_server: Any) -> None:
    """The live server's first request loads every app; give it time on a busy
    machine so the flow's own steps keep the normal timeout."""
    page.goto(f"{live_server.url}/accounts/login/", timeout=60_000)


def test_coach_plans_a_leergang_and_holds_an_intake(
    page: Any, phone: Any, live_server: Any, demo_community: Any
) -> None:
    forming = demo_community.forming_community
    newcomer = MembershipFactory(
        community=forming,
        role=Membership.Role.PARTICIPANT,
        user__email="nieuw@demo.leerkring.nl",
        user__display_name="Noor Hendriks",
    )
    base = live_server.url

    # The coach of the forming community sets up its leergang.
    _warm_up(page, live_server)
    log_in(page, live_server, "ruben@demo.leerkring.nl")
    page.goto(f"{base}/communities/{forming.pk}/sessions/")
    assert_accessible(page)
    page.get_by_role("link", name="Leergang opzetten").click()
    page.get_by_role("heading", name="Leergang opzetten").wait_for()
    expect(page.locator(".session-row")).to_have_count(8)
    page.get_by_label("Aantal bijeenkomsten").fill("6")
    page.get_by_role("button", name="Data voorstellen").click()
    expect(page.locator(".session-row")).to_have_count(6)
    page.get_by_label("Aantal bijeenkomsten").fill("8")
    page.get_by_role("button", name="Data voorstellen").click()
    expect(page.locator(".session-row")).to_have_count(8)
    page.locator("#id_sessions-0-location").fill("Honourslab, gebouw C")
    assert_accessible(page)
    page.get_by_role("button", name="Leergang plannen").click()

    # The set-up form has a "Bijeenkomsten" heading too (level 2); the overview's
    # is its h1.
    page.get_by_role("heading", name="Bijeenkomsten", exact=True, level=1).wait_for()
    expect(page.locator(".arc-session")).to_have_count(8)
    expect(page.get_by_text("Professioneel doelstellen")).to_be_visible()
    expect(page.get_by_text("Verankeren in afspraken en regels")).to_be_visible()
    assert_accessible(page)

    # Session 1's agenda, reordered with the keyboard-reachable buttons (htmx).
    page.get_by_role("link", name="Bijeenkomst 1").click()
    page.get_by_role("link", name="Agenda bewerken").click()
    page.get_by_role("heading", name="Agenda van Bijeenkomst 1").wait_for()
    assert_accessible(page)
    titles = page.locator("#agenda .agenda-title")
    first, second = titles.nth(0).inner_text(), titles.nth(1).inner_text()
    page.get_by_role("button", name=f"“{first}” omlaag").click()
    expect(page.get_by_text("versie 2")).to_be_visible()
    expect(titles.nth(0)).to_have_text(second)
    expect(titles.nth(1)).to_have_text(first)
    # Focus stays on the moved item's button (the list was swapped in anew).
    moved = page.get_by_role("button", name=f"“{first}” omlaag").element_handle()
    page.wait_for_function("el => el === document.activeElement", arg=moved)
    assert_accessible(page)
    meeting = Meeting.objects.get(period__community=forming, number=1)
    assert meeting.agenda_version == 2

    # The new participant prepares the intake on their phone.
    log_in(phone, live_server, newcomer.user.email, "een-goed-wachtwoord")
    phone.goto(f"{base}/communities/{forming.pk}/intake/my-preparation/")
    phone.get_by_label("Wat verwacht je van de leergang?").fill(
        "Met andere honoursstudenten een project opzetten."
    )
    phone.get_by_label("Wat wil je leren?").fill("Leiding nemen zonder te sturen.")
    phone.get_by_label("Een eerste idee voor een concrete uitkomst").fill(
        "Een honoursmodule die studenten zelf ontwerpen."
    )
    phone.get_by_role("button", name="Mijn voorbereiding opslaan").click()
    phone.get_by_text("Je intakevoorbereiding is opgeslagen.").wait_for()
    assert_accessible(phone)
    assert IntakePreparation.objects.get(membership=newcomer).is_filled

    # The coach reads it and records the conversation.
    page.goto(f"{base}/communities/{forming.pk}/intake/")
    expect(page.get_by_text("Nog nodig")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Noor Hendriks").click()
    # The click only starts the navigation: wait for the preparation to show.
    expect(page.get_by_text("Leiding nemen zonder te sturen.")).to_be_visible()
    page.get_by_label("Verwachtingen gedeeld").check()
    page.get_by_label("Ja, gecommitteerd").check()
    page.get_by_label("Aantekeningen").fill("Wil graag trekker zijn; let op ruimte.")
    assert_accessible(page)
    page.get_by_role("button", name="Intake vastleggen").click()
    page.get_by_text("De intake met Noor Hendriks is vastgelegd.").wait_for()
    expect(page.locator(".badge", has_text="Gecommitteerd")).to_be_visible()
    assert_accessible(page)
    assert Intake.objects.get(membership=newcomer).commitment == Commitment.YES


def test_the_room_and_the_overview_of_the_demo_leergang(
    page: Any, phone: Any, live_server: Any, demo_community: Any
) -> None:
    demo = demo_community
    _warm_up(page, live_server)
    log_in(page, live_server, DEMO_LOGINS["coach"])
    page.goto(f"{live_server.url}/communities/{demo.community.pk}/sessions/")
    page.locator(".arc-today").wait_for()
    assert_accessible(page)
    shot(page, "overview")
    page.goto(f"{live_server.url}/sessions/{demo.current_meeting.pk}/room/")
    page.get_by_role("button", name="Bijeenkomst starten").click()
    page.locator(".timer").wait_for()
    page.wait_for_function(
        "document.querySelector('.timer').textContent.includes('over')"
    )
    page.get_by_role("button", name="Volgend onderdeel").click()
    page.locator(".is-current", has_text="Voortgang op het collectieve doel").wait_for()
    assert_accessible(page)
    shot(page, "room")
    page.reload()
    expect(page.locator(".is-current .agenda-title")).to_have_text(
        "Voortgang op het collectieve doel"
    )

    for page_name in ("edit", "summary"):
        page.goto(f"{live_server.url}/sessions/{demo.current_meeting.pk}/{page_name}/")
        page.locator("main h1").wait_for()
        assert_accessible(page)

    log_in(phone, live_server, DEMO_LOGINS["participant"])
    phone.goto(f"{live_server.url}/sessions/{demo.current_meeting.pk}/")
    phone.get_by_role("heading", name="Jouw voorbereiding").wait_for()
    expect(phone.get_by_text("Rollenspel: het feedbackgesprek")).to_be_visible()
    assert_accessible(phone)
    shot(phone, "session-phone")
