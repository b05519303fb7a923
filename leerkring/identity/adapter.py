"""How allauth's sign-in flows fit Leerkring's accounts.

* Accounts are keyed on the identity provider's persistent subject: allauth
  finds a returning person by ``SocialAccount(provider, uid)``, never by e-mail.
* A first sign-in whose e-mail address already has an account links nothing: the
  owner of that account is asked by e-mail to confirm (``actions.request_link``).
* Only the attributes Leerkring asks for are kept: the affiliation, as a hint.
"""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.http import HttpRequest

from leerkring.accounts.models import User

from . import actions, failures
from .attributes import affiliation_hint


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        """Accounts come from invitations and from an institution's sign-in,
        never from a public sign-up form."""
        return False

    def login(self, request: HttpRequest, user: Any) -> None:
        # The first configured backend is django-axes's, which cannot load users.
        user.backend = "django.contrib.auth.backends.ModelBackend"
        super().login(request, user)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest, sociallogin: Any) -> bool:
        return True

    def populate_user(self, request: HttpRequest, sociallogin: Any, data: Any) -> Any:
        user = sociallogin.user
        user.email = (data.get("email") or "").strip().lower()
        full_name = " ".join(
            part for part in (data.get("first_name"), data.get("last_name")) if part
        )
        user.display_name = (data.get("name") or full_name or user.email)[:150]
        # Keep no more than Leerkring needs: the subject is the uid, the name
        # and address are on the account, the affiliation is kept as a hint.
        account = sociallogin.account
        account.extra_data = {"affiliation": affiliation_hint(account.extra_data)}
        return user

    def pre_social_login(self, request: HttpRequest, sociallogin: Any) -> None:
        if sociallogin.is_existing:
            if not sociallogin.user.is_active:
                raise ImmediateHttpResponse(
                    failures.refuse(request, failures.Reason.INACTIVE)
                )
            return
        email = sociallogin.user.email
        if not email:
            raise ImmediateHttpResponse(
                failures.refuse(request, failures.Reason.NO_EMAIL)
            )
        owner = User.objects.filter(email__iexact=email).first()
        if owner is not None:
            actions.request_link(
                user=owner,
                app=sociallogin.account.get_provider().app,
                uid=sociallogin.account.uid,
                affiliation=sociallogin.account.extra_data.get("affiliation", []),
            )
            raise ImmediateHttpResponse(failures.link_sent(request, owner))

    def on_authentication_error(
        self,
        request: HttpRequest,
        provider: Any,
        error: Any = None,
        exception: Any = None,
        extra_context: Any = None,
    ) -> None:
        reason = failures.classify(exception, extra_context or {})
        failures.record(request, provider, reason)
        raise ImmediateHttpResponse(failures.refuse(request, reason, provider=provider))
