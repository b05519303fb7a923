"""Issue 16: a coach sets a goal with success criteria and invites an assessor;
the assessor records a verdict without an account; the community sees it."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import expect

from leerkring.agreements.models import CollectiveGoal
from leerkring.home.demo import DEMO_LOGINS
from tests.browser.conftest import assert_accessible, log_in, shot

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_coach_invites_an_assessor_who_gives_a_verdict(
    page: Any, browser: Any, live_server: Any, demo_community: Any, settings: Any
) -> None:
    page.set_default_navigation_timeout(30_000)  # the first request loads the app
    settings.SITE_URL = live_server.url
    community = demo_community.community
    CollectiveGoal.objects.filter(period=demo_community.period).delete()
    log_in(page, live_server, DEMO_LOGINS["coach"])
    page.goto(f"{live_server.url}/communities/{community.pk}/harvest/")
    page.get_by_role("link", name="Doel stellen").first.click()
    page.locator("textarea[name=text]").fill(
        "Vier opleidingen werken met een feedbackronde vóór elke toets."
    )
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Dit veld is verplicht.")).to_be_visible()
    assert_accessible(page)
    page.locator("textarea[name=criteria]").fill(
        "In elke opleiding laten tien studenten zien wat ze met de feedback deden."
    )
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("heading", name="Oogst", level=1).wait_for()
    expect(page.get_by_text("tien studenten zien wat ze met")).to_be_visible()

    page.get_by_role("link", name="Externe toetsing").first.click()
    page.get_by_role("heading", name=re.compile("^Externe toetsing:")).wait_for()
    assert_accessible(page)
    page.get_by_label("Naam").fill("Ria de Boer")
    page.get_by_label("E-mailadres").fill("ria@example.org")
    page.get_by_label("Opdrachtgever").check()
    page.get_by_role("button", name="Stuur de link").click()
    expect(page.get_by_text("Ria de Boer krijgt de link per e-mail.")).to_be_visible()
    (message,) = [m for m in mail.outbox if m.to == ["ria@example.org"]]
    link = next(w for w in message.body.split() if "/validate/" in w)
    assert link.startswith(live_server.url)  # the link points at the served address

    # The assessor: a fresh browser without an account.
    context = browser.new_context(locale="nl-NL")
    assessor = context.new_page()
    assessor.goto(link)
    assessor.get_by_role(
        "heading", name=re.compile("Jouw oordeel over het doel")
    ).wait_for()
    expect(assessor.get_by_text("tien studenten zien wat ze met")).to_be_visible()
    assert_accessible(assessor)
    assessor.get_by_label("Aan de criteria is deels voldaan").check()
    assessor.get_by_label("Jouw toelichting").fill(
        "Helder; laat ook studenten aan het woord."
    )
    assessor.get_by_role("button", name="Mijn oordeel geven").click()
    expect(assessor.get_by_text("Dank je wel.")).to_be_visible()
    assert_accessible(assessor)
    shot(assessor, "validation-assessor")
    context.close()

    page.goto(f"{live_server.url}/communities/{community.pk}/harvest/")
    expect(page.get_by_text("laat ook studenten aan het woord")).to_be_visible()
