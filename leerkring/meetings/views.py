"""Session pages: the period overview, planning a leergang, a session, its
agenda, open space and the room. Each view checks access, runs an action and
renders; the context comes from :mod:`.pages`, the self-run period's pages live
in :mod:`.selfrun.views`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from leerkring.communities.access import access_community
from leerkring.core.access import allowed
from leerkring.core.concurrency import Stale, stale_message
from leerkring.core.http import AuthenticatedHttpRequest

from . import actions, lookback, pages, scheduling
from .access import (
    access_agenda_item,
    access_meeting,
    access_proposal,
    is_self_run,
    may_write_summary,
)
from .agenda import (
    accept_proposal,
    delete_agenda_item,
    method_agenda_items,
    move_agenda_item,
    propose_open_space,
    publish_agenda,
    reset_agenda,
    save_agenda_item,
)
from .forms import (
    AgendaItemForm,
    AttendanceForm,
    LeergangPlan,
    MeetingForm,
    NewAgendaItemForm,
    NotesForm,
    ObservationForm,
    ProposalForm,
    SummaryForm,
)
from .leergang import create_leergang
from .method import THEME_FIELDS
from .models import AgendaItem, Meeting
from .room import end_session, record_attendance, reopen_session, start_agenda_item
from .selfrun.guard import may_answer
from .selfrun.pages import my_tasks, roles_context


@login_required
def period_overview(
    request: AuthenticatedHttpRequest, community_id: int
) -> HttpResponse:
    community, membership = access_community(request.user, community_id, need="view")
    context = pages.period_overview(
        community,
        membership,
        chosen=request.GET.get("period", ""),
        can_plan=allowed(request.user, "manage", community),
    )
    return render(request, "meetings/period_overview.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def leergang_create(
    request: AuthenticatedHttpRequest, community_id: int
) -> HttpResponse:
    community, _membership = access_community(request.user, community_id, need="manage")
    plan = LeergangPlan(request.POST or None, community)
    if request.method == "POST" and plan.is_valid():
        try:
            period = create_leergang(
                community=community,
                actor=request.user,
                title=plan.form.cleaned_data["title"],
                start_date=plan.form.cleaned_data["start_date"],
                end_date=plan.form.cleaned_data["end_date"],
                sessions=plan.session_plans(),
            )
        except scheduling.PlanError as error:
            plan.add_problems(error.problems)
        else:
            messages.success(
                request, _("The leergang %(title)s is planned.") % {"title": period}
            )
            return redirect("meetings:period-overview", community.pk)
    template = "meetings/leergang_create.html"
    if request.htmx:
        template += "#plan-form"
    return render(request, template, {"community": community, "plan": plan})


@login_required
def meeting_detail(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting, membership = access_meeting(request.user, meeting_id, need="view")
    can_run = allowed(request.user, "run", meeting)
    context = {
        "meeting": meeting,
        "community": meeting.period.community,
        "membership": membership,
        "proposals": meeting.proposals.select_related("author"),
        "proposal_form": ProposalForm(),
        "lookback": lookback.sections_for(meeting, request.user),
        "can_run": can_run,
        "can_write_summary": may_write_summary(membership, meeting),
        "can_observe": allowed(request.user, "observe", meeting),
        "show_warning": can_run,
        # Members see the agenda as last published, whoever runs it the draft.
        **pages.agenda_context(meeting, None if can_run else meeting.published_items()),
    }
    if not meeting.has_method_themes:
        context["roles"] = roles_context(meeting, membership)
        context["equal_space_open"] = membership.is_participant and may_answer(meeting)
        context["my_tasks"] = my_tasks(context["roles"], membership)
    return render(request, "meetings/meeting_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting, _membership = access_meeting(request.user, meeting_id, need="run")
    form = MeetingForm(request.POST or None, instance=meeting)
    restore = request.POST.get("restore")
    if restore in THEME_FIELDS:
        form = MeetingForm(
            {**request.POST.dict(), restore: meeting.method_default(restore)},
            instance=Meeting.objects.get(pk=meeting.pk),
        )
        messages.info(request, _("The method default is filled in; save to keep it."))
    elif request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        changes.pop("version", None)
        try:
            actions.update_meeting(
                meeting=Meeting.objects.select_related("period").get(pk=meeting.pk),
                version=form.cleaned_data["version"],
                changes=changes,
            )
        except Stale as stale:
            form.refuse(stale)
            return _meeting_edit_page(request, meeting, form)
        except actions.MeetingError as error:
            form.add_error("date", str(error))
        else:
            messages.success(request, _("The session is saved."))
            return redirect("meetings:meeting-detail", meeting.pk)
    return _meeting_edit_page(request, meeting, form)


def _meeting_edit_page(
    request: AuthenticatedHttpRequest, meeting: Meeting, form: MeetingForm
) -> HttpResponse:
    current = Meeting.objects.get(pk=meeting.pk)
    context = {
        "meeting": current,
        "community": meeting.period.community,
        "form": form,
        "conflict": form.non_field_errors(),
    }
    return render(request, "meetings/meeting_edit.html", context)


# The agenda.


def _agenda_page(
    request: AuthenticatedHttpRequest,
    meeting: Meeting,
    *,
    new_form: NewAgendaItemForm | None = None,
    conflict: str = "",
    done: str = "",
    moved: AgendaItem | None = None,
    direction: str = "",
) -> HttpResponse:
    """The coaches' agenda page; an htmx request gets its workspace only (the
    items, the add form, proposals and publishing, which all carry the agenda's
    version), so the coach stays where they were."""
    meeting.refresh_from_db()
    context = pages.agenda_workspace(
        meeting,
        new_form=new_form,
        conflict=conflict,
        done=done,
        moved=moved,
        direction=direction,
    )
    template = "meetings/agenda_edit.html"
    if request.htmx:
        template += "#agenda"
    return render(request, template, context)


def _after_agenda_change(
    request: AuthenticatedHttpRequest, meeting: Meeting, **page: Any
) -> HttpResponse:
    """htmx: the workspace again, saying what happened; otherwise the same as
    a message on the reloaded page."""
    if request.htmx:
        return _agenda_page(request, meeting, **page)
    if page.get("conflict"):
        messages.error(request, page["conflict"])
    elif page.get("done"):
        messages.success(request, page["done"])
    return redirect("meetings:agenda-edit", meeting.pk)


@login_required
def agenda_edit(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting, _membership = access_meeting(request.user, meeting_id, need="run")
    return _agenda_page(request, meeting)


@login_required
@require_POST
def agenda_item_new(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting, _membership = access_meeting(request.user, meeting_id, need="run")
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("position"))
    form = NewAgendaItemForm(request.POST, version=meeting.agenda_version, items=items)
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            item = save_agenda_item(
                meeting=meeting,
                version=form.cleaned_data["version"],
                author=request.user,
                **data,
            )
        except Stale as stale:
            form.refuse(stale)
        else:
            done = _("“%(title)s” is added to the agenda.") % {"title": item}
            return _after_agenda_change(request, meeting, done=done)
    return _agenda_page(request, meeting, new_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def agenda_item_edit(request: AuthenticatedHttpRequest, item_id: int) -> HttpResponse:
    item, _membership = access_agenda_item(request.user, item_id)
    version = int(request.POST.get("version") or item.meeting.agenda_version)
    form = AgendaItemForm(request.POST or None, instance=item, version=version)
    if request.method == "POST" and form.is_valid():
        try:
            save_agenda_item(
                meeting=item.meeting,
                version=form.cleaned_data["version"],
                item=item,
                **{k: v for k, v in form.cleaned_data.items() if k != "version"},
            )
        except Stale as stale:
            form.refuse(stale)
        else:
            messages.success(request, _("The agenda item is saved."))
            return redirect("meetings:agenda-edit", item.meeting_id)
    current = AgendaItem.objects.filter(pk=item.pk).first()
    item.meeting.refresh_from_db(fields=["agenda_version"])
    context = {
        "item": item,
        "current": current,
        "meeting": item.meeting,
        "community": item.meeting.period.community,
        "form": form,
    }
    return render(request, "meetings/agenda_item_edit.html", context)


@login_required
@require_POST
def agenda_item_move(request: AuthenticatedHttpRequest, item_id: int) -> HttpResponse:
    item, _membership = access_agenda_item(request.user, item_id)
    direction = "up" if request.POST.get("direction") == "up" else "down"
    problem = attempt(request, move_agenda_item, item=item, direction=direction)
    if problem:
        return _after_agenda_change(request, item.meeting, conflict=problem)
    return _after_agenda_change(request, item.meeting, moved=item, direction=direction)


def attempt(
    request: AuthenticatedHttpRequest, action: Callable[..., object], **kw: Any
) -> str:
    """Run a versioned action with the posted version; what went wrong, or ""."""
    try:
        action(version=int(request.POST.get("version") or 0), **kw)
    except Stale as stale:
        return stale_message(stale)
    except actions.MeetingError as error:
        return str(error)
    return ""


def say_how_it_went(
    request: AuthenticatedHttpRequest,
    action: Callable[..., object],
    done: str,
    **kw: Any,
) -> None:
    """:func:`attempt`, with the outcome as a message."""
    problem = attempt(request, action, **kw)
    if problem:
        messages.error(request, problem)
    else:
        messages.success(request, done)


def _run_on_agenda(
    request: AuthenticatedHttpRequest,
    on: Meeting,
    action: Callable[..., object],
    done: str,
    **kw: Any,
) -> HttpResponse:
    """:func:`attempt` on the agenda page of ``on``, which htmx keeps in place."""
    problem = attempt(request, action, **kw)
    return _after_agenda_change(
        request, on, conflict=problem, done="" if problem else done
    )


@login_required
@require_POST
def agenda_item_delete(request: AuthenticatedHttpRequest, item_id: int) -> HttpResponse:
    item, _membership = access_agenda_item(request.user, item_id)
    done = _("“%(title)s” is removed.") % {"title": item}
    return _run_on_agenda(request, item.meeting, delete_agenda_item, done, item=item)


@login_required
@require_POST
def agenda_publish(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting, _membership = access_meeting(request.user, meeting_id, need="run")
    done = _("The agenda is published: the members see it now.")
    return _run_on_agenda(request, meeting, publish_agenda, done, meeting=meeting)


@login_required
@require_http_methods(["GET", "POST"])
def agenda_reset(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    """Restoring the method's agenda replaces the coaches' work: first say what
    goes and what comes (GET), then do it (POST)."""
    meeting, _membership = access_meeting(request.user, meeting_id, need="run")
    if request.method == "POST":
        done = _("The method's agenda is restored.")
        say_how_it_went(request, reset_agenda, done, meeting=meeting)
        return redirect("meetings:agenda-edit", meeting.pk)
    context = {
        "meeting": meeting,
        "community": meeting.period.community,
        "items": AgendaItem.objects.filter(meeting=meeting).order_by("position"),
        "method_items": method_agenda_items(meeting),
    }
    return render(request, "meetings/agenda_reset.html", context)


# Open space.


@login_required
@require_POST
def proposal_new(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting, _membership = access_meeting(request.user, meeting_id, need="view")
    form = ProposalForm(request.POST)
    if form.is_valid():
        try:
            propose_open_space(
                meeting=meeting, author=request.user, **form.cleaned_data
            )
        except actions.MeetingError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Thank you, your proposal is on the list."))
    else:
        messages.error(request, _("Write down what you would like to do first."))
    return redirect("meetings:meeting-detail", meeting.pk)


@login_required
@require_POST
def proposal_accept(
    request: AuthenticatedHttpRequest, proposal_id: int
) -> HttpResponse:
    proposal, _membership = access_proposal(request.user, proposal_id, need="run")
    done = _("The proposal is on the agenda.")
    return _run_on_agenda(
        request, proposal.meeting, accept_proposal, done, proposal=proposal
    )


# In the room: the projector screen shows what every member may see; the coach
# panel, a separate page for the coaches' own screen, holds the rest.


ROOM_AGENDA = "meetings/includes/room_agenda.html"
ATTENDANCE = "meetings/includes/attendance.html"


@login_required
def meeting_run(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    """The room, for the projector; htmx polls its agenda (the coach may drive
    the session from the coach panel)."""
    meeting, membership = access_meeting(request.user, meeting_id, need="run")
    if request.htmx:
        return render(request, ROOM_AGENDA, pages.room_context(meeting, membership))
    context = {
        **pages.room_context(meeting, membership),
        "lookback": lookback.sections_for(meeting, request.user, shared_screen=True),
        "is_coach": membership.is_coaching,
    }
    if is_self_run(meeting):
        # No coach panel needed: the members take attendance and open the
        # check-in from the room itself.
        context.update(self_run=True, **pages.attendance_context(meeting))
    return render(request, "meetings/meeting_run.html", context)


@login_required
@require_safe
def coach_panel(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting, _membership = access_meeting(request.user, meeting_id, need="coach")
    context = pages.panel_context(meeting, request.user)
    return render(request, "meetings/coach_panel.html", context)


@login_required
@require_POST
def meeting_advance(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    """Start an item, the next one, end the session (after a confirmation) or
    reopen it."""
    meeting, membership = access_meeting(request.user, meeting_id, need="run")
    wanted = request.POST.get("item", "next")
    target = _item_to_start(meeting, wanted)
    confirm_end = False
    if wanted == "reopen":
        reopen_session(meeting=meeting)
    elif target is not None:
        start_agenda_item(meeting=meeting, item=target)
    elif "confirm" in request.POST:
        end_session(meeting=meeting)
    else:
        confirm_end = True  # "end", or "next" after the last item
    context = pages.room_context(
        meeting, membership, focus=True, confirm_end=confirm_end
    )
    if request.htmx:
        return render(request, ROOM_AGENDA, context)
    if confirm_end:
        context["lookback"] = []
        return render(request, "meetings/meeting_run.html", context)
    return redirect("meetings:meeting-run", meeting.pk)


def _item_to_start(meeting: Meeting, wanted: str) -> AgendaItem | None:
    """The item ``wanted`` names: ``next`` after the current one, or an id."""
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("position"))
    if wanted == "next":
        current = next((i for i in items if i.pk == meeting.current_item_id), None)
        after = [i for i in items if current is None or i.position > current.position]
        return after[0] if after else None
    return next((i for i in items if str(i.pk) == wanted), None)


@login_required
@require_POST
def attendance_save(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    """Save who is present ("everyone": all members); htmx keeps whoever takes
    it where they were (the coach panel; in a self-run period the room)."""
    meeting, _membership = access_meeting(request.user, meeting_id, need="run")
    members = pages.members(meeting)
    form = AttendanceForm(request.POST, members=members)
    refused = _("Tick only members of this community.")
    if "everyone" in request.POST:
        present: list[int] | None = [m.pk for m in members]
    else:
        valid = form.is_valid()
        present = [int(pk) for pk in form.cleaned_data["present"]] if valid else None
    if present is not None:
        record_attendance(meeting=meeting, present=present)
    if not request.htmx:
        if present is None:
            messages.error(request, refused)
        else:
            messages.success(request, _("Attendance is saved."))
        back = (
            "meetings:meeting-run" if is_self_run(meeting) else "meetings:coach-panel"
        )
        return redirect(back, meeting.pk)
    outcome = {"just_saved": True} if present is not None else {"refused": refused}
    context = {"meeting": meeting, **pages.attendance_context(meeting, **outcome)}
    return render(request, ATTENDANCE, context)


@login_required
@require_POST
def notes_save(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting, _membership = access_meeting(request.user, meeting_id, need="coach")
    form = NotesForm(request.POST)
    saved = False
    if form.is_valid():
        try:
            actions.save_coach_notes(
                meeting=meeting,
                version=form.cleaned_data["version"],
                notes=form.cleaned_data["coach_notes"],
            )
            saved = True
        except Stale as stale:
            form.refuse(stale)
    if not request.htmx and saved:
        messages.success(request, _("Your notes are saved."))
        return redirect("meetings:coach-panel", meeting.pk)
    meeting.refresh_from_db(fields=["version", "coach_notes"])
    if saved:
        form = NotesForm(
            initial={"version": meeting.version, "coach_notes": meeting.coach_notes}
        )
    notes = {"notes_form": form, "notes_saved": saved}
    if request.htmx:
        context = {"meeting": meeting, **notes}
        return render(request, "meetings/coach_panel.html#notes", context)
    context = pages.panel_context(meeting, request.user, **notes)
    return render(request, "meetings/coach_panel.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def summary_edit(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting, _membership = access_meeting(request.user, meeting_id, need="summary")
    initial = {"version": meeting.version, "summary": meeting.summary}
    form = SummaryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_summary(
                meeting=meeting,
                version=form.cleaned_data["version"],
                summary=form.cleaned_data["summary"],
                publish="publish" in request.POST,
            )
        except Stale as stale:
            form.refuse(stale)
        except actions.MeetingError as error:
            form.add_error("summary", str(error))
        else:
            messages.success(request, _("The summary is saved."))
            return redirect("meetings:meeting-detail", meeting.pk)
    context = {
        "meeting": meeting,
        "current": Meeting.objects.get(pk=meeting.pk),
        "community": meeting.period.community,
        "form": form,
        "self_run": is_self_run(meeting),
    }
    return render(request, "meetings/summary_edit.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def observation_edit(
    request: AuthenticatedHttpRequest, meeting_id: int
) -> HttpResponse:
    """A visiting coach writes what they observed, for the community's members."""
    meeting, _membership = access_meeting(request.user, meeting_id, need="observe")
    initial = {
        "version": meeting.version,
        "coach_observation": meeting.coach_observation,
    }
    form = ObservationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_observation(
                meeting=meeting,
                version=form.cleaned_data["version"],
                observation=form.cleaned_data["coach_observation"],
                author=request.user,
            )
        except Stale as stale:
            form.refuse(stale)
        else:
            messages.success(
                request, _("Your observation is saved; the members read it now.")
            )
            return redirect("meetings:meeting-detail", meeting.pk)
    context = {
        "meeting": meeting,
        "current": Meeting.objects.get(pk=meeting.pk),
        "community": meeting.period.community,
        "form": form,
    }
    return render(request, "meetings/observation_edit.html", context)


# After the leergang: the self-run period.
