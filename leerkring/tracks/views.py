"""Pages of the collective result track and the individual development tracks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
)

from leerkring.communities.access import access_community
from leerkring.communities.models import Community, LearningPeriod
from leerkring.communities.periods import choose_period, current_choice
from leerkring.core.concurrency import Stale, stale_message
from leerkring.core.http import AuthenticatedHttpRequest

from . import actions, continuity, pages
from .access import (
    access_eye,
    access_personal_track,
    access_quality,
    access_question,
)
from .eye import eye_for, render_svg
from .forms import (
    CollectiveTrackForm,
    LearningQuestionForm,
    MissionForm,
    NameConsentForm,
    ProgressEntryForm,
    QualityForm,
)
from .models import CollectiveTrack


def _period_or_404(community: Community) -> LearningPeriod:
    period = community.current_period()
    if period is None:
        raise Http404
    return period


@login_required
def collective(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    community, membership = access_community(
        request.user, community_id, need="tracks.summary"
    )
    choice = choose_period(community, request)
    context = pages.collective_context(community, membership, request.user, choice)
    return render(request, "tracks/collective.html", context)


@login_required
@require_POST
def progress_add(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    community, membership = access_community(
        request.user, community_id, need="tracks.edit_collective"
    )
    period = _period_or_404(community)
    form = ProgressEntryForm(request.POST, period=period)
    saved = ""
    if form.is_valid():
        actions.add_progress_entry(
            period=period, actor=request.user, **form.cleaned_data
        )
        saved = _("Progress entry added to the timeline.")
        if not request.htmx:
            messages.success(request, saved)
            return redirect("tracks:collective", community.pk)
        form = ProgressEntryForm(period=period)
    context = pages.collective_context(
        community,
        membership,
        request.user,
        current_choice(community),
        progress_form=form,
    )
    context["saved"] = saved
    template = "tracks/collective.html"
    return render(
        request, f"{template}#progress" if request.htmx else template, context
    )


@login_required
@require_POST
def carry_over_goal(
    request: AuthenticatedHttpRequest, community_id: int
) -> HttpResponse:
    """The community takes last period's goal and assignment into this one."""
    community, _membership = access_community(
        request.user, community_id, need="tracks.edit_collective"
    )
    period = _period_or_404(community)
    try:
        continuity.carry_over_goal(period=period, actor=request.user)
    except Stale as stale:
        messages.error(request, stale_message(stale))
    except actions.TrackError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Last period's goal is carried over as a new version.")
        )
    return redirect("tracks:collective", community.pk)


@login_required
@require_http_methods(["GET", "POST"])
def collective_edit(
    request: AuthenticatedHttpRequest, community_id: int
) -> HttpResponse:
    community, _membership = access_community(
        request.user, community_id, need="tracks.edit_collective"
    )
    period = _period_or_404(community)
    track = CollectiveTrack.objects.filter(period=period).first()
    current = pages.current_version(track)
    number = track.version if track else 0
    form = CollectiveTrackForm(
        request.POST or None, initial=CollectiveTrackForm.initial_from(current, number)
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            actions.edit_collective_track(
                period=period,
                actor=request.user,
                version=data.pop("version"),
                **data,
            )
        except Stale as stale:
            form.refuse(stale)
            current = pages.current_version(stale.current)
        except actions.TrackError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your edit is saved as a new version."))
            return redirect("tracks:collective", community.pk)
    context = {
        "community": community,
        "form": form,
        "current": current,
        "stale": form.stale is not None,
    }
    return render(request, "tracks/collective_edit.html", context)


@login_required
def collective_history(
    request: AuthenticatedHttpRequest, community_id: int
) -> HttpResponse:
    community, _membership = access_community(
        request.user, community_id, need="tracks.view_collective"
    )
    choice = choose_period(community, request)
    context = {
        "community": community,
        "choice": choice,
        **pages.history_context(community, choice.period),
    }
    return render(request, "tracks/collective_history.html", context)


@login_required
def my_track(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    community, _membership = access_community(
        request.user, community_id, need="tracks.own_track"
    )
    choice = choose_period(community, request)
    context = pages.my_track_context(community, request.user, choice)
    return render(request, "tracks/my_track.html", context)


def _my_track_form_response(
    request: AuthenticatedHttpRequest,
    community: Community,
    partial: str,
    saved: str = "",
    **forms: Any,
) -> HttpResponse:
    """After a POST on the own track: the section (htmx) or the whole page.

    ``saved`` is the confirmation; htmx shows it in the section's live region.
    """
    context = pages.my_track_context(
        community, request.user, current_choice(community), **forms
    )
    if request.htmx:
        context["saved"] = saved
        return render(request, f"tracks/my_track.html#{partial}", context)
    if saved:
        messages.success(request, saved)
        return redirect("tracks:my-track", community.pk)
    return render(request, "tracks/my_track.html", context)


@login_required
@require_POST
def question_edit(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    community, _membership = access_community(
        request.user, community_id, need="tracks.own_track"
    )
    period = _period_or_404(community)
    form = LearningQuestionForm(request.POST)
    if form.is_valid():
        try:
            actions.set_learning_question(
                period=period,
                owner=request.user,
                version=form.cleaned_data["version"],
                text=form.cleaned_data["text"],
                note=form.cleaned_data["note"],
                sharing=form.cleaned_data["sharing"],
            )
        except Stale as stale:
            form.refuse(stale)
        except actions.TrackError as error:
            form.add_error(None, str(error))
        else:
            saved = _("Your learning question is saved.")
            return _my_track_form_response(request, community, "question", saved)
    return _my_track_form_response(request, community, "question", question_form=form)


def _add_to_own_track(
    request: AuthenticatedHttpRequest,
    community_id: int,
    form_name: str,
    form: Any,
    save: Callable[..., object],
    section: str,
    saved: str,
) -> HttpResponse:
    """Validate a simple own-track form, save it with ``save`` and answer with the
    section; an invalid form comes back in that section as ``form_name``."""
    community, _membership = access_community(
        request.user, community_id, need="tracks.own_track"
    )
    period = _period_or_404(community)
    if form.is_valid():
        save(period=period, owner=request.user, **form.cleaned_data)
        return _my_track_form_response(request, community, section, saved)
    return _my_track_form_response(request, community, section, **{form_name: form})


@login_required
@require_POST
def quality_add(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    return _add_to_own_track(
        request,
        community_id,
        "quality_form",
        QualityForm(request.POST),
        actions.add_quality,
        "qualities",
        _("Quality added."),
    )


@login_required
@require_POST
def mission_edit(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    return _add_to_own_track(
        request,
        community_id,
        "mission_form",
        MissionForm(request.POST),
        actions.set_mission,
        "mission",
        _("Your mission is saved."),
    )


@login_required
@require_POST
def name_consent(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    community, _membership = access_community(
        request.user, community_id, need="tracks.own_track"
    )
    form = NameConsentForm(request.POST)
    form.is_valid()
    actions.set_name_consent(
        user=request.user, keep_name=form.cleaned_data.get("keep_name", False)
    )
    saved = _("Your choice is saved.")
    return _my_track_form_response(request, community, "consent", saved)


@login_required
@require_http_methods(["GET", "POST"])
def quality_edit(request: AuthenticatedHttpRequest, quality_id: int) -> HttpResponse:
    quality = access_quality(request.user, quality_id, need="edit")
    community = quality.personal_track.period.community
    form = QualityForm(request.POST or None, instance=quality)
    if request.method == "POST" and form.is_valid():
        actions.update_quality(item=quality, owner=request.user, **form.cleaned_data)
        messages.success(request, _("Quality updated."))
        return redirect("tracks:my-track", community.pk)
    context = {"community": community, "form": form, "quality": quality}
    return render(request, "tracks/quality_edit.html", context)


@login_required
@require_POST
def quality_delete(request: AuthenticatedHttpRequest, quality_id: int) -> HttpResponse:
    quality = access_quality(request.user, quality_id, need="edit")
    community_id = quality.personal_track.period.community_id
    quality.delete()
    messages.success(request, _("Quality removed."))
    return redirect("tracks:my-track", community_id)


@login_required
def question_detail(
    request: AuthenticatedHttpRequest, question_id: int
) -> HttpResponse:
    """A learning question's history; an htmx request gets only the history list."""
    question = access_question(request.user, question_id, need="view")
    context = {
        "community": question.personal_track.period.community,
        "question": question,
        "owner": question.personal_track.owner,
    }
    template = "tracks/question_detail.html"
    return render(request, f"{template}#history" if request.htmx else template, context)


@login_required
def overview(request: AuthenticatedHttpRequest, community_id: int) -> HttpResponse:
    community, membership = access_community(
        request.user, community_id, need="tracks.overview"
    )
    choice = choose_period(community, request)
    context = pages.overview_context(community, membership, request.user, choice)
    return render(request, "tracks/overview.html", context)


@login_required
def person(request: AuthenticatedHttpRequest, track_id: int) -> HttpResponse:
    track = access_personal_track(request.user, track_id, need="view")
    if track.owner_id == request.user.pk:
        return redirect("tracks:my-track", track.period.community_id)
    context = pages.person_context(track, request.user)
    return render(request, "tracks/person.html", context)


@login_required
@require_GET
def eye(
    request: AuthenticatedHttpRequest, community_id: int, person_id: int
) -> HttpResponse:
    """A participant's EYE model: the figure and the same content as a list."""
    membership = access_eye(request.user, community_id, person_id)
    period = _period_or_404(membership.community)
    model = eye_for(request.user, membership.user, period)
    context = {
        "community": membership.community,
        "period": period,
        "eye": model,
        "is_owner": membership.user_id == request.user.pk,
        "wide_svg": render_svg(model, "wide"),
        "narrow_svg": render_svg(model, "narrow"),
    }
    return render(request, "tracks/eye.html", context)
