"""Intake pages: the coaches' overview, a participant's preparation, the record."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from leerkring.agreements.models import Aspect, CollectiveGoal
from leerkring.communities.models import Membership
from leerkring.core.concurrency import Stale
from leerkring.core.http import AuthenticatedHttpRequest
from leerkring.meetings.models import Meeting

from . import actions
from .access import (
    access_coaching,
    access_own_membership,
    access_participant,
    access_welcome,
)
from .forms import IntakeForm, PreparationForm
from .models import Commitment, Intake, IntakePreparation, with_commitment


def first_session(community_id: int) -> Meeting | None:
    """Session 1 of the community's latest leergang, if one is planned."""
    return (
        Meeting.objects.filter(
            period__community_id=community_id, period__kind="leergang", number=1
        )
        .order_by("-period__start_date")
        .first()
    )


@login_required
def intake_overview(
    request: AuthenticatedHttpRequest, community_id: int
) -> HttpResponse:
    community = access_coaching(request.user, community_id)
    participants = with_commitment(
        Membership.objects.holding_a_place()
        .participants()
        .filter(community=community)
        .select_related("user", "intake_preparation")
        .order_by("user__display_name")
    )
    context = {
        "community": community,
        "participants": participants,
        "first_session": first_session(community.pk),
        "today": timezone.localdate(),
        "yes": Commitment.YES,
        "commitments": dict(Commitment.choices),
    }
    return render(request, "intake/intake_overview.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def preparation_edit(
    request: AuthenticatedHttpRequest, community_id: int
) -> HttpResponse:
    membership = access_own_membership(request.user, community_id)
    preparation = IntakePreparation.objects.filter(membership=membership).first()
    instance = preparation or IntakePreparation(membership=membership)
    form = PreparationForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        answers = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            actions.save_preparation(
                membership=membership,
                version=form.cleaned_data["version"],
                answers=answers,
            )
        except Stale as stale:
            form.refuse(stale)
        else:
            messages.success(request, _("Your intake preparation is saved."))
            return redirect("intake:preparation", community_id)
    context = {
        "community": membership.community,
        "membership": membership,
        "form": form,
        "intakes": Intake.objects.filter(membership=membership),
    }
    return render(request, "intake/preparation_edit.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def participant_intake(
    request: AuthenticatedHttpRequest, membership_id: int
) -> HttpResponse:
    membership = access_participant(request.user, membership_id)
    form = IntakeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.record_intake(
            membership=membership, actor=request.user, **form.cleaned_data
        )
        messages.success(
            request,
            _("The intake with %(name)s is recorded.") % {"name": membership.user},
        )
        return redirect("intake:overview", membership.community_id)
    context = {
        "community": membership.community,
        "participant": membership,
        "preparation": IntakePreparation.objects.filter(membership=membership).first(),
        "intakes": Intake.objects.filter(membership=membership).select_related(
            "recorded_by"
        ),
        "form": form,
    }
    return render(request, "intake/participant_intake.html", context)


@login_required
@require_safe
def welcome(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    """Where an invitation leads: what to do first (the intake preparation), what
    the community is about, and when it meets next — also for a latecomer."""
    membership = access_welcome(request.user, community_id)
    community = membership.community
    period = community.current_period()
    today = timezone.localdate()
    meetings = list(Meeting.objects.for_period(period)) if period else []
    context = {
        "membership": membership,
        "community": community,
        "period": period,
        "today": today,
        "next_meeting": next((m for m in meetings if m.date >= today), None),
        "held_before_joining": sum(
            m.date < (membership.joined_on or today) for m in meetings
        ),
        "goal": CollectiveGoal.objects.filter(
            period=period, aspect=Aspect.CONTENT
        ).first(),
        "coaches": community.memberships.active().coaching().select_related("user"),
        "preparation": IntakePreparation.objects.filter(membership=membership).first(),
        "intake": membership.intakes.order_by("-held_on").first(),
    }
    return render(request, "intake/welcome.html", context)
