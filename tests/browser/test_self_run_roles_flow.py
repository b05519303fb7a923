"""A member of a self-run community adds a role (a timekeeper, rotating) on the
role-set page and sees it in the proposal for the meetings to come; no coach."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from leerkring.meetings.selfrun.actions import start_self_run
from leerkring.meetings.tests.conftest import build_leergang
from tests.browser.conftest import assert_accessible, log_in, shot

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "een-goed-wachtwoord"  # the factories' password


def test_a_member_adds_a_rotating_timekeeper(page: Any, live_server: Any) -> None:
    today = timezone.localdate()
    finished = build_leergang(participants=4, start=today - timedelta(days=200))
    community = finished.community
    begin = today + timedelta(days=7)
    period = start_self_run(
        community=community,
        actor=finished.coach,
        start_date=begin,
        end_date=begin + timedelta(weeks=24),
        interval_weeks=6,
        coach_every=3,
    )
    member = finished.participants[0]
    base = live_server.url

    page.goto(f"{base}/accounts/login/", timeout=60_000)
    log_in(page, live_server, member.email, PASSWORD)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto(f"{base}/communities/{community.pk}/sessions/?period={period.pk}")
    expect(
        page.get_by_role("heading", name="Gelijkwaardige posities in de dialoog")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Onze rollen en taken").click()
    page.get_by_role("heading", name="Onze rollen en taken", level=1).wait_for()
    proposal = page.get_by_role(
        "table", name="Wie welke rol heeft bij elke komende bijeenkomst"
    )
    expect(proposal.locator("thead th")).to_have_count(4)  # meeting + three roles
    assert_accessible(page)

    page.get_by_label("Naam").last.fill("Tijdbewaker")
    page.get_by_label("Taak").last.fill("Bewaakt de tijd per agendapunt.")
    page.get_by_label("Rouleert", exact=False).last.check()
    page.get_by_role("button", name="Rol toevoegen").click()

    expect(page.get_by_text("De rol is toegevoegd")).to_be_visible()
    expect(page.get_by_role("heading", name="Tijdbewaker", level=3)).to_be_visible()
    expect(proposal.locator("thead th")).to_have_count(5)
    expect(proposal.locator("thead th").last).to_have_text("Tijdbewaker")
    cells = proposal.locator("tbody tr td:last-child")
    expect(cells).to_have_count(5)
    expect(cells.filter(has_text="open")).to_have_count(0)
    assert_accessible(page)
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "self-run-roles")
