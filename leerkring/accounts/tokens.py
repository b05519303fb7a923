"""Sign-in links: one-time, expiring, signed.

The token is Django's password-reset token with its own salt: an HMAC of the
account's id, password hash, last login and the time it was made. Signing in
changes the last login, so a link works once; it expires after
``LOGIN_LINK_MAX_AGE_MINUTES``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.http import base36_to_int


class LoginLinkTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "leerkring.accounts.tokens.LoginLinkTokenGenerator"

    def check_token(self, user: Any, token: str | None) -> bool:
        if not token or not super().check_token(user, token):
            return False
        try:
            made = base36_to_int(token.split("-", 1)[0])
        except ValueError:
            return False
        age = self._num_seconds(self._now()) - made
        return age <= settings.LOGIN_LINK_MAX_AGE_MINUTES * 60


login_link_tokens = LoginLinkTokenGenerator()
