"""A self-run meeting with no coach at any point (issue 14): the demo's alumnus
chairs meeting 2 of "Feedback in de praktijk". From his home page he opens the
room, starts the meeting, opens the check-in and takes attendance; the
note-taker then publishes the summary."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from leerkring.home.demo import DEMO_LOGINS
from leerkring.meetings.models import Attendance, Meeting, MeetingRole
from leerkring.pulses.models import PulseWindow
from tests.browser.conftest import assert_accessible, log_in, log_out, shot

pytestmark = pytest.mark.django_db(transaction=True)


def test_members_run_a_meeting_without_a_coach(
    page: Any, live_server: Any, demo_community: Any
) -> None:
    page.set_default_timeout(60_000)
    meeting = Meeting.objects.get(
        period=demo_community.alumni_community.current_period(), number=2
    )
    note_taker = MeetingRole.objects.select_related("membership__user").get(
        meeting=meeting, role=MeetingRole.Role.NOTE_TAKER
    )
    assert note_taker.membership is not None

    # The chair's home page says what waits for him.
    log_in(page, live_server, DEMO_LOGINS["alumnus"])
    page.goto(f"{live_server.url}/")
    todo = page.get_by_role("region", name="Te doen")
    todo.get_by_role("link", name="Jij bent voorzitter van bijeenkomst 2 op").click()
    page.get_by_text("Jij bent voorzitter van deze bijeenkomst.").wait_for()
    assert_accessible(page)

    # The room opens for him, the chair, with the start first.
    page.get_by_role("link", name="Openen in de zaal").click()
    expect(
        page.get_by_text("Jij bent voorzitter: start de bijeenkomst")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Coachpaneel")).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("button", name="Bijeenkomst starten").click()
    expect(page.locator(".room-label")).to_have_text("Nu")
    expect(page.locator(".room-current")).to_have_text("Check-in")

    # Starting the check-in item opened the check-in; its live view (reached
    # from the room) shows no names and lets the chair close it.
    checkin = page.get_by_role("region", name="Check-in en check-out")
    checkin.get_by_role("link", name="Check-in", exact=True).click()
    page.get_by_role("heading", name="Check-in · bijeenkomst 2").wait_for()
    expect(page.get_by_role("button", name="Sluit de check-in")).to_be_visible()
    assert PulseWindow.objects.get(meeting=meeting, moment="check_in").is_open
    assert_accessible(page)
    page.get_by_role("link", name="Terug naar de zaal").click()

    # Attendance, in the room.
    page.get_by_role("button", name="Iedereen aanwezig").click()
    expect(page.get_by_text("De aanwezigheid is opgeslagen.")).to_be_visible()
    assert Attendance.objects.filter(meeting=meeting, present=True).count() >= 6
    assert_accessible(page)
    shot(page, "member-run-room")
    log_out(page)

    # The note-taker writes and publishes the summary.
    log_in(page, live_server, note_taker.membership.user.email)
    page.goto(f"{live_server.url}/")
    page.get_by_role("region", name="Te doen").get_by_role(
        "link", name="Jij notuleert bijeenkomst 2 op"
    ).click()
    page.get_by_role("link", name="Samenvatting", exact=True).click()
    page.get_by_label("Samenvatting voor de leden").fill(
        "Intervisie op de casus van Kees; iedereen kwam aan het woord."
    )
    assert_accessible(page)
    page.get_by_role("button", name="Publiceren voor de leden").click()
    expect(page.get_by_text("iedereen kwam aan het woord")).to_be_visible()
    meeting.refresh_from_db()
    assert meeting.summary_is_published
    assert_accessible(page)
