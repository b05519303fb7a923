"""The newcomer's first day: someone invited into the demo community after three
sessions accepts the e-mailed link, lands on the "what now" page, prepares their
intake, and finds a to-do list without the work that was due before they came."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import TestCase
from playwright.sync_api import expect

from leerkring.communities import actions
from leerkring.communities.models import Membership
from tests.browser.conftest import assert_accessible, shot

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_invited_latecomer_joins_and_knows_what_to_do(
    page: Any, live_server: Any, demo_community: Any, settings: Any
) -> None:
    page.set_default_navigation_timeout(30_000)  # the first request loads the app
    settings.SITE_URL = live_server.url
    demo = demo_community
    with TestCase.captureOnCommitCallbacks(execute=True):
        actions.invite_member(
            community=demo.community,
            actor=demo.coach,
            email="noor@example.nl",
            display_name="Noor Bosman",
            role=Membership.Role.PARTICIPANT,
        )
    (invitation_mail,) = [m for m in mail.outbox if m.to == ["noor@example.nl"]]
    link = next(w for w in invitation_mail.body.split() if "/invitations/" in w)
    assert link.startswith(live_server.url)  # the link points at the served address

    page.goto(link)
    assert_accessible(page)
    page.get_by_label("Wachtwoord").fill("een-sterk-wachtwoord-7")
    page.get_by_role("button", name="Word lid van de community").click()

    page.get_by_role("heading", name="Je doet mee. Hoe nu verder?").wait_for()
    expect(page.get_by_text("je doet mee vanaf bijeenkomst 4")).to_be_visible()
    expect(page.get_by_text("Eerder werk hoef je niet in te halen")).to_be_visible()
    assert_accessible(page)
    shot(page, "newcomer-what-now")

    page.get_by_role("link", name="Bereid je intakegesprek voor").click()
    page.get_by_role("heading", name="Jouw intakevoorbereiding").wait_for()
    assert_accessible(page)
    page.get_by_label("Wat verwacht je van de leergang?").fill(
        "Leren van collega's uit andere teams."
    )
    page.get_by_role("button", name="Mijn voorbereiding opslaan").click()
    page.locator(".message-success").wait_for()

    page.goto(f"{live_server.url}/")
    todo = page.locator(".todo-list")
    expect(todo).not_to_contain_text("Vertel hoe het ging")  # sessions 1–3: before
    assert_accessible(page)
