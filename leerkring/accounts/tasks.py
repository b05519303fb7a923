"""Password-reset and sign-in e-mails, sent in the background so that the page
answers in the same time whether or not the address has an account.

If a worker dies while sending one, it is sent again: a second link does no harm,
and the person is waiting for it.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from leerkring.core.background import RUN_AGAIN, if_worker_dies

from .models import User
from .tokens import login_link_tokens


def _send(user: User, template: str, url: str) -> None:
    context = {
        "user": user,
        "url": url,
        "max_age_minutes": settings.LOGIN_LINK_MAX_AGE_MINUTES,
    }
    with translation.override(user.preferred_language):
        subject = render_to_string(f"accounts/email/{template}_subject.txt", context)
        text = render_to_string(f"accounts/email/{template}.txt", context)
        html = render_to_string(f"accounts/email/{template}.html", context)
    message = EmailMultiAlternatives(" ".join(subject.split()), text, to=[user.email])
    message.attach_alternative(html, "text/html")
    message.send()


def _link(name: str, user: User, token: str) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return settings.SITE_URL.rstrip("/") + reverse(name, args=[uid, token])


def _accounts(email: str) -> list[User]:
    """Active accounts with a password for this address (Django's own rule)."""
    return list(PasswordResetForm().get_users(email))


@if_worker_dies(RUN_AGAIN)
@task()
def send_password_reset(email: str) -> None:
    for user in _accounts(email):
        token = default_token_generator.make_token(user)
        _send(
            user,
            "password_reset",
            _link("accounts:password-reset-confirm", user, token),
        )


@if_worker_dies(RUN_AGAIN)
@task()
def send_login_link(email: str) -> None:
    for user in _accounts(email):
        token = login_link_tokens.make_token(user)
        _send(user, "login_link", _link("accounts:login-link", user, token))
