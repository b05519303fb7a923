"""Issue 17: a programme lead creates an English community of the semester
variant; a Dutch-speaking coach plans it and reads English method texts in a
Dutch interface; an English-speaking participant reads themes and agenda in
English."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from leerkring.communities.models import Community, Membership
from leerkring.communities.tests.factories import MembershipFactory
from leerkring.home.demo import DEMO_LOGINS
from leerkring.meetings.agenda import publish_agenda
from leerkring.meetings.models import Meeting
from tests.browser.conftest import assert_accessible, log_in, log_out

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_english_semester_community_planned_by_a_dutch_coach(
    page: Any, live_server: Any, demo_community: Any
) -> None:
    base = live_server.url
    page.goto(f"{base}/accounts/login/", timeout=60_000)
    log_in(page, live_server, DEMO_LOGINS["programme_lead"])

    # The lead creates it from the semester variant, in English.
    page.goto(f"{base}/organisations/{demo_community.organisation.pk}/")
    page.get_by_role("link", name="Nieuwe community").click()
    assert_accessible(page)
    page.get_by_label("Naam").fill("Honours Smart Solutions")
    page.get_by_label("Verkorte semesterversie").check()
    page.get_by_label("Engels").check()
    page.get_by_role("button", name="Community aanmaken").click()
    page.get_by_role("heading", name="Variant: Verkorte semesterversie").wait_for()
    assert_accessible(page)
    community = Community.objects.get(name="Honours Smart Solutions")
    assert (community.variant, community.language) == ("semester", "en")
    log_out(page)

    # A Dutch-speaking coach plans it: five sessions, English method texts.
    MembershipFactory(
        community=community,
        role=Membership.Role.COACH,
        status=Membership.Status.ACTIVE,
        user=demo_community.coaches[1],
    )
    log_in(page, live_server, "ruben@demo.leerkring.nl")
    page.goto(f"{base}/communities/{community.pk}/sessions/")
    page.get_by_role("link", name="Leergang opzetten").click()
    expect(page.locator(".session-row")).to_have_count(5)
    assert_accessible(page)
    page.get_by_role("button", name="Leergang plannen").click()
    page.get_by_role("heading", name="Bijeenkomsten", exact=True, level=1).wait_for()
    expect(page.locator(".arc-session")).to_have_count(5)
    expect(page.get_by_text("Professional goal setting")).to_be_visible()
    expect(page.get_by_text("Professioneel doelstellen")).to_have_count(0)
    assert_accessible(page)
    first = Meeting.objects.get(period__community=community, number=1)
    publish_agenda(meeting=first, version=first.agenda_version)
    log_out(page)

    # An English-speaking participant reads the themes and agenda in English.
    participant = MembershipFactory(
        community=community,
        status=Membership.Status.ACTIVE,
        user__email="amy@example.org",
        user__preferred_language="en",
    ).user
    participant.set_password("leerkring-demo")
    participant.save()
    log_in(page, live_server, "amy@example.org")
    page.goto(f"{base}/sessions/{first.pk}/")
    expect(page.get_by_text("Professional goal setting").first).to_be_visible()
    expect(page.get_by_text("Getting to know each other, playfully")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert_accessible(page)
