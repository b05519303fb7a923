"""What the session pages show: the period overview, the agenda with its clock
times, the coaches' agenda workspace, the room and the coach panel.

Views check access and run actions; they build their context here.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db.models import Max
from django.utils import timezone

from leerkring.communities.models import Community, LearningPeriod, Membership

from . import lookback, presence, scheduling
from .forms import AttendanceForm, NewAgendaItemForm, NotesForm
from .intervision import pages as intervision
from .models import AgendaItem, Attendance, Meeting, MeetingRole
from .selfrun.pages import self_run_context


def period_overview(
    community: Community, membership: Membership | None, *, chosen: str, can_plan: bool
) -> dict[str, Any]:
    """The community's periods and the sessions of the one ``chosen`` (a period
    id; else the current period), with what a self-run period adds."""
    periods = list(community.periods.all())
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
    return {
        "community": community,
        "membership": membership,
        "periods": periods,
        "period": period,
        "today": timezone.localdate(),
        "can_plan": can_plan,
        "can_start_self_run": coaching
        and _leergang_over(periods, period, extra["meetings"]),
        **extra,
    }


def agenda_workspace(
    meeting: Meeting,
    *,
    new_form: NewAgendaItemForm | None = None,
    conflict: str = "",
    done: str = "",
    moved: AgendaItem | None = None,
    direction: str = "",
) -> dict[str, Any]:
    """The coaches' agenda page: the items, the add form, the proposals and
    publishing (all carry the agenda's version), and what just happened."""
    agenda = agenda_context(meeting)
    version = meeting.agenda_version
    return {
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


def _leergang_over(
    periods: list[LearningPeriod],
    shown: LearningPeriod | None,
    meetings: list[Meeting],
) -> bool:
    """:func:`leergang_is_over`, reusing the periods and the meetings the
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
    return scheduling.is_over(latest.end_date, last, timezone.localdate())


def room_context(
    meeting: Meeting,
    membership: Membership | None = None,
    *,
    focus: bool = False,
    confirm_end: bool = False,
) -> dict[str, Any]:
    """The running agenda (what both the room and the coach panel show). In a
    self-run period the chair leads: the room offers them "start" first and
    tells the others whom the screen follows (everyone may still drive it)."""
    agenda = agenda_context(meeting)
    current = next(
        (i for i in agenda["items"] if i.pk == meeting.current_item_id), None
    )
    chair = None
    if not meeting.has_method_themes:
        chair = (
            MeetingRole.objects.filter(meeting=meeting, role=MeetingRole.Role.CHAIR)
            .exclude(membership=None)
            .select_related("membership__user")
            .first()
        )
    return {
        "meeting": meeting,
        "community": meeting.period.community,
        "current": current,
        "steps": intervision.room_steps(meeting, current),
        "focus": focus,
        "confirm_end": confirm_end,
        "chair": chair,
        "leads": chair is None
        or (membership is not None and chair.membership_id == membership.pk),
        **agenda,
    }


def panel_context(meeting: Meeting, user: Any, **extra: Any) -> dict[str, Any]:
    notes = {"version": meeting.version, "coach_notes": meeting.coach_notes}
    return {
        **room_context(meeting, None),
        **attendance_context(meeting),
        "notes_form": NotesForm(initial=notes),
        "lookback": lookback.sections_for(meeting, user),
        "show_warning": True,
        **extra,
    }


def attendance_context(meeting: Meeting, **extra: Any) -> dict[str, Any]:
    """The attendance list: as the coaches saved it, or else ticked for whoever
    answered the check-in."""
    people = members(meeting)
    saved = dict(
        Attendance.objects.filter(meeting=meeting).values_list(
            "membership_id", "present"
        )
    )
    if saved:
        present = [pk for pk, here in saved.items() if here]
    else:
        signed_in = presence.signed_in(meeting)
        present = [m.pk for m in people if m.user_id in signed_in]
    return {
        "attendance_form": AttendanceForm(
            initial={"present": [str(pk) for pk in present]}, members=people
        ),
        "attendance_saved": bool(saved),
        "attendance_counts": {"present": len(present), "members": len(people)},
        **extra,
    }


def members(meeting: Meeting) -> list[Membership]:
    return list(
        Membership.objects.active()
        .filter(community=meeting.period.community_id)
        .select_related("user")
        .order_by("role", "user__display_name")
    )
