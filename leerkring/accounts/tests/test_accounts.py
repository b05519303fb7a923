"""Logging in and out, throttling, password reset and language — end to end."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from leerkring.accounts.tests.factories import UserFactory
from leerkring.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db
LOGIN = reverse("accounts:login")


def login(client: Any, email: str, password: str) -> Any:
    return client.post(LOGIN, {"username": email, "password": password})


def test_login_with_email_and_password_is_audited(client: Any) -> None:
    user = UserFactory(email="sanne@example.nl", password="een-goed-wachtwoord")
    response = login(client, "Sanne@Example.nl", "een-goed-wachtwoord")
    assert response.status_code == 302
    assert response.url == reverse("core:home")
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN, actor=user).exists()


def test_wrong_password_and_unknown_address_get_the_same_message(client: Any) -> None:
    """No user enumeration: the page cannot tell which accounts exist."""
    UserFactory(email="sanne@example.nl")
    wrong_password = login(client, "sanne@example.nl", "verkeerd")
    unknown = login(client, "niemand@example.nl", "verkeerd")
    assert wrong_password.status_code == unknown.status_code == 200
    assert wrong_password.context["form"].errors == unknown.context["form"].errors
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED).count() == 2


def test_repeated_failures_lock_out_then_cool_off(client: Any, settings: Any) -> None:
    UserFactory(email="sanne@example.nl", password="een-goed-wachtwoord")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        login(client, "sanne@example.nl", "verkeerd")
    locked = login(client, "sanne@example.nl", "een-goed-wachtwoord")
    assert locked.status_code == 429
    assert "15" in locked.content.decode()
    # After the cool-off the right password works again (not locked forever).
    from axes.models import AccessAttempt

    AccessAttempt.objects.update(attempt_time="2000-01-01T00:00:00Z")
    settings.AXES_COOLOFF_TIME = 1 / 3600  # hours: one second
    assert login(client, "sanne@example.nl", "een-goed-wachtwoord").status_code == 302


def test_password_reset_says_the_same_for_unknown_addresses(client: Any) -> None:
    UserFactory(email="sanne@example.nl")
    url = reverse("accounts:password-reset")
    known = client.post(url, {"email": "sanne@example.nl"})
    unknown = client.post(url, {"email": "niemand@example.nl"})
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["sanne@example.nl"]


def test_password_reset_link_sets_a_new_password(client: Any) -> None:
    user = UserFactory(email="sanne@example.nl")
    client.post(reverse("accounts:password-reset"), {"email": user.email})
    link = next(
        line for line in mail.outbox[0].body.splitlines() if "/password/reset/" in line
    )
    response = client.get(link.split("testserver", 1)[1], follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url,
        {
            "new_password1": "nieuw-sterk-wachtwoord-42",
            "new_password2": "nieuw-sterk-wachtwoord-42",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("nieuw-sterk-wachtwoord-42")


def test_language_choice_is_remembered_on_the_account(client: Any) -> None:
    user = UserFactory(preferred_language="nl")
    client.force_login(user)
    assert "Mijn communities" in client.get(reverse("core:home")).content.decode()
    client.post(reverse("accounts:language"), {"language": "en", "next": "/"})
    user.refresh_from_db()
    assert user.preferred_language == "en"
    client.cookies.clear()
    client.force_login(user)
    assert "My communities" in client.get(reverse("core:home")).content.decode()


def test_language_switch_refuses_foreign_redirects(client: Any) -> None:
    response = client.post(
        reverse("accounts:language"), {"language": "en", "next": "https://evil.example"}
    )
    assert response.url == reverse("core:home")


def test_unknown_language_changes_nothing(client: Any) -> None:
    user = UserFactory(preferred_language="nl")
    client.force_login(user)
    client.post(reverse("accounts:language"), {"language": "xx"})
    user.refresh_from_db()
    assert user.preferred_language == "nl"
