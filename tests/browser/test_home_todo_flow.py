"""A participant opens Leerkring and works through what waits for them: each item
of the home page's to-do list leads to where it is done, and is gone afterwards."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from leerkring.home.demo import DEMO_LOGINS
from tests.browser.conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_to_do_list_leads_to_the_work_and_empties(
    page: Any, live_server: Any, demo_community: Any
) -> None:
    page.set_default_timeout(60_000)
    log_in(page, live_server, DEMO_LOGINS["participant"])
    page.goto(f"{live_server.url}/")
    todo = page.get_by_role("region", name="Te doen")
    expect(todo).to_be_visible()
    assert_accessible(page)
    confirm = todo.get_by_role("link", name="Bevestig de afspraken (versie 2)")
    feedback = todo.get_by_role("link", name="Marieke Hendriks gaf feedback op")
    expect(
        todo.get_by_role("link", name="Vul de check-in van bijeenkomst 4 in")
    ).to_be_visible()
    unread = feedback.count()
    assert unread >= 1

    # The agreements: the link leads to them; agreeing takes the item away.
    confirm.click()
    page.get_by_role("button", name="Ik ga akkoord met versie 2").click()
    page.get_by_text("Je hebt versie 2 bevestigd.").wait_for()
    page.goto(f"{live_server.url}/")
    expect(confirm).to_have_count(0)

    # Feedback: opening the entry reads it; the list has one item fewer.
    feedback.first.click()
    page.get_by_role("heading", name="Feedback van de coaches").wait_for()
    page.goto(f"{live_server.url}/")
    expect(feedback).to_have_count(unread - 1)
    assert_accessible(page)

    # The coach's list shows the shared entry that still waits for feedback.
    page.context.clear_cookies()
    log_in(page, live_server, DEMO_LOGINS["coach"])
    page.goto(f"{live_server.url}/")
    waiting = page.get_by_role("region", name="Te doen").get_by_role(
        "link", name="gedeelde reflectie wacht op jouw feedback"
    )
    expect(waiting).to_have_count(1)
    waiting.click()
    page.get_by_role("heading", name="Met jou gedeeld als coach").wait_for()
    assert_accessible(page)
