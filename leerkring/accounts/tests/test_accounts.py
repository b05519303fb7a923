"""Logging in and out, throttling, password reset and language — end to end."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

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
    assert response.url == reverse("home:home")
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
    assert "1 minuut" in locked.content.decode()
    assert reverse("accounts:login-link-request") in locked.content.decode()
    # After the cool-off the right password works again (not locked forever).
    _age_attempts(minutes=2)
    assert login(client, "sanne@example.nl", "een-goed-wachtwoord").status_code == 302


def _age_attempts(*, minutes: int) -> None:
    then = timezone.now() - timedelta(minutes=minutes)
    AccessAttempt.objects.update(attempt_time=then)
    AccessFailureLog.objects.update(attempt_time=then)


def test_each_further_lockout_of_a_day_waits_twice_as_long(
    client: Any, settings: Any
) -> None:
    UserFactory(email="sanne@example.nl", password="een-goed-wachtwoord")
    waits = []
    for _round in range(3):
        for _attempt in range(settings.AXES_FAILURE_LIMIT):
            login(client, "sanne@example.nl", "verkeerd")
        locked = login(client, "sanne@example.nl", "een-goed-wachtwoord")
        assert locked.status_code == 429
        waits.append(locked.context["cooloff_minutes"])
        _age_attempts(minutes=waits[-1])
    assert waits == [1, 2, 4]


def test_the_proxy_header_is_ignored_unless_a_proxy_is_trusted(
    client: Any, settings: Any
) -> None:
    """Forging X-Forwarded-For does not escape the lock-out by default."""
    UserFactory(email="sanne@example.nl", password="een-goed-wachtwoord")
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            LOGIN,
            {"username": "sanne@example.nl", "password": "verkeerd"},
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        )
    forged = client.post(
        LOGIN,
        {"username": "sanne@example.nl", "password": "een-goed-wachtwoord"},
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert forged.status_code == 429


def test_behind_a_trusted_proxy_a_guesser_cannot_lock_the_owner_out(
    client: Any, settings: Any
) -> None:
    """Every request comes from the proxy's address; the lock-out is per client."""
    settings.TRUSTED_PROXY_COUNT = 1
    UserFactory(email="sanne@example.nl", password="een-goed-wachtwoord")
    attacker = {
        "HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.66",
        "REMOTE_ADDR": "10.0.0.1",
    }
    for _attempt in range(settings.AXES_FAILURE_LIMIT + 3):
        client.post(
            LOGIN, {"username": "sanne@example.nl", "password": "x"}, **attacker
        )
    assert (
        client.post(
            LOGIN,
            {"username": "sanne@example.nl", "password": "een-goed-wachtwoord"},
            **attacker,
        ).status_code
        == 429
    )
    owner = {"HTTP_X_FORWARDED_FOR": "198.51.100.7", "REMOTE_ADDR": "10.0.0.1"}
    response = client.post(
        LOGIN,
        {"username": "sanne@example.nl", "password": "een-goed-wachtwoord"},
        **owner,
    )
    assert response.status_code == 302
    event = AuditEvent.objects.filter(action=AuditAction.LOGIN).latest("created_at")
    assert event.ip_address == "198.51.100.7"


def _mailed_link(marker: str) -> str:
    line = next(line for line in mail.outbox[-1].body.splitlines() if marker in line)
    return urlsplit(line.strip()).path


def test_a_sign_in_link_works_while_locked_out_and_only_once(
    client: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    user = UserFactory(email="sanne@example.nl", password="een-goed-wachtwoord")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        login(client, "sanne@example.nl", "verkeerd")
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(
            reverse("accounts:login-link-request"), {"email": user.email}
        )
    assert sent.url == reverse("accounts:login-link-sent")
    link = _mailed_link("/login/link/")
    confirm = client.get(link)
    assert confirm.status_code == 200
    assert "_auth_user_id" not in client.session, "opening the link logs nobody in"
    assert client.post(link).url == reverse("home:home")
    assert client.session["_auth_user_id"] == str(user.pk)
    client.logout()
    used = client.post(link)
    assert used.status_code == 400
    assert "_auth_user_id" not in client.session


def test_a_sign_in_link_expires(
    client: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    user = UserFactory(email="sanne@example.nl")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:login-link-request"), {"email": user.email})
    link = _mailed_link("/login/link/")
    settings.LOGIN_LINK_MAX_AGE_MINUTES = -1
    assert client.post(link).status_code == 400
    assert (
        client.post(reverse("accounts:login-link", args=["MQ", "1-x"])).status_code
        == 400
    )


def test_password_reset_does_the_same_work_for_unknown_addresses(
    client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """Same answer and the same queries (so the same time): the account is looked
    up and the e-mail sent in the background."""
    UserFactory(email="sanne@example.nl")
    url = reverse("accounts:password-reset")
    with (
        CaptureQueriesContext(connection) as known_queries,
        django_capture_on_commit_callbacks() as known_tasks,
    ):
        known = client.post(url, {"email": "sanne@example.nl"})
    with (
        CaptureQueriesContext(connection) as unknown_queries,
        django_capture_on_commit_callbacks() as unknown_tasks,
    ):
        unknown = client.post(url, {"email": "niemand@example.nl"})
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url
    assert len(known_queries) == len(unknown_queries)
    assert len(known_tasks) == len(unknown_tasks) == 1
    assert mail.outbox == []
    for callback in known_tasks + unknown_tasks:
        callback()
    assert [m.to for m in mail.outbox] == [["sanne@example.nl"]]


def test_reset_mail_is_limited_per_address_and_per_client(
    client: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    UserFactory(email="sanne@example.nl")
    url = reverse("accounts:password-reset")
    with django_capture_on_commit_callbacks(execute=True):
        for _request in range(settings.MAIL_REQUESTS_PER_ADDRESS + 2):
            assert client.post(url, {"email": "sanne@example.nl"}).status_code == 302
    assert len(mail.outbox) == settings.MAIL_REQUESTS_PER_ADDRESS
    for n in range(
        settings.MAIL_REQUESTS_PER_CLIENT - settings.MAIL_REQUESTS_PER_ADDRESS
    ):
        client.post(url, {"email": f"iemand{n}@example.nl"})
    refused = client.post(url, {"email": "nog-iemand@example.nl"})
    assert refused.status_code == 429
    assert "over een uur" in refused.content.decode()
    other_client = client.post(url, {"email": "x@example.nl"}, REMOTE_ADDR="192.0.2.9")
    assert other_client.status_code == 302


def test_password_reset_link_sets_a_new_password(
    client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    user = UserFactory(email="sanne@example.nl")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password-reset"), {"email": user.email})
    response = client.get(_mailed_link("/password/reset/"), follow=True)
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
    assert "Mijn communities" in client.get(reverse("home:home")).content.decode()
    client.post(reverse("accounts:language"), {"language": "en", "next": "/"})
    user.refresh_from_db()
    assert user.preferred_language == "en"
    client.cookies.clear()
    client.force_login(user)
    assert "My communities" in client.get(reverse("home:home")).content.decode()


def test_language_switch_refuses_foreign_redirects(client: Any) -> None:
    response = client.post(
        reverse("accounts:language"), {"language": "en", "next": "https://evil.example"}
    )
    assert response.url == reverse("home:home")


def test_unknown_language_changes_nothing(client: Any) -> None:
    user = UserFactory(preferred_language="nl")
    client.force_login(user)
    client.post(reverse("accounts:language"), {"language": "xx"})
    user.refresh_from_db()
    assert user.preferred_language == "nl"
