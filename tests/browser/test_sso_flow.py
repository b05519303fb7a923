"""A participant signs in through her institution (an OpenID Connect provider
the test starts on 127.0.0.1): the first time Leerkring asks the owner of the
address to confirm by e-mail, then she lands on her home page with her
community; the next time one click is enough. Every page checked with axe."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

import pytest
from django.core import mail
from playwright.sync_api import expect

from leerkring.home.demo import DEMO_LOGINS, ORGANISATION_NAME
from leerkring.identity.connect import connect_oidc
from leerkring.identity.tests.oidc_provider import (
    CLIENT_ID,
    CLIENT_SECRET,
    OIDCProvider,
    Person,
)
from tests.browser.conftest import assert_accessible, log_out, shot

pytestmark = pytest.mark.django_db(transaction=True)

BUTTON = f"SURFconext ({ORGANISATION_NAME})"


def test_a_participant_signs_in_through_her_institution(
    page: Any, live_server: Any, demo_community: Any, settings: Any
) -> None:
    # The live server speaks plain HTTP; production answers on HTTPS only.
    settings.ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
    participant = demo_community.participant
    domain = DEMO_LOGINS["participant"].split("@")[1]
    provider = OIDCProvider(Person("pairwise-e2e-1", participant.email)).start()
    try:
        connect_oidc(
            organisation=demo_community.organisation,
            slug="hogeschool",
            label="SURFconext",
            domain=domain,
            server_url=provider.issuer,
            client_id=CLIENT_ID,
            secret=CLIENT_SECRET,
            sso_only=True,
        )
        page.goto(f"{live_server.url}/accounts/login/")
        assert_accessible(page)
        shot(page, "sso-login")
        page.get_by_role("link", name=BUTTON).click()

        # Her address already has an account: nothing happens until she confirms.
        page.get_by_role("heading", name="Kijk in je e-mail").wait_for()
        assert_accessible(page)
        # Only the confirmation carries the link (the demo's reminders go out too).
        words = [
            w for m in mail.outbox if participant.email in m.to for w in m.body.split()
        ]
        (link,) = [w for w in words if "/accounts/sso/link/" in w]
        page.goto(live_server.url + urlparse(link).path)
        page.get_by_role("heading", name="Koppel de inlog van je instelling").wait_for()
        assert_accessible(page)
        page.get_by_role("button", name="Ja, dat was ik: koppelen").click()

        page.get_by_text(
            "Gekoppeld. Vanaf nu kun je inloggen via je instelling."
        ).wait_for()
        expect(
            page.get_by_role("link", name=demo_community.community.name).first
        ).to_be_visible()
        assert_accessible(page)
        shot(page, "sso-home")

        # Next time: one click at the login page, straight to her home page.
        log_out(page)
        page.get_by_role("link", name=BUTTON).click()
        page.wait_for_url(f"{live_server.url}/")
        expect(
            page.get_by_role("link", name=demo_community.community.name).first
        ).to_be_visible()
        assert_accessible(page)
    finally:
        provider.stop()
