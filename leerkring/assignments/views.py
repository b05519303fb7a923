"""Integration assignments: formulate in the wrap-up, report in the look back."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from leerkring.communities.roles import is_coach
from leerkring.core.http import AuthenticatedHttpRequest

from . import actions, pages
from .access import access_assignment, access_session
from .forms import AssignmentForm, ReportForm
from .models import IntegrationAssignment


@login_required
def session(
    request: AuthenticatedHttpRequest, community_id: int, meeting_id: int
) -> HttpResponse:
    community, membership, meeting = access_session(
        request.user, community_id, meeting_id, need="assignments.session"
    )
    context = pages.session_context(community, membership, meeting, request.user)
    return render(request, "assignments/session.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def formulate(
    request: AuthenticatedHttpRequest, community_id: int, meeting_id: int
) -> HttpResponse:
    community, membership, meeting = access_session(
        request.user, community_id, meeting_id, need="assignments.formulate"
    )
    following = actions.next_meeting(meeting)
    form = AssignmentForm(
        request.POST or None,
        initial={"due_date": following.date if following else None},
        can_own=membership is not None and membership.is_participant,
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.formulate_assignment(
                meeting=meeting, actor=request.user, **form.cleaned_data
            )
        except actions.AssignmentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your integration assignment is saved."))
            return redirect("assignments:session", community.pk, meeting.pk)
    context = {"community": community, "meeting": meeting, "form": form}
    return render(request, "assignments/formulate.html", context)


@login_required
def overview(
    request: AuthenticatedHttpRequest, community_id: int, meeting_id: int
) -> HttpResponse:
    community, membership, meeting = access_session(
        request.user, community_id, meeting_id, need="assignments.overview"
    )
    assert membership is not None  # the rule admits active coaches only
    context = pages.overview_context(community, membership, meeting, request.user)
    return render(request, "assignments/overview.html", context)


@login_required
def detail(request: AuthenticatedHttpRequest, assignment_id: int) -> HttpResponse:
    """One assignment with the reports the viewer may read; htmx gets the card."""
    access_assignment(request.user, assignment_id, need="view")
    assignment = IntegrationAssignment.objects.for_page(request.user).get(
        pk=assignment_id
    )
    community = assignment.period.community
    membership = community.memberships.active().filter(user=request.user).first()
    [assignment] = pages.mark_for_viewer([assignment], request.user, membership)
    context = {"community": community, "assignment": assignment}
    template = "assignments/detail.html"
    return render(request, f"{template}#card" if request.htmx else template, context)


@login_required
@require_http_methods(["GET", "POST"])
def report(request: AuthenticatedHttpRequest, assignment_id: int) -> HttpResponse:
    assignment = access_assignment(request.user, assignment_id, need="report")
    existing = assignment.reports.filter(author=request.user).first()
    form = ReportForm(
        request.POST or None,
        instance=existing,
        initial={} if existing else {"sharing": assignment.sharing},
    )
    if request.method == "POST" and form.is_valid():
        actions.report_on_assignment(
            assignment=assignment, actor=request.user, **form.cleaned_data
        )
        messages.success(request, _("Your report is saved."))
        return redirect("assignments:detail", assignment.pk)
    context = {
        "community": assignment.period.community,
        "assignment": assignment,
        "form": form,
    }
    return render(request, "assignments/report.html", context)


@login_required
@require_POST
def carry_over(request: AuthenticatedHttpRequest, assignment_id: int) -> HttpResponse:
    assignment = access_assignment(request.user, assignment_id, need="carry_over")
    try:
        new = actions.carry_over(assignment=assignment, actor=request.user)
    except actions.AssignmentError as error:
        messages.error(request, str(error))
        return redirect("assignments:detail", assignment.pk)
    messages.success(
        request,
        _("Carried over to %(session)s.") % {"session": new.due_meeting},
    )
    community_id = assignment.period.community_id
    if is_coach(request.user, community_id) and assignment.due_meeting_id:
        return redirect("assignments:overview", community_id, assignment.due_meeting_id)
    return redirect("assignments:detail", new.pk)
