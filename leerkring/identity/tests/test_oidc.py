"""OpenID Connect sign-in against a provider the test starts on 127.0.0.1."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

import pytest
import requests
from allauth.socialaccount.models import SocialAccount
from django.urls import reverse

from leerkring.accounts.models import User
from leerkring.accounts.tests.factories import UserFactory
from leerkring.core.models import AuditAction, AuditEvent

from .conftest import sign_in_oidc

pytestmark = pytest.mark.django_db


def test_first_sign_in_creates_an_account_keyed_on_the_subject(
    client: Any, oidc_connection: Any, oidc_provider: Any
) -> None:
    """A new person gets an account; the pairwise subject, not the address,
    finds it again, and only the affiliation hint is kept."""
    response = sign_in_oidc(client, oidc_connection)
    assert response.status_code == 302
    assert response.url == reverse("home:home")
    account = SocialAccount.objects.get(provider="hogeschool")
    assert account.uid == "pairwise-7f3a"
    assert account.extra_data == {"affiliation": ["employee", "member"]}
    assert account.user.email == "sanne@hogeschool.nl"
    assert account.user.display_name == "Sanne de Vries"
    assert not account.user.has_usable_password()
    assert client.get(reverse("home:home")).status_code == 200
    # PKCE: the provider was asked with an S256 challenge and checked the verifier.
    assert oidc_provider.seen[0]["code_challenge_method"] == "S256"

    # The institution changes the address: the subject still finds the account.
    client.logout()
    oidc_provider.person.email = "s.devries@hogeschool.nl"
    assert sign_in_oidc(client, oidc_connection).url == reverse("home:home")
    assert User.objects.count() == 1


def test_an_existing_address_is_linked_only_after_its_owner_confirms(
    client: Any,
    oidc_connection: Any,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    """An identity provider that asserts someone's address gets no access to
    their account: the owner is asked by e-mail and nothing is linked before."""
    owner = UserFactory(email="sanne@hogeschool.nl")
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_in_oidc(client, oidc_connection)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert not SocialAccount.objects.exists()
    assert AuditEvent.objects.filter(action=AuditAction.SSO_LINK_REQUESTED).exists()
    (message,) = mailoutbox
    assert message.to == ["sanne@hogeschool.nl"]
    link = next(w for w in message.body.split() if "/accounts/sso/link/" in w)
    path = link.split("testserver", 1)[-1].replace("http://127.0.0.1:8000", "")

    confirm = client.get(path)
    assert confirm.status_code == 200
    assert client.post(path).status_code == 302
    assert SocialAccount.objects.get().user == owner
    assert int(client.session["_auth_user_id"]) == owner.pk
    # The link works once.
    client.logout()
    assert client.post(path).status_code == 400
    # From now on the subject signs the owner in directly.
    assert sign_in_oidc(client, oidc_connection).url == reverse("home:home")
    assert int(client.session["_auth_user_id"]) == owner.pk


def test_a_tampered_link_is_refused(client: Any, db: None) -> None:
    response = client.get(reverse("identity:link-confirm", args=["not-a-token"]))
    assert response.status_code == 400
    assert "Deze link werkt niet meer" in response.content.decode()


@pytest.mark.parametrize(
    ("fault", "words"),
    [
        ("signature", "not signed by your institution"),
        ("audience", "meant for another application"),
        ("expired", "had expired"),
        ("subject", "did not say clearly who you are"),
    ],
)
def test_a_bad_answer_is_refused_with_a_clear_page(
    client: Any,
    oidc_connection: Any,
    oidc_provider: Any,
    fault: str,
    words: str,
) -> None:
    oidc_provider.faults.add(fault)
    client.cookies["leerkring_language"] = "en"
    response = sign_in_oidc(client, oidc_connection)
    assert response.status_code == 401
    assert words in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert not User.objects.exists()
    event = AuditEvent.objects.get(action=AuditAction.LOGIN_FAILED)
    assert event.detail == {"reason": fault}


def test_a_replayed_callback_is_refused(
    client: Any, oidc_connection: Any, oidc_provider: Any
) -> None:
    """The same code and state a second time: the state was used up."""
    start = client.get(oidc_connection.login_url)
    location = requests.get(start.url, allow_redirects=False, timeout=10).headers[
        "Location"
    ]
    back = urlparse(location)
    assert client.get(f"{back.path}?{back.query}").status_code == 302
    client.logout()
    client.cookies["leerkring_language"] = "en"
    again = client.get(f"{back.path}?{back.query}")
    assert again.status_code == 401
    assert "already used" in again.content.decode()


def test_the_dutch_page_is_translated(
    client: Any, oidc_connection: Any, oidc_provider: Any
) -> None:
    oidc_provider.faults.add("expired")
    response = sign_in_oidc(client, oidc_connection)
    assert "Inloggen is niet gelukt" in response.content.decode()


def test_an_sso_only_domain_cannot_use_a_password(
    client: Any, oidc_connection: Any
) -> None:
    oidc_connection.sso_only = True
    oidc_connection.save()
    UserFactory(email="jan@hogeschool.nl", password="een-lang-wachtwoord")
    client.cookies["leerkring_language"] = "en"
    response = client.post(
        reverse("accounts:login"),
        {"username": "Jan@Hogeschool.nl", "password": "een-lang-wachtwoord"},
    )
    assert response.status_code == 200
    assert "signs you in through SURFconext" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Other domains keep their password.
    UserFactory(email="piet@partner.nl", password="een-lang-wachtwoord")
    ok = client.post(
        reverse("accounts:login"),
        {"username": "piet@partner.nl", "password": "een-lang-wachtwoord"},
    )
    assert ok.status_code == 302


def test_the_login_page_offers_the_institutions(
    client: Any, oidc_connection: Any
) -> None:
    page = client.get(reverse("accounts:login")).content.decode()
    assert oidc_connection.login_url in page
    assert "SURFconext (Hogeschool Test)" in page
