"""Organisation, community and membership pages."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from leerkring.accounts.forms import AccountCreationForm
from leerkring.core.access import allowed
from leerkring.core.http import AuthenticatedHttpRequest
from leerkring.meetings.models import Meeting

from . import actions
from .access import access_community, access_membership, access_organisation
from .forms import CommunityForm, InviteForm, MembershipForm
from .models import Community, Membership
from .tokens import InvitationTokenError, read_token


@login_required
def organisation_detail(
    request: AuthenticatedHttpRequest, organisation_id: int
) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, need="view")
    communities = (
        Community.objects.filter(organisation=organisation)
        .with_counts()
        .prefetch_related("periods")
    )
    return render(
        request,
        "communities/organisation_detail.html",
        {"organisation": organisation, "communities": communities},
    )


@login_required
@require_http_methods(["GET", "POST"])
def community_create(
    request: AuthenticatedHttpRequest, organisation_id: int
) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, need="manage")
    form = CommunityForm(
        request.POST or None, instance=Community(organisation=organisation)
    )
    if request.method == "POST" and form.is_valid():
        community = form.save()
        messages.success(
            request, _("Community %(name)s created.") % {"name": community}
        )
        return redirect("communities:community-detail", community.pk)
    context = {"organisation": organisation, "form": form}
    return render(request, "communities/community_create.html", context)


@login_required
def community_detail(
    request: AuthenticatedHttpRequest, community_id: int
) -> HttpResponse:
    community, membership = access_community(request.user, community_id, need="view")
    period = community.current_period()
    members = list(community.memberships.holding_a_place().select_related("user"))
    context = {
        "community": community,
        "membership": membership,
        "members": members,
        "participant_count": sum(m.is_participant for m in members),
        "coach_count": sum(m.role == Membership.Role.COACH for m in members),
        "needs_second_coach": period is None or period.is_leergang,
        "period": period,
        "meetings": Meeting.objects.filter(period=period) if period else [],
        "today": timezone.localdate(),
        "can_manage": allowed(request.user, "manage", community),
    }
    return render(request, "communities/community_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def member_invite(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    community, _membership = access_community(request.user, community_id, need="manage")
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.invite_member(
                community=community, actor=request.user, **form.cleaned_data
            )
        except actions.MembershipError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Invitation sent to %(email)s.")
                % {"email": form.cleaned_data["email"]},
            )
            return redirect("communities:community-detail", community.pk)
    context = {"community": community, "form": form}
    return render(request, "communities/member_invite.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def membership_edit(
    request: AuthenticatedHttpRequest, membership_id: int
) -> HttpResponse:
    membership = access_membership(request.user, membership_id, need="manage")
    form = MembershipForm(request.POST or None, instance=membership)
    if request.method == "POST" and form.is_valid():
        try:
            actions.change_membership(
                membership=Membership.objects.get(pk=membership.pk),
                actor=request.user,
                role=form.cleaned_data["role"],
                status=form.cleaned_data["status"],
            )
        except actions.MembershipError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Membership updated."))
            return redirect("communities:community-detail", membership.community_id)
    context = {
        "membership": membership,
        "community": membership.community,
        "form": form,
    }
    return render(request, "communities/membership_edit.html", context)


@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the e-mail. Creates the account if needed, then joins."""
    try:
        invitation = read_token(token)
    except InvitationTokenError as error:
        context: dict[str, Any] = {"problem": error.problem}
        return render(
            request, "communities/invitation_invalid.html", context, status=410
        )
    invitee = invitation.membership.user
    needs_account = not invitee.has_usable_password()
    if not needs_account and request.user != invitee:
        context = {
            "invitation": invitation,
            "wrong_user": request.user.is_authenticated,
        }
        return render(request, "communities/invitation_login.html", context)
    form = AccountCreationForm(request.POST or None, instance=invitee)
    if request.method == "POST" and (not needs_account or form.is_valid()):
        try:
            if needs_account:
                form.save()
            membership = actions.accept_invitation(invitation=invitation, user=invitee)
        except actions.MembershipError as error:
            messages.error(request, str(error))
            return redirect("core:home")
        if request.user != invitee:
            login(request, invitee, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request,
            _("Welcome to %(community)s!") % {"community": membership.community},
        )
        return redirect("intake:welcome", membership.community_id)
    context = {"invitation": invitation, "form": form, "needs_account": needs_account}
    return render(request, "communities/invitation_accept.html", context)
