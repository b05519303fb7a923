"""Period after period (issue 15): the landing session's agenda and its goal, the
decision to go on at the harvest, then a new period whose tracks start from last
period's ambition and each member's mission; the earlier period stays readable
through the period switcher."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from leerkring.communities.models import Sharing
from leerkring.meetings.models import Meeting
from leerkring.meetings.tests.conftest import build_leergang
from leerkring.tracks import actions
from tests.browser.conftest import assert_accessible, log_in, log_out, shot

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "een-goed-wachtwoord"  # the factories' password
AMBITION = "Toetsing die studenten laat groeien, in elke opleiding"
GOAL = "Drie modules met feedback vóór de toets"
MISSION = "Onderwijs waarin elke student gezien wordt"


def test_a_community_lands_and_starts_its_next_period(
    page: Any, live_server: Any
) -> None:
    today = timezone.localdate()
    finished = build_leergang(participants=3, start=today - timedelta(days=200))
    community, leergang = finished.community, finished.period
    participant = finished.participants[0]
    actions.edit_collective_track(
        period=leergang,
        actor=participant,
        version=0,
        ambition=AMBITION,
        goal=GOAL,
        assignment_do="",
        assignment_result="",
        strategic_goal="",
        sdgs=[],
    )
    actions.set_mission(
        period=leergang, owner=participant, mission=MISSION, sharing=Sharing.COMMUNITY
    )
    landing = Meeting.objects.get(period=leergang, number=8)
    base = live_server.url

    # The coach opens session 8: the landing, and gives it its own goal.
    page.goto(f"{base}/accounts/login/", timeout=60_000)
    log_in(page, live_server, finished.coach.email, PASSWORD)
    page.goto(base + reverse("meetings:meeting-detail", args=[landing.pk]))
    for title in ("Oogst van het collectieve spoor", "De alumnivraag", "Vieren"):
        expect(page.get_by_text(title, exact=True).first).to_be_visible()
    assert_accessible(page)
    page.goto(base + reverse("meetings:meeting-edit", args=[landing.pk]))
    page.get_by_label("Doel van deze bijeenkomst").fill("We weten wat we oogstten")
    page.get_by_label("Gezamenlijke intentie").fill("We vieren wat lukte")
    assert_accessible(page)
    page.get_by_role("button", name="Opslaan", exact=True).last.click()
    page.wait_for_url(lambda url: "/edit/" not in url)
    expect(page.get_by_text("We weten wat we oogstten")).to_be_visible()
    assert_accessible(page)

    # At the harvest the community decides to go on.
    page.goto(base + reverse("agreements:harvest", args=[community.pk]))
    page.get_by_role("link", name="Gaan we door?").click()
    page.get_by_label("We gaan door zoals we zijn").check()
    assert_accessible(page)
    page.get_by_role("button", name="Het besluit vastleggen").click()
    expect(
        page.get_by_text("Het besluit van de community is vastgelegd.")
    ).to_be_visible()
    page.get_by_label("Ik blijf").check()
    page.get_by_role("button", name="Mijn keuze opslaan").click()
    expect(page.get_by_text("Ik blijf: 1")).to_be_visible()
    assert_accessible(page)

    # The coach starts the self-run period.
    begin = today + timedelta(days=7)
    page.goto(f"{base}/communities/{community.pk}/sessions/")
    page.get_by_role("link", name="Zelfstandige periode starten").click()
    page.get_by_label("Begindatum").fill(begin.isoformat())
    page.get_by_label("Einddatum").fill((begin + timedelta(weeks=36)).isoformat())
    page.get_by_label("Elke … weken bij elkaar").fill("6")
    page.get_by_label("Een coach sluit aan om de … bijeenkomsten").fill("3")
    page.get_by_role("button", name="Zelfstandige periode plannen").click()
    page.get_by_role("heading", name="Bijeenkomsten", exact=True, level=1).wait_for()
    log_out(page)

    # The participant: last period's ambition and their own mission came along.
    log_in(page, live_server, participant.email, PASSWORD)
    page.goto(base + reverse("tracks:collective", args=[community.pk]))
    expect(page.get_by_text(AMBITION)).to_be_visible()
    expect(page.get_by_text(GOAL)).to_have_count(1)  # only in the offer
    assert_accessible(page)
    page.get_by_role("button", name="Het doel van vorige periode overnemen").click()
    expect(page.get_by_text("is overgenomen als nieuwe versie")).to_be_visible()
    expect(page.locator(".track-statement").get_by_text(GOAL)).to_be_visible()
    page.goto(base + reverse("tracks:my-track", args=[community.pk]))
    expect(page.locator("#mission p").get_by_text(MISSION)).to_be_visible()
    expect(page.get_by_text("houd ze zo, of herschrijf ze")).to_be_visible()
    assert_accessible(page)
    shot(page, "period-carried-over")

    # The earlier period, read-only, through the switcher.
    page.goto(base + reverse("tracks:collective", args=[community.pk]))
    page.get_by_label("Leerperiode").select_option(str(leergang.pk))
    page.get_by_role("button", name="Tonen").click()
    expect(page.get_by_text("een eerdere periode")).to_be_visible()
    expect(page.get_by_role("link", name="Een wijziging voorstellen")).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("link", name="Terug naar de huidige periode").click()
    expect(page.get_by_text("een eerdere periode")).to_have_count(0)
