"""External validation pages: the community invites and revokes; the assessor
opens the signed link without an account and gives one verdict."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from leerkring.core.http import AuthenticatedHttpRequest

from . import validation as validations
from .access import access_running_period, access_validation
from .forms import ValidationInviteForm, VerdictForm
from .goals import collective_goal_or_none
from .models import Aspect, CollectiveGoal


@login_required
@require_http_methods(["GET", "POST"])
def validation_invite(
    request: AuthenticatedHttpRequest, community_id: int, aspect: str
) -> HttpResponse:
    """The goal's assessors: who was invited, their verdicts, and a new invitation."""
    community, _membership, period = access_running_period(
        request.user, community_id, need="agreements.member"
    )
    if aspect not in CollectiveGoal.COLLECTIVE_ASPECTS:
        raise Http404
    goal = collective_goal_or_none(period, aspect)
    if goal is None:
        raise Http404
    form = ValidationInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        invited = validations.invite(
            goal=goal, actor=request.user, data=form.cleaned_data
        )
        messages.success(
            request,
            _("%(name)s gets the link by e-mail.") % {"name": invited.name},
        )
        return redirect("agreements:validation-invite", community.pk, aspect)
    context = {
        "community": community,
        "aspect": Aspect(aspect),
        "goal": goal,
        "validations": list(goal.validations.all()),
        "form": form,
    }
    return render(request, "agreements/validation_invite.html", context)


@login_required
@require_POST
def validation_revoke(
    request: AuthenticatedHttpRequest, community_id: int, validation_id: int
) -> HttpResponse:
    validation = access_validation(
        request.user, community_id, validation_id, need="manage"
    )
    if validations.revoke(validation=validation, actor=request.user):
        messages.success(
            request,
            _("The link of %(name)s no longer works.") % {"name": validation.name},
        )
    return redirect(
        "agreements:validation-invite", community_id, validation.goal.aspect
    )


@require_http_methods(["GET", "POST"])
def validation_public(request: HttpRequest, token: str) -> HttpResponse:
    """The assessor's read-only view and verdict; a dead link shows nothing."""
    try:
        validation = validations.read_token(token)
    except validations.LinkError as error:
        return render(
            request,
            "agreements/validation_gone.html",
            {"problem": error.problem},
            status=410,
        )
    validations.record_view(validation, request)
    form = VerdictForm(request.POST or None)
    refused = ""
    if request.method == "POST" and form.is_valid():
        try:
            validation = validations.give_verdict(
                validation=validation,
                verdict=form.cleaned_data["verdict"],
                comment=form.cleaned_data["comment"],
                request=request,
            )
        except validations.VerdictRefused as error:
            refused = str(error)
            validation.refresh_from_db()
        else:
            return redirect("agreements:validation-public", token)
    context = {
        "validation": validation,
        "goal": validation.goal,
        "community": validation.goal.period.community,
        "form": form,
        "refused": refused,
    }
    return render(
        request,
        "agreements/validation_public.html",
        context,
        status=409 if refused else 200,
    )
