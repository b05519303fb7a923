"""Dynamic registration against the local platform, and the programme lead's
page with the settings to give the LMS administrator."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from leerkring.lti.models import Platform
from leerkring.lti.registration import registration_token

from .platform import LocalPlatform

pytestmark = pytest.mark.django_db


@pytest.fixture
def fresh_lms() -> Any:
    platform = LocalPlatform().start()
    yield platform
    platform.stop()


def test_dynamic_registration_connects_the_platform(
    client: Any, fresh_lms: LocalPlatform, demo_community: Any
) -> None:
    token = registration_token(demo_community.organisation)
    response = client.get(
        reverse("lti:register", args=[token]),
        {
            "openid_configuration": f"{fresh_lms.url}/openid-configuration",
            "registration_token": fresh_lms.registration_token,
        },
    )
    assert response.status_code == 200, response.content
    assert "lti/registered.js" in response.content.decode()
    platform = Platform.objects.get()
    assert platform.organisation == demo_community.organisation
    assert platform.issuer == fresh_lms.url
    assert platform.deployments.get().deployment_id == fresh_lms.deployment_id
    (sent,) = fresh_lms.registrations
    assert sent["initiate_login_uri"] == "http://testserver/lti/login/"
    assert sent["redirect_uris"] == ["http://testserver/lti/launch/"]
    assert sent["jwks_uri"] == "http://testserver/lti/jwks/"


def test_a_forged_registration_link_registers_nothing(
    client: Any, fresh_lms: LocalPlatform, demo_community: Any
) -> None:
    response = client.get(
        reverse("lti:register", args=["forged"]),
        {"openid_configuration": f"{fresh_lms.url}/openid-configuration"},
    )
    assert response.status_code == 404
    assert not Platform.objects.exists()
    assert not fresh_lms.registrations


def test_a_wrong_registration_token_is_refused_by_the_platform(
    client: Any, fresh_lms: LocalPlatform, demo_community: Any
) -> None:
    token = registration_token(demo_community.organisation)
    response = client.get(
        reverse("lti:register", args=[token]),
        {
            "openid_configuration": f"{fresh_lms.url}/openid-configuration",
            "registration_token": "guessed",
        },
    )
    assert response.status_code == 400
    assert not Platform.objects.exists()


def test_the_lead_sees_the_settings_for_the_lms(
    client: Any, demo_community: Any
) -> None:
    client.force_login(demo_community.programme_lead)
    page = client.get(
        reverse("lti:organisation-lms", args=[demo_community.organisation.pk])
    ).content.decode()
    for url in ("/lti/login/", "/lti/launch/", "/lti/jwks/"):
        assert f"http://testserver{url}" in page
    assert re.search(r"http://testserver/lti/register/[^/<]+/", page)
