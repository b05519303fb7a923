"""Workflows on sessions: planning a leergang, the agenda, running a session.

Every write is one transaction. Two coaches may edit the same session at the same
time, so every edit carries the version the coach saw (``version`` for the
session's own fields, ``agenda_version`` for its agenda); a save against an older
version is refused with :class:`VersionConflict` and nothing changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import F, Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from leerkring.accounts.models import User
from leerkring.communities.models import Community, LearningPeriod, Membership
from leerkring.core import audit
from leerkring.core.models import AuditAction

from .method import (
    MAX_SESSIONS,
    MIN_SESSIONS,
    ItemKind,
    agenda_for,
    is_generic_open_space,
    theme_steps,
)
from .models import (
    PART_OF_DAY_ORDER,
    AgendaItem,
    Attendance,
    Meeting,
    OpenSpaceProposal,
    PartOfDay,
)

DEFAULT_PERIOD_DAYS = 183  # "about six months"


class VersionConflict(Exception):
    """Someone else saved first; the caller shows the current version."""

    def __init__(self, current_version: int) -> None:
        super().__init__(current_version)
        self.current_version = current_version


class MeetingError(Exception):
    """A rule of the method refuses this change; the message is translated."""


@dataclass(frozen=True)
class SessionPlan:
    """One proposed session of a new leergang."""

    date: date
    part_of_day: str = PartOfDay.AFTERNOON
    location: str = ""
    online_url: str = ""


@dataclass
class PlanProblems:
    """Translated messages per field, and per session (by index) per field."""

    fields: dict[str, list[str]] = field(default_factory=dict)
    sessions: dict[int, dict[str, list[str]]] = field(default_factory=dict)

    def add(self, name: str, message: str, index: int | None = None) -> None:
        target = self.fields if index is None else self.sessions.setdefault(index, {})
        target.setdefault(name, []).append(message)

    def __bool__(self) -> bool:
        return bool(self.fields or self.sessions)


class PlanError(Exception):
    def __init__(self, problems: PlanProblems) -> None:
        super().__init__(problems)
        self.problems = problems


def _day(value: date) -> str:
    return formats.date_format(value, "j F Y")


def propose_dates(start: date, end: date, count: int) -> list[date]:
    """``count`` dates spread evenly from ``start`` to ``end``, on weekdays.

    A date that falls in a weekend moves to the Friday before (or, if that is
    before the start, the Monday after).
    """
    if count < 2 or end <= start:
        return [start] * max(count, 0)
    span = (end - start).days
    days = []
    for index in range(count):
        day = start + timedelta(days=round(index * span / (count - 1)))
        if day.weekday() >= 5:
            friday = day - timedelta(days=day.weekday() - 4)
            day = friday if friday >= start else day + timedelta(days=7 - day.weekday())
        days.append(day)
    return days


def plan_problems(
    *,
    community: Community,
    start_date: date,
    end_date: date | None,
    sessions: Sequence[SessionPlan],
) -> PlanProblems:
    """Everything wrong with a proposed leergang, as messages next to fields."""
    problems = PlanProblems()
    if not MIN_SESSIONS <= len(sessions) <= MAX_SESSIONS:
        problems.add(
            "count",
            _("A leergang has between %(min)s and %(max)s sessions.")
            % {"min": MIN_SESSIONS, "max": MAX_SESSIONS},
        )
    if end_date is None or end_date <= start_date:
        problems.add("end_date", _("The end date must be after the start date."))
        return problems
    overlapping = community.periods.filter(
        start_date__lte=end_date, end_date__gte=start_date
    ).first()
    if overlapping is not None:
        problems.add(
            "start_date",
            _(
                "This period overlaps with “%(period)s” of this community "
                "(%(start)s – %(end)s). Choose dates after it ends."
            )
            % {
                "period": overlapping,
                "start": _day(overlapping.start_date),
                "end": _day(overlapping.end_date),
            },
        )
    for index, message in session_problems(
        start_date=start_date, end_date=end_date, slots=sessions
    ):
        problems.add("date", message, index)
    return problems


def session_problems(
    *,
    start_date: date,
    end_date: date,
    slots: Sequence[SessionPlan | Meeting],
) -> list[tuple[int, str]]:
    """Sessions outside the period, on the same slot, or out of order.

    ``slots`` are in the order of their numbers; the result pairs the index of
    the offending session with a translated message for its date field.
    """
    found: list[tuple[int, str]] = []
    seen: dict[tuple[date, str], int] = {}
    for index, slot in enumerate(slots):
        number = index + 1
        if not start_date <= slot.date <= end_date:
            found.append(
                (
                    index,
                    _(
                        "Session %(number)s falls outside the period "
                        "(%(start)s – %(end)s)."
                    )
                    % {
                        "number": number,
                        "start": _day(start_date),
                        "end": _day(end_date),
                    },
                )
            )
            continue
        key = (slot.date, slot.part_of_day)
        if key in seen:
            found.append(
                (
                    index,
                    _(
                        "Session %(number)s is on the same date and part of day as "
                        "session %(other)s."
                    )
                    % {"number": number, "other": seen[key] + 1},
                )
            )
            continue
        seen[key] = index
        if index > 0:
            before = slots[index - 1]
            if (before.date, PART_OF_DAY_ORDER[before.part_of_day]) > (
                slot.date,
                PART_OF_DAY_ORDER[slot.part_of_day],
            ):
                found.append(
                    (
                        index,
                        _(
                            "Session %(number)s must come after session %(other)s "
                            "(%(date)s)."
                        )
                        % {"number": number, "other": index, "date": _day(before.date)},
                    )
                )
    return found


@transaction.atomic
def create_leergang(
    *,
    community: Community,
    actor: User,
    start_date: date,
    end_date: date | None = None,
    sessions: Sequence[SessionPlan],
    title: str = "",
) -> LearningPeriod:
    """Plan a coached leergang: the period, its sessions, their themes and agendas.

    Themes come from Table 1 spread over the number of sessions
    (:func:`~leerkring.meetings.method.theme_steps`), in the active language;
    each session gets the method's agenda. Refused with :class:`PlanError`
    (nothing saved) for dates outside the period, two sessions on one slot,
    sessions out of order, an end before the start or an overlapping period.
    """
    # Serialise plans of one community (row lock on PostgreSQL; SQLite's
    # IMMEDIATE transaction does the same), so two coaches cannot overlap.
    community = Community.objects.select_for_update().get(pk=community.pk)
    end_date = end_date or start_date + timedelta(days=DEFAULT_PERIOD_DAYS)
    problems = plan_problems(
        community=community, start_date=start_date, end_date=end_date, sessions=sessions
    )
    if problems:
        raise PlanError(problems)
    period = LearningPeriod.objects.create(
        community=community,
        kind=LearningPeriod.Kind.LEERGANG,
        title=title
        or _("Leergang %(start)s–%(end)s")
        % {"start": start_date.year, "end": end_date.year},
        start_date=start_date,
        end_date=end_date,
    )
    steps = theme_steps(len(sessions))
    items = []
    for number, (plan, step) in enumerate(zip(sessions, steps, strict=True), start=1):
        meeting = Meeting(
            period=period,
            number=number,
            date=plan.date,
            part_of_day=plan.part_of_day,
            location=plan.location,
            online_url=plan.online_url,
            method_step=step,
        )
        meeting.apply_method_themes()
        meeting.save()
        items += method_agenda_items(meeting)
    AgendaItem.objects.bulk_create(items)
    audit.record(
        AuditAction.LEERGANG_CREATED,
        actor=actor,
        target=period,
        community=community.pk,
        sessions=len(sessions),
    )
    return period


def method_agenda_items(meeting: Meeting) -> list[AgendaItem]:
    """The method's agenda for the session, as unsaved rows (active language)."""
    return [
        AgendaItem(
            meeting=meeting,
            position=position,
            kind=plan.kind,
            title=str(plan.title),
            description=str(plan.description),
            minutes=plan.minutes,
        )
        for position, plan in enumerate(
            agenda_for(meeting.number, meeting.method_step), start=1
        )
    ]


# The session's own fields (date, place, themes, notes, summary).


def _claim(meeting: Meeting, version: int) -> None:
    """Take the next ``version`` of the session, or raise if someone else did."""
    claimed = Meeting.objects.filter(pk=meeting.pk, version=version).update(
        version=F("version") + 1
    )
    if not claimed:
        current = Meeting.objects.values_list("version", flat=True).get(pk=meeting.pk)
        raise VersionConflict(current)
    meeting.version = version + 1


@transaction.atomic
def update_meeting(
    *, meeting: Meeting, actor: User, version: int, changes: dict[str, Any]
) -> Meeting:
    """Change a session's date, place or themes; the schedule must stay valid."""
    _claim(meeting, version)
    for name, value in changes.items():
        setattr(meeting, name, value)
    siblings = [
        meeting if other.pk == meeting.pk else other
        for other in Meeting.objects.for_period(meeting.period)
    ]
    problems = session_problems(
        start_date=meeting.period.start_date,
        end_date=meeting.period.end_date,
        slots=siblings,
    )
    mine = siblings.index(meeting)
    for index, message in problems:
        if index == mine:
            raise MeetingError(message)
    following = siblings[mine + 1] if mine + 1 < len(siblings) else None
    if following is not None and following.slot <= meeting.slot:
        raise MeetingError(
            _("Session %(number)s must come before session %(other)s (%(date)s).")
            % {
                "number": meeting.number,
                "other": following.number,
                "date": _day(following.date),
            }
        )
    meeting.save(update_fields=[*changes, "version"])
    return meeting


@transaction.atomic
def save_coach_notes(
    *, meeting: Meeting, actor: User, version: int, notes: str
) -> Meeting:
    """The coaches' own notes about the session (never shown to participants)."""
    _claim(meeting, version)
    meeting.coach_notes = notes
    meeting.save(update_fields=["coach_notes", "version"])
    return meeting


@transaction.atomic
def save_summary(
    *, meeting: Meeting, actor: User, version: int, summary: str, publish: bool
) -> Meeting:
    """Save the session summary; publishing shows it to every member."""
    _claim(meeting, version)
    meeting.summary = summary
    if publish:
        if not summary.strip():
            raise MeetingError(_("Write the summary before publishing it."))
        meeting.summary_status = Meeting.SummaryStatus.PUBLISHED
        meeting.summary_published_at = timezone.now()
    else:
        meeting.summary_status = Meeting.SummaryStatus.DRAFT
        meeting.summary_published_at = None
    meeting.save(
        update_fields=["summary", "summary_status", "summary_published_at", "version"]
    )
    return meeting


# The agenda.


def _claim_agenda(meeting: Meeting, version: int) -> None:
    claimed = Meeting.objects.filter(pk=meeting.pk, agenda_version=version).update(
        agenda_version=F("agenda_version") + 1
    )
    if not claimed:
        current = Meeting.objects.values_list("agenda_version", flat=True).get(
            pk=meeting.pk
        )
        raise VersionConflict(current)
    meeting.agenda_version = version + 1


@transaction.atomic
def move_agenda_item(
    *, item: AgendaItem, actor: User, version: int, direction: str
) -> AgendaItem:
    """Swap the item with its neighbour above (``up``) or below (``down``)."""
    meeting = item.meeting
    _claim_agenda(meeting, version)
    item = AgendaItem.objects.get(pk=item.pk)
    neighbours = AgendaItem.objects.filter(meeting=meeting)
    if direction == "up":
        other = neighbours.filter(position__lt=item.position).order_by("-position")
    else:
        other = neighbours.filter(position__gt=item.position).order_by("position")
    neighbour = other.first()
    if neighbour is None:
        return item
    mine, theirs = item.position, neighbour.position
    # Through position 0, so the unique (meeting, position) holds at every step.
    AgendaItem.objects.filter(pk=item.pk).update(position=0)
    AgendaItem.objects.filter(pk=neighbour.pk).update(position=mine)
    AgendaItem.objects.filter(pk=item.pk).update(position=theirs)
    item.position = theirs
    return item


@transaction.atomic
def save_agenda_item(
    *,
    meeting: Meeting,
    actor: User,
    version: int,
    item: AgendaItem | None = None,
    kind: str,
    title: str,
    description: str,
    minutes: int,
) -> AgendaItem:
    """Edit an item, or add one at the end of the agenda (``item`` is None)."""
    _claim_agenda(meeting, version)
    if item is None:
        last = AgendaItem.objects.filter(meeting=meeting).aggregate(Max("position"))
        item = AgendaItem(meeting=meeting, position=(last["position__max"] or 0) + 1)
    item.kind = kind
    item.title = title
    item.description = description
    item.minutes = minutes
    item.save()
    return item


@transaction.atomic
def delete_agenda_item(*, item: AgendaItem, actor: User, version: int) -> None:
    _claim_agenda(item.meeting, version)
    item.delete()


@transaction.atomic
def reset_agenda(*, meeting: Meeting, actor: User, version: int) -> None:
    """Replace the agenda by the method's agenda for this session."""
    _claim_agenda(meeting, version)
    Meeting.objects.filter(pk=meeting.pk).update(
        current_item=None, current_item_started_at=None
    )
    AgendaItem.objects.filter(meeting=meeting).delete()
    AgendaItem.objects.bulk_create(method_agenda_items(meeting))


@transaction.atomic
def propose_open_space(
    *, meeting: Meeting, author: User, title: str, description: str = ""
) -> OpenSpaceProposal:
    """A member proposes content for the session's open space, before it starts."""
    if meeting.date < timezone.localdate():
        raise MeetingError(_("This session is over; propose something for the next."))
    return OpenSpaceProposal.objects.create(
        meeting=meeting, author=author, title=title, description=description
    )


@transaction.atomic
def accept_proposal(
    *, proposal: OpenSpaceProposal, actor: User, version: int
) -> AgendaItem:
    """Put a proposal on the agenda.

    It fills the open-space item while that still has the method's generic
    title; otherwise it becomes a new open-space item (20 minutes) right after
    the last one, and the coaches balance the durations.
    """
    meeting = proposal.meeting
    proposal = OpenSpaceProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.is_accepted:
        raise MeetingError(_("This proposal is already on the agenda."))
    _claim_agenda(meeting, version)
    description = proposal.description
    credit = _("Proposed by %(name)s.") % {"name": proposal.author_name()}
    description = f"{description}\n\n{credit}".strip()
    open_items = list(
        AgendaItem.objects.filter(meeting=meeting, kind=ItemKind.OPEN_SPACE).order_by(
            "position"
        )
    )
    blank = next((i for i in open_items if is_generic_open_space(i.title)), None)
    if blank is not None:
        blank.title = proposal.title
        blank.description = description
        blank.save(update_fields=["title", "description"])
        item = blank
    else:
        after = open_items[-1].position if open_items else _last_position(meeting)
        later = AgendaItem.objects.filter(meeting=meeting, position__gt=after)
        # Two steps, so the unique (meeting, position) holds row by row.
        later.update(position=F("position") + 1000)
        AgendaItem.objects.filter(meeting=meeting, position__gt=1000).update(
            position=F("position") - 999
        )
        item = AgendaItem.objects.create(
            meeting=meeting,
            position=after + 1,
            kind=ItemKind.OPEN_SPACE,
            title=proposal.title,
            description=description,
            minutes=20,
        )
    proposal.accepted_at = timezone.now()
    proposal.save(update_fields=["accepted_at"])
    return item


def _last_position(meeting: Meeting) -> int:
    last = AgendaItem.objects.filter(meeting=meeting).aggregate(Max("position"))
    return int(last["position__max"] or 0)


# Running the session.


@transaction.atomic
def start_agenda_item(
    *, meeting: Meeting, actor: User, item: AgendaItem | None
) -> Meeting:
    """Mark ``item`` as the current one from now on (None: the session ended)."""
    if item is not None and item.meeting_id != meeting.pk:
        raise MeetingError(_("This item is not on this session's agenda."))
    meeting.current_item = item
    meeting.current_item_started_at = timezone.now() if item is not None else None
    meeting.save(update_fields=["current_item", "current_item_started_at"])
    return meeting


@transaction.atomic
def record_attendance(
    *, meeting: Meeting, actor: User, present: Iterable[int]
) -> list[Attendance]:
    """Tick who was present: one row per active member, ``present`` by membership id.

    Ids of people who are not active members of the community are ignored.
    """
    present_ids = set(present)
    members = Membership.objects.active().filter(community=meeting.period.community_id)
    rows = [
        Attendance(meeting=meeting, membership=member, present=member.pk in present_ids)
        for member in members
    ]
    return Attendance.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["meeting", "membership"],
        update_fields=["present", "recorded_at"],
    )
