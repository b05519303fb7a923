"""SAML 2.0 sign-in against a pysaml2 identity provider started on 127.0.0.1."""

from __future__ import annotations

from typing import Any

import pytest
from allauth.socialaccount.models import SocialAccount
from django.urls import reverse

from leerkring.accounts.models import User

from .conftest import finish_saml, sign_in_saml

pytestmark = pytest.mark.django_db


def test_a_signed_assertion_signs_a_new_person_in(
    client: Any, saml_connection: Any, saml_idp: Any
) -> None:
    response, _posted = sign_in_saml(client, saml_connection, saml_idp)
    assert response.status_code == 302, response.content.decode()
    assert response.url == reverse("home:home")
    account = SocialAccount.objects.get(provider="hogeschool-saml")
    assert account.uid == "pairwise-saml-42"
    assert account.extra_data == {"affiliation": ["employee", "member"]}
    assert account.user.email == "joris@hogeschool.nl"
    assert account.user.display_name == "Joris Bakker"


@pytest.mark.parametrize(
    ("fault", "words"),
    [
        ("signature", "not signed by your institution"),
        ("audience", "meant for another application"),
        ("expired", "had expired"),
        ("subject", "did not say clearly who you are"),
    ],
)
def test_a_bad_assertion_is_refused_with_a_clear_page(
    client: Any, saml_connection: Any, saml_idp: Any, fault: str, words: str
) -> None:
    saml_idp.faults.add(fault)
    client.cookies["leerkring_language"] = "en"
    response, _posted = sign_in_saml(client, saml_connection, saml_idp)
    assert response.status_code == 401
    assert words in response.content.decode()
    assert not User.objects.exists()


def test_a_replayed_assertion_is_refused(
    client: Any, saml_connection: Any, saml_idp: Any
) -> None:
    response, (action, fields) = sign_in_saml(client, saml_connection, saml_idp)
    assert response.status_code == 302
    client.logout()
    client.cookies["leerkring_language"] = "en"
    again = finish_saml(client, action, fields)
    assert again.status_code == 401
    assert "already used" in again.content.decode()
    assert "_auth_user_id" not in client.session
