"""Agreements, goals on three aspects, the harvest and hours."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from leerkring.communities.periods import PeriodChoice, current_choice
from leerkring.core.concurrency import Stale
from leerkring.core.http import AuthenticatedHttpRequest

from . import actions, continuation
from .access import (
    access_chosen_period,
    access_running_period,
    access_time_entry,
)
from .forms import (
    AgreementsForm,
    CollectiveGoalForm,
    ConfirmForm,
    EvaluationForm,
    GoOnForm,
    PersonalGoalForm,
    StayingForm,
    TimeEntryForm,
)
from .goals import collective_goal_or_none, collective_track_goal, personal_goal_or_none
from .harvest import harvest_for, summary_for
from .hours import METHOD_MINUTES, average, hours_for
from .models import Aspect, CollectiveGoal, TimeEntry
from .overview import agreements_overview, changes

# Agreements


@login_required
def agreement_detail(
    request: AuthenticatedHttpRequest, community_id: int
) -> HttpResponse:
    community, membership, choice = access_chosen_period(
        request.user, community_id, request, need="agreements.summary"
    )
    period = choice.period
    overview = agreements_overview(community, period)
    context = {
        "community": community,
        "choice": choice,
        "period": period,
        "overview": overview,
    }
    if membership is None:
        return render(request, "agreements/agreement_summary.html", context)
    return render(
        request, "agreements/agreement_detail.html", _member_context(request, context)
    )


def _member_context(
    request: AuthenticatedHttpRequest, context: dict[str, Any]
) -> dict[str, Any]:
    overview = context["overview"]
    mine = overview.confirmed_by(request.user)
    since_mine = None
    if mine is not None and overview.current is not None and mine != overview.current:
        since_mine = changes(mine, overview.current)
    return {
        **context,
        "my_version": mine,
        "since_mine": since_mine,
        "last_changes": changes(overview.previous, overview.current)
        if overview.previous and overview.current
        else None,
    }


@login_required
@require_http_methods(["GET", "POST"])
def agreement_edit(
    request: AuthenticatedHttpRequest, community_id: int
) -> HttpResponse:
    community, _membership, period = access_running_period(
        request.user, community_id, need="agreements.member"
    )
    overview = agreements_overview(community, period)
    current = overview.current
    initial = {
        "version": overview.version,
        **(current.section_texts() if current else {}),
    }
    form = AgreementsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            version = actions.save_agreements(
                period=period,
                actor=request.user,
                version=form.cleaned_data["version"],
                sections=form.sections(),
                change_note=form.cleaned_data["change_note"],
            )
        except Stale as stale:
            form.refuse(stale)
            overview = agreements_overview(community, period)
        except actions.AgreementError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _saved_message(version, current))
            return redirect("agreements:agreement-detail", community.pk)
    context = {
        "community": community,
        "form": form,
        "overview": overview,
    }
    return render(request, "agreements/agreement_edit.html", context)


def _saved_message(version: Any, before: Any) -> str:
    if before is not None and version.pk == before.pk:
        return _("The draft of version %(number)s is saved.") % {
            "number": version.number
        }
    if version.number == 1:
        return _("Version 1 of the agreements is saved. Members can confirm it now.")
    return _(
        "Saved as version %(number)s: members already confirmed the previous "
        "version, so everyone confirms this one again."
    ) % {"number": version.number}


@login_required
@require_POST
def agreement_confirm(
    request: AuthenticatedHttpRequest, community_id: int
) -> HttpResponse:
    community, _membership, period = access_running_period(
        request.user, community_id, need="agreements.member"
    )
    form = ConfirmForm(request.POST)
    error = None
    if not form.is_valid():
        error = _("Choose the version you confirm.")
    else:
        try:
            actions.confirm_agreements(
                period=period,
                actor=request.user,
                version_number=form.cleaned_data["version"],
            )
        except actions.AgreementError as refused:
            error = str(refused)
    if not request.htmx:
        if error:
            messages.error(request, error)
        else:
            messages.success(request, _("Thank you: your confirmation is recorded."))
        return redirect("agreements:agreement-detail", community.pk)
    context = {
        "community": community,
        "choice": current_choice(community),
        "period": period,
        "overview": agreements_overview(community, period),
        "confirm_error": error,
        "just_confirmed": error is None,
    }
    return render(
        request,
        "agreements/agreement_detail.html#confirmation",
        _member_context(request, context),
    )


@login_required
def agreement_version(
    request: AuthenticatedHttpRequest, community_id: int, number: int
) -> HttpResponse:
    community, _membership, period = access_running_period(
        request.user, community_id, need="agreements.member"
    )
    overview = agreements_overview(community, period)
    index = next(
        (i for i, v in enumerate(overview.versions) if v.number == number), None
    )
    if index is None:
        raise Http404
    version = overview.versions[index]
    before = (
        overview.versions[index + 1] if index + 1 < len(overview.versions) else None
    )
    context = {
        "community": community,
        "overview": overview,
        "version": version,
        "before": before,
        "changes": changes(before, version),
        "confirmations": [(p, p.cells[index]) for p in overview.people],
    }
    return render(request, "agreements/agreement_version.html", context)


# Harvest


@login_required
def harvest(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    community, membership, choice = access_chosen_period(
        request.user, community_id, request, need="agreements.summary"
    )
    period = choice.period
    context: dict[str, Any] = {
        "community": community,
        "choice": choice,
        "period": period,
    }
    if period is not None and membership is None:
        context["summary"] = summary_for(period)
    elif period is not None and membership is not None:
        context["harvest"] = harvest_for(request.user, period, membership)
        context["may_set_personal"] = membership.is_participant
    return render(request, "agreements/harvest.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def go_on(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    """The decision to go on: the community's, and each member's own word."""
    community, _membership, period = access_running_period(
        request.user, community_id, need="agreements.member"
    )
    which = request.POST.get("form") if request.method == "POST" else None
    community_form = GoOnForm(
        request.POST if which != "mine" and request.method == "POST" else None,
        prefix="community",
    )
    own_form = StayingForm(request.POST if which == "mine" else None, prefix="mine")
    if own_form.is_valid():
        continuation.state_intention(
            period=period, user=request.user, choice=own_form.cleaned_data["choice"]
        )
        messages.success(request, _("Your word for the next period is recorded."))
        return redirect("agreements:go-on", community.pk)
    if community_form.is_valid():
        continuation.decide(
            period=period,
            actor=request.user,
            choice=community_form.cleaned_data["choice"],
        )
        messages.success(request, _("The community's decision is recorded."))
        return redirect("agreements:go-on", community.pk)
    context = {
        "community": community,
        "period": period,
        "community_form": community_form,
        "own_form": own_form,
        **continuation.decision_context(period, request.user),
    }
    return render(request, "agreements/go_on.html", context)


# Goals on three aspects


def _collective_aspect(aspect: str) -> str:
    if aspect not in CollectiveGoal.COLLECTIVE_ASPECTS:
        raise Http404
    return aspect


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(
    request: AuthenticatedHttpRequest, community_id: int, aspect: str
) -> HttpResponse:
    community, _membership, period = access_running_period(
        request.user, community_id, need="agreements.member"
    )
    aspect = _collective_aspect(aspect)
    goal = collective_goal_or_none(period, aspect)
    track_goal = collective_track_goal(period) if aspect == Aspect.CONTENT else ""
    initial = {
        "version": goal.version if goal else 0,
        "text": goal.text if goal else track_goal,
        "criteria": goal.criteria if goal else "",
    }
    form = CollectiveGoalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_collective_goal(
                period=period,
                actor=request.user,
                aspect=aspect,
                text=form.cleaned_data["text"],
                criteria=form.cleaned_data["criteria"],
                version=form.cleaned_data["version"],
            )
        except Stale as stale:
            form.refuse(stale)
        else:
            messages.success(request, _("The goal is saved."))
            return redirect("agreements:harvest", community.pk)
    context = {
        "community": community,
        "aspect": Aspect(aspect),
        "form": form,
        "track_goal": track_goal,
    }
    return render(request, "agreements/goal_edit.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def personal_goal_edit(
    request: AuthenticatedHttpRequest, community_id: int
) -> HttpResponse:
    community, _membership, period = access_running_period(
        request.user, community_id, need="agreements.personal_goals"
    )
    goal = personal_goal_or_none(period, request.user)
    initial = {
        "version": goal.version if goal else 0,
        "text": goal.text if goal else "",
        "criteria": goal.criteria if goal else "",
        "shared": goal.shared if goal else False,
    }
    form = PersonalGoalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_personal_goal(
                period=period,
                owner=request.user,
                text=form.cleaned_data["text"],
                criteria=form.cleaned_data["criteria"],
                shared=form.cleaned_data["shared"],
                version=form.cleaned_data["version"],
            )
        except Stale as stale:
            form.refuse(stale)
        else:
            messages.success(request, _("Your goal is saved."))
            return redirect("agreements:harvest", community.pk)
    context = {
        "community": community,
        "aspect": Aspect(Aspect.PERSONAL),
        "form": form,
        "personal": True,
    }
    return render(request, "agreements/goal_edit.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def goal_evaluate(
    request: AuthenticatedHttpRequest, community_id: int, aspect: str
) -> HttpResponse:
    if aspect == Aspect.PERSONAL:
        need = "agreements.personal_goals"
    else:
        need, aspect = "agreements.member", _collective_aspect(aspect)
    community, _membership, period = access_running_period(
        request.user, community_id, need=need
    )
    goal = (
        personal_goal_or_none(period, request.user)
        if aspect == Aspect.PERSONAL
        else collective_goal_or_none(period, aspect)
    )
    if goal is None:
        raise Http404
    form = EvaluationForm(
        request.POST or None,
        initial=_evaluation_initial(goal),
        require_learned=aspect != Aspect.CONTENT,
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.evaluate_goal(
                goal=goal,
                actor=request.user,
                version=form.cleaned_data["version"],
                evaluation=form.cleaned_data,
            )
        except Stale as stale:
            form.refuse(stale)
            goal = stale.current
        else:
            messages.success(request, _("The evaluation is saved."))
            return redirect("agreements:harvest", community.pk)
    context = {
        "community": community,
        "aspect": Aspect(aspect),
        "goal": goal,
        "form": form,
    }
    return render(request, "agreements/goal_evaluate.html", context)


def _evaluation_initial(goal: Any) -> dict[str, Any]:
    initial = {name: getattr(goal, name) for name in actions.EVALUATION_FIELDS}
    return {**initial, "version": goal.version}


# Hours


@login_required
@require_http_methods(["GET", "POST"])
def hours(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    community, membership, choice = access_chosen_period(
        request.user, community_id, request, need="agreements.member"
    )
    assert membership is not None
    period = choice.period
    if membership.is_coaching:
        return _hours_overview(request, community, choice)
    if period is None:
        return render(request, "agreements/hours.html", {"community": community})
    entry = TimeEntry(period=period, user=request.user)
    today = {"date": timezone.localdate()}
    form = TimeEntryForm(
        request.POST or None, instance=entry, period=period, initial=today
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        if not request.htmx:
            messages.success(request, _("Your time is logged."))
            return redirect("agreements:hours", community.pk)
        form = TimeEntryForm(
            instance=TimeEntry(period=period), period=period, initial=today
        )
    context = {
        "community": community,
        "choice": choice,
        "period": period,
        "form": form,
        "mine": hours_for(period, [request.user.pk])[request.user.pk],
        "entries": TimeEntry.objects.filter(period=period, user=request.user),
        "method_minutes": METHOD_MINUTES,
    }
    template = "agreements/hours.html"
    if request.htmx:
        template += "#log"
    return render(request, template, context)


def _hours_overview(
    request: AuthenticatedHttpRequest, community: Any, choice: PeriodChoice
) -> HttpResponse:
    if request.method == "POST":
        raise Http404
    period = choice.period
    rows = []
    if period is not None:
        participants = list(
            community.memberships.active().participants().select_related("user")
        )
        totals = hours_for(period, [m.user_id for m in participants])
        rows = [(m.user, totals[m.user_id]) for m in participants]
    context = {
        "community": community,
        "choice": choice,
        "period": period,
        "rows": rows,
        "average": average([h for _user, h in rows]),
        "method_minutes": METHOD_MINUTES,
    }
    return render(request, "agreements/hours_overview.html", context)


@login_required
@require_POST
def hours_delete(
    request: AuthenticatedHttpRequest, community_id: int, entry_id: int
) -> HttpResponse:
    entry = access_time_entry(request.user, community_id, entry_id, need="delete")
    entry.delete()
    messages.success(request, _("The entry is removed."))
    return redirect("agreements:hours", community_id)
