"""From session 7 on a participant is asked whether they would like to coach a
new learning community: she answers yes from the home page's to-do list, and the
programme lead finds her on the organisation's alumni list — each page checked
with axe."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from playwright.sync_api import expect

from leerkring.home.demo import DEMO_LOGINS
from tests.browser.conftest import assert_accessible, log_in, log_out

pytestmark = pytest.mark.django_db(transaction=True)

QUESTION = "Wil je een nieuwe learning community coachen?"


def test_a_participant_says_yes_and_the_programme_lead_sees_her(
    page: Any, live_server: Any, demo_community: Any
) -> None:
    page.set_default_timeout(60_000)
    # The demo is at session 4; let session 7's date have come.
    session_7 = demo_community.meetings[6]
    session_7.date = demo_community.today - timedelta(days=1)
    session_7.save(update_fields=["date"])

    log_in(page, live_server, DEMO_LOGINS["participant"])
    page.goto(f"{live_server.url}/")
    todo = page.get_by_role("region", name="Te doen")
    question = todo.get_by_role("link", name=QUESTION)
    expect(question).to_have_count(1)
    question.click()
    page.get_by_role("heading", name=QUESTION).wait_for()
    expect(page.get_by_text("ook de andere deelnemers niet")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Ja, als coach in opleiding naast een ervaren coach").check()
    page.get_by_label("Notitie (mag leeg blijven)").fill(
        "Ik begeleid al jaren studententeams; op dinsdag heb ik tijd."
    )
    page.get_by_role("button", name="Antwoord opslaan").click()
    page.get_by_text("Dank je, je antwoord is bewaard.").wait_for()
    assert_accessible(page)

    page.goto(f"{live_server.url}/")
    expect(
        page.get_by_role("region", name="Te doen").get_by_role("link", name=QUESTION)
    ).to_have_count(0)
    log_out(page)

    # The programme lead finds her on the organisation's alumni list.
    log_in(page, live_server, DEMO_LOGINS["programme_lead"])
    page.goto(f"{live_server.url}/organisations/{demo_community.organisation.pk}/")
    page.get_by_role("link", name="Alumni die willen coachen").click()
    page.get_by_role("heading", name="Alumni die willen coachen").wait_for()
    row = page.get_by_role("row", name=demo_community.participant.display_name)
    expect(row).to_contain_text(DEMO_LOGINS["participant"])
    expect(row).to_contain_text("Ja")
    expect(row).to_contain_text("op dinsdag heb ik tijd")
    expect(page.get_by_text("Ja: 3 · misschien later: 1")).to_be_visible()  # + demo
    assert_accessible(page)
