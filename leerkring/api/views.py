"""The person's own page of API tokens: make one (shown once), see, revoke."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from leerkring.core.http import AuthenticatedHttpRequest

from .access import access_token
from .actions import create_token, revoke_token
from .forms import TokenForm
from .models import ApiToken


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None, user=request.user)
    key = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        _token, key = create_token(
            user=request.user,
            name=data["name"],
            scope=data["scope"],
            days=data["days"],
            communities=list(data["communities"]),
        )
        form = TokenForm(user=request.user)
    tokens = ApiToken.objects.filter(user=request.user).prefetch_related("communities")
    context = {"form": form, "tokens": tokens, "new_key": key}
    return render(request, "api/token_list.html", context)


@login_required
@require_POST
def token_revoke(request: AuthenticatedHttpRequest, token_id: int) -> HttpResponse:
    token = access_token(request.user, token_id, need="revoke")
    revoke_token(token=token, actor=request.user)
    messages.success(request, _("“%(name)s” no longer works.") % {"name": token.name})
    return redirect("tokens:token-list")
