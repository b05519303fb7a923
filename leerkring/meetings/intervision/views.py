"""Intervision's pages: a meeting's cases and format, one case (its advice and
take-away), and the next step in the room."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from leerkring.core.concurrency import Stale
from leerkring.core.http import AuthenticatedHttpRequest

from .. import pages as meeting_pages
from ..access import access_meeting
from ..actions import MeetingError
from ..views import ROOM_AGENDA
from . import actions, pages
from .access import access_case
from .forms import AdviceForm, CaseEditForm, CaseForm, FormatForm, TakeawayForm
from .models import IntervisionCase


@login_required
@require_http_methods(["GET", "POST"])
def meeting_intervision(
    request: AuthenticatedHttpRequest, meeting_id: int
) -> HttpResponse:
    """The meeting's cases; a participant registers one here (POST)."""
    need = "bring_case" if request.method == "POST" else "view"
    meeting, membership = access_meeting(request.user, meeting_id, need=need)
    form = None
    if request.method == "POST":
        form = CaseForm(request.POST, questions=pages.own_questions(membership))
        if form.is_valid():
            try:
                case = actions.register_case(
                    meeting=meeting, membership=membership, **form.cleaned_data
                )
            except MeetingError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("Your case is registered for %(meeting)s.")
                    % {"meeting": meeting},
                )
                return redirect("meetings:intervision-case", case.pk)
    context = pages.meeting_context(meeting, membership, request.user, case_form=form)
    return render(request, "meetings/intervision/meeting.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def format_choose(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    """Whoever runs the meeting chooses the format of its intervision item."""
    meeting, membership = access_meeting(request.user, meeting_id, need="run")
    if request.method == "GET":
        return redirect("meetings:intervision", meeting.pk)
    items = actions.intervision_items(meeting)
    form = FormatForm(
        request.POST,
        items=items,
        cases=IntervisionCase.objects.filter(meeting=meeting),
    )
    if not items:
        form.add_error(
            None, _("Add a peer-consultation item to the agenda first, then choose.")
        )
    elif form.is_valid():
        try:
            plan = actions.choose_format(meeting=meeting, **form.cleaned_data)
        except Stale as stale:
            form.refuse(stale)
        except MeetingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _(
                    "The peer-consultation item now follows “%(format)s” "
                    "(%(minutes)s minutes)."
                )
                % {"format": plan.plan.label, "minutes": plan.plan.minutes},
            )
            return redirect("meetings:intervision", meeting.pk)
    context = pages.meeting_context(meeting, membership, request.user, format_form=form)
    return render(request, "meetings/intervision/meeting.html", context)


@login_required
@require_POST
def step_move(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    """The next (or previous) step of the running intervision, in the room."""
    meeting, _membership = access_meeting(request.user, meeting_id, need="run")
    try:
        actions.move_step(meeting=meeting, forward=request.POST.get("step") != "back")
    except MeetingError as error:
        messages.error(request, str(error))
    context = meeting_pages.room_context(meeting)
    if request.htmx:
        return render(request, ROOM_AGENDA, context)
    return redirect("meetings:meeting-run", meeting.pk)


def _case_page(
    request: AuthenticatedHttpRequest,
    case: IntervisionCase,
    **forms: Any,
) -> HttpResponse:
    context = pages.case_context(case, request.user, **forms)
    return render(request, "meetings/intervision/case.html", context)


@login_required
def case_detail(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    case, _membership = access_case(request.user, case_id, need="view")
    return _case_page(request, case)


@login_required
@require_POST
def case_edit(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    case, _membership = access_case(request.user, case_id, need="bring")
    form = CaseEditForm(
        request.POST,
        questions=pages.own_questions(case.membership),
        meetings=pages.coming_meetings(case.membership.community_id),
    )
    if form.is_valid():
        moved = form.cleaned_data["meeting"].pk != case.meeting_id
        try:
            actions.update_case(case=case, **form.cleaned_data)
        except Stale as stale:
            form.refuse(stale)
        except MeetingError as error:
            form.add_error(None, str(error))
        else:
            done = (
                _("Your case now goes to %(meeting)s.") % {"meeting": case.meeting}
                if moved
                else _("Your case is saved.")
            )
            messages.success(request, done)
            return redirect("meetings:intervision-case", case.pk)
    return _case_page(request, case, edit_form=form)


@login_required
@require_POST
def advice_save(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    case, _membership = access_case(request.user, case_id, need="advise")
    form = AdviceForm(request.POST)
    if form.is_valid():
        try:
            actions.save_advice(case=case, **form.cleaned_data)
        except Stale as stale:
            form.refuse(stale)
        else:
            messages.success(request, _("The group's advice is saved with the case."))
            return redirect("meetings:intervision-case", case.pk)
    return _case_page(request, case, advice_form=form)


@login_required
@require_POST
def takeaway_save(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    case, _membership = access_case(request.user, case_id, need="bring")
    form = TakeawayForm(request.POST)
    if form.is_valid():
        try:
            actions.save_takeaway(case=case, **form.cleaned_data)
        except Stale as stale:
            form.refuse(stale)
        except MeetingError as error:
            form.add_error("takeaway", str(error))
        else:
            messages.success(
                request, _("Your take-away is saved; it shows on your track.")
            )
            return redirect("meetings:intervision-case", case.pk)
    return _case_page(request, case, takeaway_form=form)
