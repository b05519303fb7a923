"""Session pages: the period overview, planning a leergang or a self-run period,
the agenda, the roles of self-run meetings and the room."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Max, Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from leerkring.communities.access import access_community
from leerkring.communities.models import Community, LearningPeriod, Membership
from leerkring.core.access import allowed
from leerkring.core.concurrency import Stale, stale_message
from leerkring.core.http import AuthenticatedHttpRequest

from . import actions, lookback, presence, rotation
from .access import (
    access_agenda_item,
    access_coaching,
    access_meeting,
    access_meeting_role,
    access_proposal,
    access_self_run,
    may_write_summary,
)
from .forms import (
    AgendaItemForm,
    AttendanceForm,
    LeergangPlan,
    MeetingForm,
    NewAgendaItemForm,
    NotesForm,
    ProposalForm,
    RoleSwapForm,
    SelfRunForm,
    SelfRunSettingsForm,
    SummaryForm,
)
from .method import THEME_FIELDS
from .models import AgendaItem, Attendance, Meeting, MeetingRole


def agenda_context(
    meeting: Meeting, items: list[AgendaItem] | None = None
) -> dict[str, Any]:
    """The agenda (the coaches' working copy unless ``items`` are given) with
    each item's clock time, the total and the time available."""
    if items is None:
        items = list(AgendaItem.objects.filter(meeting=meeting).order_by("position"))
    clock = datetime.combine(meeting.date, meeting.starts_at.time())
    for item in items:
        item.starts = clock.time()  # type: ignore[attr-defined]
        clock += timedelta(minutes=item.minutes)
    total = sum(item.minutes for item in items)
    return {
        "items": items,
        "total_minutes": total,
        "available_minutes": meeting.duration_minutes,
        "over_minutes": max(total - meeting.duration_minutes, 0),
        "ends": clock.time(),
    }


@login_required
def period_overview(
    request: AuthenticatedHttpRequest, community_id: int
) -> HttpResponse:
    community, membership = access_community(request.user, community_id, need="view")
    periods = list(community.periods.all())
    chosen = request.GET.get("period", "")
    period = next((p for p in periods if str(p.pk) == chosen), None) or (
        community.current_period() if periods else None
    )
    meetings = Meeting.objects.for_period(period) if period else Meeting.objects.none()
    meetings = meetings.with_agenda_minutes()
    if period is not None and not period.is_leergang:
        extra = self_run_context(period, membership, meetings)
    else:
        extra = {"meetings": list(meetings)}
    coaching = membership is not None and membership.is_coaching
    context = {
        "community": community,
        "membership": membership,
        "periods": periods,
        "period": period,
        "today": timezone.localdate(),
        "can_plan": allowed(request.user, "manage", community),
        "can_start_self_run": coaching
        and _leergang_over(periods, period, extra["meetings"]),
        **extra,
    }
    return render(request, "meetings/period_overview.html", context)


def _leergang_over(
    periods: list[LearningPeriod],
    shown: LearningPeriod | None,
    meetings: list[Meeting],
) -> bool:
    """:func:`actions.leergang_is_over`, reusing the periods and the meetings the
    page already has (usually no query at all)."""
    leergangs = [p for p in periods if p.is_leergang]
    if not leergangs:
        return False
    latest = max(leergangs, key=lambda p: p.end_date)
    if shown is not None and shown.pk == latest.pk:
        last = max((m.date for m in meetings), default=None)
    else:
        found = Meeting.objects.filter(period=latest).aggregate(Max("date"))
        last = found["date__max"]
    return actions.is_over(latest, last, timezone.localdate())


def self_run_context(
    period: LearningPeriod, membership: Membership | None, meetings: Any
) -> dict[str, Any]:
    """A self-run period's schedule and, for its members only, who holds which
    role and how the roles are spread (a programme lead sees neither)."""
    schedule = getattr(period, "self_run_schedule", None)
    if membership is None:
        return {"schedule": schedule, "meetings": list(meetings)}
    meetings = list(
        meetings.prefetch_related(
            Prefetch(
                "roles", queryset=MeetingRole.objects.select_related("membership__user")
            )
        )
    )
    people = actions.rotating_members(period.community)
    roles = [role for meeting in meetings for role in meeting.roles.all()]
    counts = rotation.spread(
        ((r.membership, r.role) for r in roles if r.membership is not None), people
    )
    share = rotation.fair_share(len(roles), len(people))
    spread = [
        {
            "membership": person,
            "chair": tally[rotation.CHAIR],
            "note_taker": tally[rotation.NOTE_TAKER],
            "total": sum(tally.values()),
            "over": sum(tally.values()) > share,
            "active": person in people,
        }
        for person, tally in counts.items()
    ]
    return {
        "schedule": schedule,
        "meetings": meetings,
        "spread": spread,
        "fair_share": share,
        "over_share": [row for row in spread if row["over"]],
        "open_roles": sum(r.membership is None for r in roles),
    }


@login_required
@require_http_methods(["GET", "POST"])
def leergang_create(
    request: AuthenticatedHttpRequest, community_id: int
) -> HttpResponse:
    community, _membership = access_community(request.user, community_id, need="manage")
    plan = LeergangPlan(request.POST or None, community)
    if request.method == "POST" and plan.is_valid():
        try:
            period = actions.create_leergang(
                community=community,
                actor=request.user,
                title=plan.form.cleaned_data["title"],
                start_date=plan.form.cleaned_data["start_date"],
                end_date=plan.form.cleaned_data["end_date"],
                sessions=plan.session_plans(),
            )
        except actions.PlanError as error:
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
    context = {
        "meeting": meeting,
        "community": meeting.period.community,
        "membership": membership,
        "proposals": meeting.proposals.select_related("author"),
        "proposal_form": ProposalForm(),
        "lookback": lookback.sections_for(meeting, request.user),
        "can_write_summary": may_write_summary(membership, meeting),
        "show_warning": membership.is_coaching,
        # Members see the agenda as last published, the coaches their draft.
        **agenda_context(
            meeting, None if membership.is_coaching else meeting.published_items()
        ),
    }
    if not meeting.has_method_themes:
        context["roles"] = roles_context(meeting, membership)
    return render(request, "meetings/meeting_detail.html", context)


def roles_context(meeting: Meeting, membership: Membership) -> list[dict[str, Any]]:
    """The meeting's roles, each with a swap form where the viewer may swap it
    (their own role; a coach any) while the meeting is still to come."""
    roles = list(
        MeetingRole.objects.filter(meeting=meeting).select_related("membership__user")
    )
    mine = [
        r for r in roles if membership.is_coaching or r.membership_id == membership.pk
    ]
    options: list[MeetingRole] = []
    if mine and meeting.status() != "past":
        options = list(
            MeetingRole.objects.filter(
                meeting__period_id=meeting.period_id,
                meeting__date__gte=timezone.localdate(),
            )
            .select_related("meeting", "membership__user")
            .order_by("meeting__number", "role")
        )
    return [
        {
            "role": role,
            "form": RoleSwapForm(
                role=role, options=options, own=role.membership_id == membership.pk
            )
            if role in mine and options
            else None,
        }
        for role in roles
    ]


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting, _membership = access_meeting(request.user, meeting_id, need="coach")
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
                actor=request.user,
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
    agenda = agenda_context(meeting)
    version = meeting.agenda_version
    context = {
        "meeting": meeting,
        "community": meeting.period.community,
        "new_form": new_form
        or NewAgendaItemForm(version=version, items=agenda["items"]),
        "conflict": conflict,
        "done": done,
        "moved": moved,
        "direction": direction,
        "proposals": meeting.proposals.select_related("author"),
        "show_warning": True,
        **agenda,
    }
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
    meeting, _membership = access_meeting(request.user, meeting_id, need="coach")
    return _agenda_page(request, meeting)


@login_required
@require_POST
def agenda_item_new(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting, _membership = access_meeting(request.user, meeting_id, need="coach")
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("position"))
    form = NewAgendaItemForm(request.POST, version=meeting.agenda_version, items=items)
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            item = actions.save_agenda_item(
                meeting=meeting,
                actor=request.user,
                version=form.cleaned_data["version"],
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
            actions.save_agenda_item(
                meeting=item.meeting,
                actor=request.user,
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
    problem = _attempt(
        request, actions.move_agenda_item, item=item, direction=direction
    )
    if problem:
        return _after_agenda_change(request, item.meeting, conflict=problem)
    return _after_agenda_change(request, item.meeting, moved=item, direction=direction)


def _attempt(
    request: AuthenticatedHttpRequest, action: Callable[..., object], **kw: Any
) -> str:
    """Run a versioned action with the posted version; what went wrong, or ""."""
    try:
        action(actor=request.user, version=int(request.POST.get("version") or 0), **kw)
    except Stale as stale:
        return stale_message(stale)
    except actions.MeetingError as error:
        return str(error)
    return ""


def _say_how_it_went(
    request: AuthenticatedHttpRequest,
    action: Callable[..., object],
    done: str,
    **kw: Any,
) -> None:
    """:func:`_attempt`, with the outcome as a message."""
    problem = _attempt(request, action, **kw)
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
    """:func:`_attempt` on the agenda page of ``on``, which htmx keeps in place."""
    problem = _attempt(request, action, **kw)
    return _after_agenda_change(
        request, on, conflict=problem, done="" if problem else done
    )


@login_required
@require_POST
def agenda_item_delete(request: AuthenticatedHttpRequest, item_id: int) -> HttpResponse:
    item, _membership = access_agenda_item(request.user, item_id)
    done = _("“%(title)s” is removed.") % {"title": item}
    return _run_on_agenda(
        request, item.meeting, actions.delete_agenda_item, done, item=item
    )


@login_required
@require_POST
def agenda_publish(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting, _membership = access_meeting(request.user, meeting_id, need="coach")
    done = _("The agenda is published: the members see it now.")
    return _run_on_agenda(
        request, meeting, actions.publish_agenda, done, meeting=meeting
    )


@login_required
@require_http_methods(["GET", "POST"])
def agenda_reset(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    """Restoring the method's agenda replaces the coaches' work: first say what
    goes and what comes (GET), then do it (POST)."""
    meeting, _membership = access_meeting(request.user, meeting_id, need="coach")
    if request.method == "POST":
        done = _("The method's agenda is restored.")
        _say_how_it_went(request, actions.reset_agenda, done, meeting=meeting)
        return redirect("meetings:agenda-edit", meeting.pk)
    context = {
        "meeting": meeting,
        "community": meeting.period.community,
        "items": AgendaItem.objects.filter(meeting=meeting).order_by("position"),
        "method_items": actions.method_agenda_items(meeting),
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
            actions.propose_open_space(
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
    proposal, _membership = access_proposal(request.user, proposal_id, need="coach")
    done = _("The proposal is on the agenda.")
    return _run_on_agenda(
        request, proposal.meeting, actions.accept_proposal, done, proposal=proposal
    )


# In the room: the projector screen shows what every member may see; the coach
# panel, a separate page for the coaches' own screen, holds the rest.


def _room_context(
    meeting: Meeting, *, focus: bool = False, confirm_end: bool = False
) -> dict[str, Any]:
    """The running agenda (what both the room and the coach panel show)."""
    agenda = agenda_context(meeting)
    current = next(
        (i for i in agenda["items"] if i.pk == meeting.current_item_id), None
    )
    return {
        "meeting": meeting,
        "community": meeting.period.community,
        "current": current,
        "focus": focus,
        "confirm_end": confirm_end,
        **agenda,
    }


ROOM_AGENDA = "meetings/includes/room_agenda.html"


@login_required
def meeting_run(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    """The room, for the projector; htmx polls its agenda (the coach may drive
    the session from the coach panel)."""
    meeting, _membership = access_meeting(request.user, meeting_id, need="coach")
    if request.htmx:
        return render(request, ROOM_AGENDA, _room_context(meeting))
    context = {
        **_room_context(meeting),
        "lookback": lookback.sections_for(meeting, request.user, shared_screen=True),
    }
    return render(request, "meetings/meeting_run.html", context)


@login_required
@require_safe
def coach_panel(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    meeting, _membership = access_meeting(request.user, meeting_id, need="coach")
    context = _panel_context(meeting, request.user)
    return render(request, "meetings/coach_panel.html", context)


def _panel_context(meeting: Meeting, user: Any, **extra: Any) -> dict[str, Any]:
    notes = {"version": meeting.version, "coach_notes": meeting.coach_notes}
    return {
        **_room_context(meeting),
        **_attendance_context(meeting),
        "notes_form": NotesForm(initial=notes),
        "lookback": lookback.sections_for(meeting, user),
        "show_warning": True,
        **extra,
    }


@login_required
@require_POST
def meeting_advance(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    """Start an item, the next one, end the session (after a confirmation) or
    reopen it."""
    meeting, _membership = access_meeting(request.user, meeting_id, need="coach")
    wanted = request.POST.get("item", "next")
    target = _item_to_start(meeting, wanted)
    confirm_end = False
    if wanted == "reopen":
        actions.reopen_session(meeting=meeting, actor=request.user)
    elif target is not None:
        actions.start_agenda_item(meeting=meeting, actor=request.user, item=target)
    elif "confirm" in request.POST:
        actions.end_session(meeting=meeting, actor=request.user)
    else:
        confirm_end = True  # "end", or "next" after the last item
    context = _room_context(meeting, focus=True, confirm_end=confirm_end)
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


def _attendance_context(meeting: Meeting, **extra: Any) -> dict[str, Any]:
    """The attendance list: as the coaches saved it, or else ticked for whoever
    answered the check-in."""
    members = _members(meeting)
    saved = dict(
        Attendance.objects.filter(meeting=meeting).values_list(
            "membership_id", "present"
        )
    )
    if saved:
        present = [pk for pk, here in saved.items() if here]
    else:
        signed_in = presence.signed_in(meeting)
        present = [m.pk for m in members if m.user_id in signed_in]
    return {
        "attendance_form": AttendanceForm(
            initial={"present": [str(pk) for pk in present]}, members=members
        ),
        "attendance_saved": bool(saved),
        "attendance_counts": {"present": len(present), "members": len(members)},
        **extra,
    }


def _members(meeting: Meeting) -> list[Membership]:
    return list(
        Membership.objects.active()
        .filter(community=meeting.period.community_id)
        .select_related("user")
        .order_by("role", "user__display_name")
    )


@login_required
@require_POST
def attendance_save(request: AuthenticatedHttpRequest, meeting_id: int) -> HttpResponse:
    """Save who is present ("everyone": all members); htmx keeps the coach
    where they were on the panel."""
    meeting, _membership = access_meeting(request.user, meeting_id, need="coach")
    members = _members(meeting)
    form = AttendanceForm(request.POST, members=members)
    refused = _("Tick only members of this community.")
    if "everyone" in request.POST:
        present: list[int] | None = [m.pk for m in members]
    else:
        valid = form.is_valid()
        present = [int(pk) for pk in form.cleaned_data["present"]] if valid else None
    if present is not None:
        actions.record_attendance(meeting=meeting, actor=request.user, present=present)
    if not request.htmx:
        if present is None:
            messages.error(request, refused)
        else:
            messages.success(request, _("Attendance is saved."))
        return redirect("meetings:coach-panel", meeting.pk)
    outcome = {"just_saved": True} if present is not None else {"refused": refused}
    context = {"meeting": meeting, **_attendance_context(meeting, **outcome)}
    return render(request, "meetings/coach_panel.html#attendance", context)


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
                actor=request.user,
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
    context = _panel_context(meeting, request.user, **notes)
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
                actor=request.user,
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
    }
    return render(request, "meetings/summary_edit.html", context)


# After the leergang: the self-run period.


@login_required
@require_http_methods(["GET", "POST"])
def self_run_create(
    request: AuthenticatedHttpRequest, community_id: int
) -> HttpResponse:
    community, _membership = access_coaching(request.user, community_id)
    form = SelfRunForm(request.POST or None, initial=_self_run_initial(community))
    if request.method == "POST" and form.is_valid():
        try:
            period = actions.start_self_run(
                community=community, actor=request.user, **form.cleaned_data
            )
        except actions.PlanError as error:
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
        "ready": actions.leergang_is_over(community),
    }
    return render(request, "meetings/self_run_create.html", context)


def _self_run_initial(community: Community) -> dict[str, Any]:
    """Start about six weeks after the leergang's last session, for half a year."""
    found = actions.last_leergang(community)
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
            actions.update_self_run(
                schedule=schedule, actor=request.user, **form.cleaned_data
            )
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
    _say_how_it_went(request, actions.redistribute_roles, done, schedule=schedule)
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
        actions.swap_roles(
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
