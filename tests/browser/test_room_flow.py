"""The room on the projector and the coach's preparation, as a coach does them.

The room shows only what every member may see; the coach panel (its own page)
holds attendance and the coach notes. Ending a session asks first and leaves a
closed state. Preparing the next session takes at most 15 actions, without a
page reload for adding, moving or publishing; members see the agenda once it is
published. Nothing scrolls sideways at 390 px.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from leerkring.home.demo import DEMO_LOGINS
from leerkring.meetings.models import Attendance, Meeting
from tests.browser.conftest import assert_accessible, log_in, shot

pytestmark = pytest.mark.django_db(transaction=True)
NOTE = "PANEL-MARKER-alleen-voor-coaches-4821"


def _warm_up(page: Any, live_server: Any) -> None:
    page.goto(f"{live_server.url}/accounts/login/", timeout=60_000)


def _no_sideways_scroll(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], (page.url, width)


def _mark_page(page: Any) -> None:
    """A flag that survives htmx swaps but not a reload."""
    page.evaluate("window.__noReload = true")


def _not_reloaded(page: Any) -> None:
    assert page.evaluate("window.__noReload === true"), "the page was reloaded"


def test_the_coach_runs_the_room_and_keeps_coach_material_off_the_wall(
    page: Any, phone: Any, live_server: Any, demo_community: Any
) -> None:
    demo = demo_community
    meeting = demo.current_meeting
    base = live_server.url
    _warm_up(page, live_server)
    log_in(page, live_server, DEMO_LOGINS["coach"])

    # Home → today's session, straight into the room.
    page.get_by_role("link", name="Vandaag: bijeenkomst 4").first.click()
    page.get_by_role("button", name="Bijeenkomst starten").wait_for()
    assert page.url.endswith(f"/sessions/{meeting.pk}/room/")
    assert_accessible(page)

    # The coach panel: attendance starts from the check-in; "everyone" is one
    # click and the panel stays where it was.
    page.goto(f"{base}/sessions/{meeting.pk}/room/coach/")
    page.get_by_role("heading", name="Aanwezigheid").wait_for()
    assert_accessible(page)
    page.get_by_role("textbox", name="Coachaantekeningen").fill(NOTE)
    page.get_by_role("button", name="Aantekeningen opslaan").click()
    expect(page.locator("#notes").get_by_text("Opgeslagen.")).to_be_visible()
    page.get_by_role("button", name="Iedereen aanwezig").scroll_into_view_if_needed()
    _mark_page(page)
    before = page.evaluate("window.scrollY")
    page.get_by_role("button", name="Iedereen aanwezig").click()
    expect(page.get_by_text("De aanwezigheid is opgeslagen.")).to_be_visible()
    _not_reloaded(page)
    assert abs(page.evaluate("window.scrollY") - before) < 80
    members = Attendance.objects.filter(meeting=meeting)
    assert members.count() == members.present().count() > 0
    assert_accessible(page)
    shot(page, "coach-panel")

    # The room: never the coach's notes, also not for the coach.
    page.goto(f"{base}/sessions/{meeting.pk}/room/")
    page.get_by_role("button", name="Bijeenkomst starten").click()
    page.locator(".timer").wait_for()
    expect(page.get_by_text(NOTE)).to_have_count(0)
    expect(page.get_by_text("Coachaantekeningen")).to_have_count(0)
    expect(page.get_by_text("Wie is er aanwezig?")).to_have_count(0)
    assert_accessible(page)

    # Ending asks first, with the consequence; then the room says it is closed.
    page.get_by_role("button", name="Bijeenkomst afsluiten").click()
    expect(page.get_by_text("De timer stopt")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Nee, verder gaan").click()
    page.locator(".timer").wait_for()
    page.get_by_role("button", name="Bijeenkomst afsluiten").click()
    page.get_by_role("button", name="Ja, bijeenkomst afsluiten").click()
    expect(page.get_by_text("Afgesloten om")).to_be_visible()
    expect(page.get_by_role("button", name="Bijeenkomst starten")).to_have_count(0)
    expect(page.get_by_text("Nog niet begonnen")).to_have_count(0)
    assert_accessible(page)
    shot(page, "room-closed")
    page.reload()
    expect(page.get_by_text("Afgesloten om")).to_be_visible()
    page.get_by_role("link", name="Schrijf en publiceer het verslag").click()
    page.get_by_role("heading", level=1).wait_for()
    assert "/summary/" in page.url
    assert Meeting.objects.get(pk=meeting.pk).closed_at is not None

    # The same pages on a phone: nothing scrolls sideways.
    log_in(phone, live_server, DEMO_LOGINS["coach"])
    for path in ("room/", "room/coach/", "agenda/", ""):
        phone.goto(f"{base}/sessions/{meeting.pk}/{path}")
        phone.locator("main h1").wait_for()
        _no_sideways_scroll(phone)
    shot(phone, "room-phone")


def test_the_coach_prepares_the_next_session_in_at_most_15_actions(
    page: Any, phone: Any, live_server: Any, demo_community: Any
) -> None:
    demo = demo_community
    following = Meeting.objects.get(period=demo.period, number=5)
    base = live_server.url
    actions = 0

    def act(locator: Any, verb: str = "click", *args: Any) -> None:
        nonlocal actions
        actions += 1
        getattr(locator, verb)(*args)

    _warm_up(page, live_server)
    page.get_by_label("E-mailadres").fill(DEMO_LOGINS["coach"])
    actions += 1
    page.get_by_label("Wachtwoord").fill("leerkring-demo")
    actions += 1
    act(page.get_by_role("button", name="Inloggen"))
    act(page.get_by_role("link", name=demo.community.name).first)
    act(page.get_by_role("link", name="Bijeenkomsten", exact=True))
    act(page.get_by_role("link", name="Bijeenkomst 5", exact=True))
    act(page.get_by_role("link", name="Agenda bewerken"))
    page.get_by_role("heading", name="Agenda van Bijeenkomst 5").wait_for()
    assert_accessible(page)
    _mark_page(page)

    # A new item lands before the check-out: the place is chosen, not moved.
    expect(page.get_by_label("Plaats")).to_have_value(
        str(following.agenda_items.order_by("-position")[1].position)
    )
    act(page.get_by_label("Titel"), "fill", "Gastspreker: feedback in de praktijk")
    act(page.get_by_label("Minuten"), "fill", "20")
    act(page.get_by_role("button", name="Toevoegen aan de agenda"))
    expect(page.get_by_text("staat op de agenda")).to_be_visible()
    titles = page.locator("#agenda .agenda-title")
    expect(titles.nth(-2)).to_have_text("Gastspreker: feedback in de praktijk")
    expect(titles.nth(-1)).to_have_text("Check-out")

    # Reordering with the keyboard, without a reload; focus stays on the item.
    third = titles.nth(2).inner_text()
    up = page.get_by_role("button", name=f"“{third}” omhoog")
    up.focus()
    actions += 1
    page.keyboard.press("Enter")
    expect(titles.nth(1)).to_have_text(third)
    moved = page.get_by_role("button", name=f"“{third}” omhoog").element_handle()
    page.wait_for_function("el => el === document.activeElement", arg=moved)

    # Still a draft for the members; publishing shows it, and says so.
    expect(page.get_by_text("De leden zien deze agenda nog niet.")).to_be_visible()
    assert_accessible(page)
    act(page.get_by_role("button", name="Publiceren voor de leden"))
    expect(page.locator(".badge-published")).to_have_text("gepubliceerd")
    _not_reloaded(page)
    assert_accessible(page)
    shot(page, "agenda-published")
    assert actions <= 15, actions

    # The participant sees the published agenda, never the over-time warning.
    log_in(phone, live_server, DEMO_LOGINS["participant"])
    phone.goto(f"{base}/sessions/{following.pk}/")
    expect(phone.get_by_text("Gastspreker: feedback in de praktijk")).to_be_visible()
    expect(phone.get_by_text("langer dan het dagdeel")).to_have_count(0)
    _no_sideways_scroll(phone)
    assert_accessible(phone)
    shot(phone, "session-5-phone")
