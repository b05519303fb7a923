"""After the leergang: a coach starts a self-run period, sees its meetings with
rotating roles and the coach's meetings, and swaps a role on a meeting."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from leerkring.communities.models import LearningPeriod
from leerkring.meetings.selfrun.tests.test_self_run import chairs_to_swap
from leerkring.meetings.tests.conftest import build_leergang
from tests.browser.conftest import assert_accessible, log_in, shot

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "een-goed-wachtwoord"  # the factories' password


def test_coach_starts_a_self_run_period_with_rotating_roles(
    page: Any, live_server: Any
) -> None:
    today = timezone.localdate()
    finished = build_leergang(participants=4, start=today - timedelta(days=200))
    community = finished.community
    base = live_server.url
    begin = today + timedelta(days=7)

    # The live server's first request loads every app: give it time.
    page.goto(f"{base}/accounts/login/", timeout=60_000)
    log_in(page, live_server, finished.coach.email, PASSWORD)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto(f"{base}/communities/{community.pk}/sessions/")
    assert_accessible(page)
    page.get_by_role("link", name="Zelfstandige periode starten").click()
    page.get_by_role("heading", name="Zelfstandige periode starten").wait_for()
    page.get_by_label("Begindatum").fill(begin.isoformat())
    page.get_by_label("Einddatum").fill((begin + timedelta(weeks=36)).isoformat())
    page.get_by_label("Elke … weken bij elkaar").fill("6")
    page.get_by_label("Een coach sluit aan om de … bijeenkomsten").fill("3")
    page.get_by_label("Locatie").fill("Bibliotheek, stilteruimte")
    assert_accessible(page)
    page.get_by_role("button", name="Zelfstandige periode plannen").click()

    # The overview: seven meetings, every third with a coach, roles going round.
    page.get_by_role("heading", name="Bijeenkomsten", exact=True, level=1).wait_for()
    expect(page.get_by_text("is gepland")).to_be_visible()
    expect(
        page.get_by_text(
            "Elke 6 weken; een coach sluit aan bij elke derde bijeenkomst."
        )
    ).to_be_visible()
    expect(page.locator(".arc-session")).to_have_count(7)
    expect(page.locator(".arc-session .badge-coach")).to_have_count(2)
    spread = page.get_by_role("table", name="Rollen per lid in deze periode")
    expect(spread.locator("tbody tr")).to_have_count(4)
    expect(page.get_by_text("meer dan hun eerlijke deel")).to_have_count(0)
    assert_accessible(page)
    shot(page, "self-run-overview")

    # A meeting: the self-run agenda and its roles; the coach swaps the chair.
    page.get_by_role("link", name="Bijeenkomst 1", exact=True).click()
    page.get_by_role("heading", name="Rollen").wait_for()
    expect(page.get_by_text("Intervisie op een casus")).to_be_visible()
    chair = page.locator(".themes dd").first.inner_text()
    assert_accessible(page)
    # Everyone holds one role per meeting at most: swap with a role whose
    # holder is free at meeting 1 (and the chair free at that meeting).
    period = community.periods.get(kind=LearningPeriod.Kind.SELF_RUN)
    _first, other = chairs_to_swap(period)
    page.get_by_label("Ruil de voorzitter met").select_option(
        f"{other.pk}:{other.version}"
    )
    page.get_by_role("button", name="Ruil de rol van voorzitter").click()
    expect(page.get_by_text("De rollen zijn geruild.")).to_be_visible()
    assert page.locator(".themes dd").first.inner_text() != chair
    assert_accessible(page)
    shot(page, "self-run-meeting")
