"""Confirming a link between an institution's sign-in and an account; the
person's own list of sign-ins."""

from __future__ import annotations

from datetime import timedelta

from allauth.socialaccount.models import SocialAccount
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from leerkring.core.http import AuthenticatedHttpRequest

from . import actions
from .models import Connection, LinkRequest


def _open_link(token: str) -> LinkRequest | None:
    """The unconfirmed link request behind a valid, unexpired token."""
    max_age = timedelta(hours=settings.SSO_LINK_MAX_AGE_HOURS)
    try:
        data = signing.loads(token, salt=actions.SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    return (
        LinkRequest.objects.select_related("user", "app")
        .filter(pk=data.get("id"), confirmed_at__isnull=True, user__is_active=True)
        .first()
    )


@require_http_methods(["GET", "POST"])
def link_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The owner of an account confirms that an institution's sign-in is theirs."""
    link = _open_link(token)
    if link is None:
        return render(request, "identity/link_invalid.html", status=400)
    connection = Connection.objects.filter(app=link.app).first()
    if request.method == "POST":
        try:
            actions.confirm_link(link=link, request=request)
        except actions.LinkTaken:
            return render(request, "identity/link_invalid.html", status=409)
        login(request, link.user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request, _("Linked. From now on you can sign in through your institution.")
        )
        return redirect(settings.LOGIN_REDIRECT_URL)
    return render(
        request, "identity/link_confirm.html", {"link": link, "connection": connection}
    )


@require_GET
def login_cancelled(request: HttpRequest) -> HttpResponse:
    """Where allauth sends someone who stopped at their institution's page."""
    return render(request, "socialaccount/login_cancelled.html")


@login_required
@require_GET
def sign_ins(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The institutions' sign-ins linked to this account, with the affiliation
    hint each sent."""
    accounts = SocialAccount.objects.filter(user=request.user).order_by("date_joined")
    connections = {
        c.app.provider_id: c
        for c in Connection.objects.select_related("app", "organisation")
    }
    rows = [(account, connections.get(account.provider)) for account in accounts]
    return render(request, "identity/sign_ins.html", {"rows": rows})
