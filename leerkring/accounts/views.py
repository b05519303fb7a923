"""Log in and out, reset a password, choose a language."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from leerkring.core import audit, personal_data
from leerkring.core.http import AuthenticatedHttpRequest
from leerkring.core.models import AuditAction

from . import tasks, throttling
from .forms import (
    DeleteAccountForm,
    EmailRequestForm,
    LanguageForm,
    LoginForm,
    ProfileForm,
)
from .models import User
from .tokens import login_link_tokens as login_tokens


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


def locked_out(request: HttpRequest, *args: Any) -> HttpResponse:
    """django-axes' lock-out answer: how long to wait, and the way in that always
    works (a sign-in link by e-mail)."""
    minutes = math.ceil(throttling.cool_off(request).total_seconds() / 60)
    context = {"cooloff_minutes": minutes}
    return render(request, "accounts/locked_out.html", context, status=429)


def _mail_request(
    request: HttpRequest, template: str, sent: str, send: Callable[[str], Any]
) -> HttpResponse:
    """An e-mail-me form (password reset, sign-in link): the answer never tells
    whether the address has an account and takes the same time either way (the
    lookup and the e-mail happen in the background); rate-limited."""
    form = EmailRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        verdict = throttling.mail_request(email, request)
        if verdict is throttling.Verdict.CLIENT_LIMIT:
            return render(request, "accounts/too_many_requests.html", status=429)
        if verdict is throttling.Verdict.SEND:
            transaction.on_commit(partial(send, email))
        return redirect(sent)
    return render(request, template, {"form": form})


@require_http_methods(["GET", "POST"])
def password_reset(request: HttpRequest) -> HttpResponse:
    return _mail_request(
        request,
        "accounts/password_reset.html",
        "accounts:password-reset-done",
        tasks.send_password_reset.enqueue,
    )


@require_http_methods(["GET", "POST"])
def login_link_request(request: HttpRequest) -> HttpResponse:
    return _mail_request(
        request,
        "accounts/login_link_request.html",
        "accounts:login-link-sent",
        tasks.send_login_link.enqueue,
    )


def login_link_sent(request: HttpRequest) -> HttpResponse:
    context = {
        "max_age_minutes": settings.LOGIN_LINK_MAX_AGE_MINUTES,
        "per_address": settings.MAIL_REQUESTS_PER_ADDRESS,
    }
    return render(request, "accounts/login_link_sent.html", context)


@require_http_methods(["GET", "POST"])
def login_link(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """GET asks to confirm (a mail scanner that opens links uses up nothing);
    POST logs in, which changes the last login and so spends the link."""
    account = _link_account(uidb64)
    valid = account is not None and login_tokens.check_token(account, token)
    if request.method == "POST" and valid:
        login(request, account, backend="django.contrib.auth.backends.ModelBackend")
        return redirect(settings.LOGIN_REDIRECT_URL)
    context = {"valid": valid, "account": account}
    return render(
        request, "accounts/login_link.html", context, status=200 if valid else 400
    )


def _link_account(uidb64: str) -> User | None:
    try:
        pk = urlsafe_base64_decode(uidb64).decode()
        return User.objects.get(pk=pk, is_active=True)
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        return None


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the language; remembered on the account and in a cookie."""
    form = LanguageForm(request.POST)
    next_url = request.POST.get("next") or reverse("home:home")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("home:home")
    response = HttpResponseRedirect(next_url)
    if form.is_valid():
        language = form.cleaned_data["language"]
        if request.user.is_authenticated:
            request.user.preferred_language = language
            request.user.save(update_fields=["preferred_language"])
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=365 * 24 * 60 * 60,
            samesite="Lax",
            secure=request.is_secure(),
            httponly=True,
        )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your details are saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})


@login_required
def data_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Everything Leerkring holds about the person, as one JSON file."""
    data = personal_data.export(request.user)
    audit.record(AuditAction.DATA_EXPORTED, actor=request.user, request=request)
    filename = f"leerkring-{timezone.localdate():%Y-%m-%d}.json"
    return HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        personal_data.erase(user)
        messages.success(request, _("Your account and your personal data are deleted."))
        return redirect("accounts:login")
    return render(request, "accounts/account_delete.html", {"form": form})
