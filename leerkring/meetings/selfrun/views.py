"""The self-run period's pages: starting it, its settings, sharing out the roles
again and swapping a role."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from leerkring.communities.models import Community, LearningPeriod
from leerkring.core.concurrency import Stale
from leerkring.core.http import AuthenticatedHttpRequest

from .. import actions, scheduling
from ..access import access_coaching, access_meeting_role, access_self_run
from ..forms import RoleSwapForm, SelfRunForm, SelfRunSettingsForm
from ..leergang import last_leergang, leergang_is_over
from ..views import say_how_it_went
from .actions import redistribute_roles, start_self_run, swap_roles, update_self_run
from .models import MeetingRole


@login_required
@require_http_methods(["GET", "POST"])
def self_run_create(
    request: AuthenticatedHttpRequest, community_id: int
) -> HttpResponse:
    community, _membership = access_coaching(request.user, community_id)
    form = SelfRunForm(request.POST or None, initial=_self_run_initial(community))
    if request.method == "POST" and form.is_valid():
        try:
            period = start_self_run(
                community=community, actor=request.user, **form.cleaned_data
            )
        except scheduling.PlanError as error:
            for name, problems in error.problems.fields.items():
                for problem in problems:
                    form.add_error(name if name in form.fields else None, problem)
        else:
            messages.success(
                request,
                _("The self-run period %(title)s is planned.") % {"title": period},
            )
            return _to_period(period)
    context = {
        "community": community,
        "form": form,
        "ready": leergang_is_over(community),
    }
    return render(request, "meetings/self_run_create.html", context)


def _self_run_initial(community: Community) -> dict[str, Any]:
    """Start about six weeks after the leergang's last session, for half a year."""
    found = last_leergang(community)
    after = (found[1] or found[0].end_date) if found else timezone.localdate()
    start = max(after + timedelta(weeks=6), timezone.localdate() + timedelta(days=1))
    return {"start_date": start, "end_date": start + timedelta(days=182)}


@login_required
@require_http_methods(["GET", "POST"])
def self_run_settings(
    request: AuthenticatedHttpRequest, period_id: int
) -> HttpResponse:
    schedule, _membership = access_self_run(request.user, period_id, need="coach")
    initial = {
        "version": schedule.version,
        "title": schedule.period.title,
        "coach_every": schedule.coach_every,
    }
    form = SelfRunSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            update_self_run(schedule=schedule, **form.cleaned_data)
        except Stale as stale:
            form.refuse(stale)
        except actions.MeetingError as error:
            form.add_error("coach_every", str(error))
        else:
            messages.success(request, _("The self-run period is saved."))
            return _to_period(schedule.period)
    context = {
        "community": schedule.period.community,
        "period": schedule.period,
        "schedule": schedule,
        "form": form,
    }
    return render(request, "meetings/self_run_settings.html", context)


def _to_period(period: LearningPeriod) -> HttpResponse:
    overview = reverse("meetings:period-overview", args=[period.community_id])
    return redirect(f"{overview}?period={period.pk}")


@login_required
@require_POST
def roles_redistribute(
    request: AuthenticatedHttpRequest, period_id: int
) -> HttpResponse:
    schedule, _membership = access_self_run(request.user, period_id, need="coach")
    done = _("The roles from today on are shared out again.")
    say_how_it_went(
        request, redistribute_roles, done, schedule=schedule, actor=request.user
    )
    return _to_period(schedule.period)


@login_required
@require_POST
def role_swap(request: AuthenticatedHttpRequest, role_id: int) -> HttpResponse:
    role, _membership = access_meeting_role(request.user, role_id)
    options = list(
        MeetingRole.objects.filter(
            meeting__period_id=role.meeting.period_id
        ).select_related("meeting", "membership__user")
    )
    form = RoleSwapForm(request.POST, role=role, options=options)
    changed_meanwhile = _(
        "The roles changed while you were choosing; nothing was swapped. "
        "Look at the current roles and choose again."
    )
    if not form.is_valid():
        messages.error(request, changed_meanwhile)
        return redirect("meetings:meeting-detail", role.meeting_id)
    other_id, other_version = form.chosen()
    try:
        swap_roles(
            role=role,
            other=next(o for o in options if o.pk == other_id),
            actor=request.user,
            version=form.cleaned_data["version"],
            other_version=other_version,
        )
    except Stale:
        messages.error(request, changed_meanwhile)
    except actions.MeetingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The roles are swapped."))
    return redirect("meetings:meeting-detail", role.meeting_id)
