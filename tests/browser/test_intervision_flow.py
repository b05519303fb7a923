"""Intervision in the demo's self-run community ("Feedback in de praktijk"):
a member registers a case, the chair puts the incident method on the agenda,
the room shows its steps with their own timer, and the case-bringer records a
take-away that shows on their own track — no coach logged in at any point
(in a self-run period every member runs the room).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from leerkring.home.demo import DEMO_LOGINS
from leerkring.meetings.models import IntervisionCase, Meeting
from tests.browser.conftest import assert_accessible, log_in, shot

pytestmark = pytest.mark.django_db(transaction=True)
QUESTION = "Hoe houd ik de regie als een student het gesprek overneemt?"
TAKEAWAY = "Ik spreek vooraf af wie het gesprek leidt en vat halverwege samen."


def test_a_member_brings_a_case_and_the_chair_runs_the_incident_method(
    page: Any, live_server: Any, demo_community: Any
) -> None:
    demo = demo_community
    base = live_server.url
    period = demo.alumni_community.periods.get(kind="self_run")
    coming = Meeting.objects.for_period(period)[1]  # bram@ chairs it
    page.goto(f"{base}/accounts/login/", timeout=60_000)
    log_in(page, live_server, DEMO_LOGINS["alumnus"])

    # The coming meeting: its intervision item leads to the cases.
    page.goto(f"{base}/sessions/{coming.pk}/")
    page.get_by_role("link", name="Casussen en format").first.click()
    page.get_by_role("heading", name="Een casus inbrengen").wait_for()
    expect(page.get_by_role("link", name="sectie mee in feedback")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Jouw vraag").fill(QUESTION)
    page.get_by_label("Korte context").fill("Tweedejaars, feedbackgesprek.")
    page.get_by_role("button", name="Mijn casus aanmelden").click()
    expect(page.get_by_text("Je casus is aangemeld")).to_be_visible()
    assert_accessible(page)
    case = IntervisionCase.objects.get(question=QUESTION)

    # The chair chooses the format: the agenda's item follows its steps.
    page.get_by_role("link", name="Intervisie", exact=True).click()
    page.get_by_label("Incidentmethode").check()
    page.get_by_label("Casus:", exact=True).select_option(str(case.pk))
    page.get_by_role("button", name="Dit format op de agenda zetten").click()
    expect(page.get_by_text("volgt nu “Incidentmethode” (60 minuten)")).to_be_visible()
    expect(page.get_by_text("Vragen ter informatie").first).to_be_visible()
    assert_accessible(page)
    shot(page, "intervision-format")
    page.goto(f"{base}/sessions/{coming.pk}/")
    expect(page.get_by_text("Intervisie: Incidentmethode")).to_be_visible()

    # The room: the item runs its steps, each with its own timer.
    page.goto(f"{base}/sessions/{coming.pk}/room/")
    page.get_by_role("button", name="Starten “Intervisie: Incidentmethode”").click()
    steps = page.locator(".room-steps")
    expect(steps.get_by_text("stap 1 van 6")).to_be_visible()
    expect(steps.get_by_text("Het incident", exact=True)).to_be_visible()
    expect(steps.get_by_role("timer")).to_contain_text("over")
    expect(steps.get_by_text("Volgende stap: Vragen ter informatie")).to_be_visible()
    steps.get_by_role("button", name="Volgende stap").click()
    expect(steps.get_by_text("stap 2 van 6")).to_be_visible()
    expect(steps.get_by_role("timer")).to_contain_text(re.compile(r"1[45]:\d\d"))
    assert_accessible(page)
    shot(page, "intervision-room")

    # The case-bringer records a take-away; it shows on their own track.
    page.goto(f"{base}/cases/{case.pk}/")
    page.get_by_role("textbox", name="Wat je meeneemt").fill(TAKEAWAY)
    page.get_by_role("button", name="Mijn opbrengst bewaren").click()
    expect(page.get_by_text("Je opbrengst is bewaard")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{base}/communities/{demo.alumni_community.pk}/my-track/")
    takeaways = page.get_by_role("region", name="Wat ik meenam uit intervisie")
    expect(takeaways.get_by_text(TAKEAWAY)).to_be_visible()
    expect(takeaways.get_by_text("Alleen ik")).to_be_visible()
    assert_accessible(page)
