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
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from leerkring.accounts.forms import AccountCreationForm
from leerkring.core.access import allowed
from leerkring.core.concurrency import Stale
from leerkring.core.http import AuthenticatedHttpRequest
from leerkring.meetings.models import Meeting

from . import actions, variants
from .access import (
    access_community,
    access_membership,
    access_organisation,
    access_role_change,
)
from .forms import (
    LEAVE,
    AskToCoachForm,
    CommunityCreateForm,
    CommunityEditForm,
    InviteForm,
    MembershipChangeForm,
    VariantForm,
)
from .models import Community, Membership, RoleChange, Variant
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
    form = CommunityCreateForm(
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
@require_http_methods(["GET", "POST"])
def variant_list(
    request: AuthenticatedHttpRequest, organisation_id: int
) -> HttpResponse:
    """The built-in variants and the organisation's own; a lead adds one."""
    organisation = access_organisation(request.user, organisation_id, need="manage")
    form = VariantForm(
        request.POST or None, instance=Variant(organisation=organisation)
    )
    if request.method == "POST" and form.is_valid():
        variant = actions.add_variant(form.instance)
        messages.success(request, _("Variant %(name)s added.") % {"name": variant})
        return redirect("communities:variant-list", organisation.pk)
    context = {
        "organisation": organisation,
        "form": form,
        "built_in": variants.BUILT_IN,
        "own": [v.as_preset() for v in organisation.variants.all()],
    }
    return render(request, "communities/variant_list.html", context)


def language_message(community: Community, kept: int) -> str:
    """What changing the language did to the method's texts."""
    language = community.get_language_display()
    if not kept:
        return _(
            "The method's texts of the sessions are now written in %(language)s."
        ) % {"language": language}
    return ngettext(
        "The method's texts of the sessions are now written in %(language)s; "
        "%(count)s text someone edited stays as it was typed.",
        "The method's texts of the sessions are now written in %(language)s; "
        "%(count)s texts someone edited stay as they were typed.",
        kept,
    ) % {"language": language, "count": kept}


@login_required
@require_http_methods(["GET", "POST"])
def community_edit(
    request: AuthenticatedHttpRequest, community_id: int
) -> HttpResponse:
    community, _membership = access_community(request.user, community_id, need="manage")
    form = CommunityEditForm(request.POST or None, instance=community)
    if request.method == "POST" and form.is_valid():
        try:
            kept = actions.update_community(
                community=community,
                version=form.cleaned_data["version"],
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                language=form.cleaned_data["language"],
            )
        except Stale as stale:
            form.refuse(stale)
        else:
            messages.success(request, _("The community is saved."))
            if kept is not None:
                messages.info(request, language_message(community, kept))
            return redirect("communities:community-detail", community.pk)
    context = {"community": community, "form": form}
    return render(request, "communities/community_edit.html", context)


@login_required
def community_detail(
    request: AuthenticatedHttpRequest, community_id: int
) -> HttpResponse:
    community, membership = access_community(request.user, community_id, need="view")
    period = community.current_period()
    members = list(
        community.memberships.holding_a_place().select_related("user", "approved_by")
    )
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
        "can_ask_to_coach": allowed(request.user, "ask_to_coach", community),
        "role_changes": community.role_changes.pending().select_related(
            "user", "requested_by", "approved_by"
        ),
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
    """Propose a new role (the person accepts it) or let someone leave."""
    membership = access_membership(request.user, membership_id, need="manage")
    form = MembershipChangeForm(request.POST or None, membership=membership)
    if request.method == "POST" and form.is_valid():
        change, reason = form.cleaned_data["change"], form.cleaned_data["reason"]
        try:
            if change == LEAVE:
                actions.remove_member(
                    membership=membership, actor=request.user, reason=reason
                )
                messages.success(request, _("Membership updated."))
            else:
                role_change = actions.propose_role_change(
                    membership=membership,
                    actor=request.user,
                    role=change,
                    reason=reason,
                )
                messages.success(request, role_change_message(role_change))
        except actions.MembershipError as error:
            form.add_error(None, str(error))
        else:
            return redirect("communities:community-detail", membership.community_id)
    context = {"membership": membership, "community": membership.community}
    return render(
        request, "communities/membership_edit.html", {**context, "form": form}
    )


def role_change_message(change: RoleChange) -> str:
    if change.status == RoleChange.Status.DONE:
        return _("%(name)s is now %(role)s.") % {
            "name": change.user.display_name,
            "role": change.get_role_display().lower(),
        }
    if change.awaits_consent:
        return _("The role change waits for %(name)s to accept it.") % {
            "name": change.user.display_name
        }
    return _(
        "The role change waits for the approval of another programme lead or a "
        "coach of the community."
    )


@login_required
@require_http_methods(["GET", "POST"])
def community_ask_to_coach(
    request: AuthenticatedHttpRequest, community_id: int
) -> HttpResponse:
    """A programme lead asks to coach; another lead or a coach approves."""
    community, _membership = access_community(
        request.user, community_id, need="ask_to_coach"
    )
    form = AskToCoachForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            change = actions.ask_to_coach(
                community=community, actor=request.user, **form.cleaned_data
            )
        except actions.MembershipError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, role_change_message(change))
            return redirect("communities:community-detail", community.pk)
    context = {"community": community, "form": form}
    return render(request, "communities/community_ask_to_coach.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def role_change_detail(
    request: AuthenticatedHttpRequest, role_change_id: int
) -> HttpResponse:
    """A pending role change: the person accepts or declines, another lead or a
    coach approves, the one who asked withdraws."""
    change = access_role_change(request.user, role_change_id, need="view")
    if request.method == "POST":
        try:
            change = actions.decide_role_change(
                change=change,
                actor=request.user,
                decision=request.POST.get("decision", ""),
            )
        except actions.MembershipError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Your answer is saved."))
        return redirect("communities:role-change-detail", change.pk)
    context = {
        "change": change,
        "community": change.community,
        "decisions": actions.decisions_for(change, request.user),
    }
    return render(request, "communities/role_change_detail.html", context)


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
            return redirect("home:home")
        if request.user != invitee:
            login(request, invitee, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request,
            _("Welcome to %(community)s!") % {"community": membership.community},
        )
        return redirect("intake:welcome", membership.community_id)
    context = {"invitation": invitation, "form": form, "needs_account": needs_account}
    return render(request, "communities/invitation_accept.html", context)
