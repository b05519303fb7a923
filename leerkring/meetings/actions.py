"""Workflows on sessions: planning a leergang or a self-run period, the agenda,
the roles of self-run meetings, running a session.

Every write is one transaction. Two coaches may edit the same session at the same
time, so every edit carries the version the coach saw (``version`` for the
session's own fields, ``agenda_version`` for its agenda); a save against an older
version is refused with :class:`~leerkring.core.concurrency.Stale` (``claim``)
and nothing changes.
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
from leerkring.agreements.continuation import stopped
from leerkring.communities.models import Community, LearningPeriod, Membership
from leerkring.core import audit
from leerkring.core.concurrency import Stale, claim
from leerkring.core.models import AuditAction
from leerkring.tracks.continuity import carry_over

from . import rotation
from .method import (
    MAX_SESSIONS,
    MIN_SESSIONS,
    ItemKind,
    is_generic_open_space,
    theme_steps,
)
from .models import (
    PART_OF_DAY_ORDER,
    AgendaItem,
    Attendance,
    Meeting,
    MeetingRole,
    OpenSpaceProposal,
    PartOfDay,
    SelfRunSchedule,
)

DEFAULT_PERIOD_DAYS = 183  # "about six months"


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


def _overlap_message(period: LearningPeriod) -> str:
    return _(
        "This period overlaps with “%(period)s” of this community "
        "(%(start)s – %(end)s). Choose dates after it ends."
    ) % {
        "period": period,
        "start": _day(period.start_date),
        "end": _day(period.end_date),
    }


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
    if why := stopped(community):
        problems.add("start_date", why)
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
        problems.add("start_date", _overlap_message(overlapping))
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
    carry_over(period, actor)
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
        for position, plan in enumerate(meeting.method_agenda(), start=1)
    ]


# The session's own fields (date, place, themes, notes, summary).


@transaction.atomic
def update_meeting(
    *, meeting: Meeting, actor: User, version: int, changes: dict[str, Any]
) -> Meeting:
    """Change a session's date, place or themes; the schedule must stay valid."""
    claim(meeting, version)
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
    claim(meeting, version)
    meeting.coach_notes = notes
    meeting.save(update_fields=["coach_notes", "version"])
    return meeting


@transaction.atomic
def save_summary(
    *, meeting: Meeting, actor: User, version: int, summary: str, publish: bool
) -> Meeting:
    """Save the session summary; publishing shows it to every member."""
    claim(meeting, version)
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


@transaction.atomic
def move_agenda_item(
    *, item: AgendaItem, actor: User, version: int, direction: str
) -> AgendaItem:
    """Swap the item with its neighbour above (``up``) or below (``down``)."""
    meeting = item.meeting
    claim(meeting, version, field="agenda_version")
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
    after: int | None = None,
) -> AgendaItem:
    """Edit an item, or add one (``item`` is None) after the item at position
    ``after`` (0: at the start; None: at the end)."""
    claim(meeting, version, field="agenda_version")
    if item is None:
        last = _last_position(meeting)
        place = last if after is None else min(max(after, 0), last)
        _make_room_after(meeting, place)
        item = AgendaItem(meeting=meeting, position=place + 1)
    item.kind = kind
    item.title = title
    item.description = description
    item.minutes = minutes
    item.save()
    return item


@transaction.atomic
def publish_agenda(*, meeting: Meeting, actor: User, version: int) -> Meeting:
    """Show the members the agenda as the coaches prepared it (``version``).

    Members keep seeing the previous publication until the next one; publishing
    an agenda someone changed after ``version`` was shown is refused.
    """
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.agenda_version != version:
        raise Stale(meeting, "agenda_version")
    meeting.set_published_agenda(
        AgendaItem.objects.filter(meeting=meeting).order_by("position")
    )
    meeting.save(update_fields=Meeting.PUBLISHED_AGENDA_FIELDS)
    return meeting


@transaction.atomic
def delete_agenda_item(*, item: AgendaItem, actor: User, version: int) -> None:
    claim(item.meeting, version, field="agenda_version")
    item.delete()


@transaction.atomic
def reset_agenda(*, meeting: Meeting, actor: User, version: int) -> None:
    """Replace the agenda by the method's agenda for this session."""
    claim(meeting, version, field="agenda_version")
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
    claim(meeting, version, field="agenda_version")
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
        _make_room_after(meeting, after)
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


def _make_room_after(meeting: Meeting, position: int) -> None:
    """Shift the items after ``position`` one place down."""
    later = AgendaItem.objects.filter(meeting=meeting, position__gt=position)
    # Two steps, so the unique (meeting, position) holds row by row.
    later.update(position=F("position") + 1000)
    AgendaItem.objects.filter(meeting=meeting, position__gt=1000).update(
        position=F("position") - 999
    )


def _last_position(meeting: Meeting) -> int:
    last = AgendaItem.objects.filter(meeting=meeting).aggregate(Max("position"))
    return int(last["position__max"] or 0)


# Running the session.


ROOM_FIELDS = ["current_item", "current_item_started_at", "closed_at"]


@transaction.atomic
def start_agenda_item(*, meeting: Meeting, actor: User, item: AgendaItem) -> Meeting:
    """Mark ``item`` as the current one from now on (reopening a closed session)."""
    if item.meeting_id != meeting.pk:
        raise MeetingError(_("This item is not on this session's agenda."))
    meeting.current_item = item
    meeting.current_item_started_at = timezone.now()
    meeting.closed_at = None
    meeting.save(update_fields=ROOM_FIELDS)
    return meeting


@transaction.atomic
def end_session(*, meeting: Meeting, actor: User) -> Meeting:
    """Close the session: the timer stops and the room says when it ended."""
    meeting.current_item = None
    meeting.current_item_started_at = None
    meeting.closed_at = timezone.now()
    meeting.save(update_fields=ROOM_FIELDS)
    return meeting


@transaction.atomic
def reopen_session(*, meeting: Meeting, actor: User) -> Meeting:
    """Undo :func:`end_session`: the session waits for its next item again."""
    meeting.closed_at = None
    meeting.save(update_fields=["closed_at"])
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


# After the leergang: a self-run period (section 2.3 of the text).

MIN_INTERVAL_WEEKS = 1
MAX_INTERVAL_WEEKS = 12
MAX_COACH_EVERY = 12
MAX_SELF_RUN_MEETINGS = 26
MIN_ROTATING_MEMBERS = 2


def _coach_every_problem() -> str:
    return _("A coach joins every 1 to %(max)s meetings.") % {"max": MAX_COACH_EVERY}


def _too_few_to_rotate() -> str:
    return _(
        "A self-run period needs at least two active participants to share "
        "the roles of chair and note-taker."
    )


def last_leergang(community: Community) -> tuple[LearningPeriod, date | None] | None:
    """The community's latest leergang and the date of its last session."""
    leergang = (
        community.periods.filter(kind=LearningPeriod.Kind.LEERGANG)
        .order_by("-end_date")
        .first()
    )
    if leergang is None:
        return None
    last = (
        Meeting.objects.filter(period=leergang)
        .order_by("-date")
        .values_list("date", flat=True)
        .first()
    )
    return leergang, last


def leergang_is_over(community: Community, today: date | None = None) -> bool:
    """Has the leergang ended, or is its last session held (today counts)?"""
    today = today or timezone.localdate()
    found = last_leergang(community)
    if found is None:
        return False
    return is_over(*found, today)


def is_over(leergang: LearningPeriod, last_session: date | None, today: date) -> bool:
    """The leergang's period ended, or its last session is held (today counts)."""
    return leergang.end_date < today or (
        last_session is not None and last_session <= today
    )


def self_run_dates(start: date, end: date, interval_weeks: int) -> list[date]:
    """Every ``interval_weeks`` weeks from ``start`` up to and including ``end``."""
    days: list[date] = []
    day = start
    while day <= end and len(days) <= MAX_SELF_RUN_MEETINGS:
        days.append(day)
        day += timedelta(weeks=interval_weeks)
    return days


def rotating_members(community: Community) -> list[Membership]:
    """The active participants, in a fixed order: they take the roles in turn."""
    return list(
        Membership.objects.active()
        .participants()
        .filter(community=community)
        .select_related("user")
        .order_by("user__display_name", "pk")
    )


def self_run_problems(
    *,
    community: Community,
    start_date: date,
    end_date: date | None,
    interval_weeks: int,
    coach_every: int,
    today: date | None = None,
) -> tuple[PlanProblems, LearningPeriod | None]:
    """Everything wrong with a proposed self-run period, and the leergang whose
    end moves to the day before it starts (its last session is held, its period
    still runs), if any."""
    today = today or timezone.localdate()
    problems = PlanProblems()
    if why := stopped(community):
        problems.add("start_date", why)
    found = last_leergang(community)
    if found is None:
        problems.add(
            "start_date",
            _(
                "A self-run period follows the leergang, and this community has "
                "not had one yet."
            ),
        )
        return problems, None
    leergang, last = found
    if not is_over(leergang, last, today):
        problems.add(
            "start_date",
            _(
                "The leergang “%(period)s” is still running: start the self-run "
                "period once its last session is held."
            )
            % {"period": leergang},
        )
        return problems, None
    if not MIN_INTERVAL_WEEKS <= interval_weeks <= MAX_INTERVAL_WEEKS:
        problems.add(
            "interval_weeks",
            _("Meet every %(min)s to %(max)s weeks.")
            % {"min": MIN_INTERVAL_WEEKS, "max": MAX_INTERVAL_WEEKS},
        )
    if not 1 <= coach_every <= MAX_COACH_EVERY:
        problems.add("coach_every", _coach_every_problem())
    if end_date is None or end_date <= start_date:
        problems.add("end_date", _("The end date must be after the start date."))
        return problems, None
    if last is not None and start_date <= last:
        problems.add(
            "start_date",
            _("Start after the last session of the leergang (%(date)s).")
            % {"date": _day(last)},
        )
        return problems, None
    clipped = None
    if leergang.end_date >= start_date and start_date - timedelta(days=1) > (
        leergang.start_date
    ):
        clipped = leergang
    others = community.periods.filter(
        start_date__lte=end_date, end_date__gte=start_date
    )
    if clipped is not None:
        others = others.exclude(pk=clipped.pk)
    overlapping = others.first()
    if overlapping is not None:
        problems.add("start_date", _overlap_message(overlapping))
    if MIN_INTERVAL_WEEKS <= interval_weeks <= MAX_INTERVAL_WEEKS:
        count = len(self_run_dates(start_date, end_date, interval_weeks))
        if count > MAX_SELF_RUN_MEETINGS:
            problems.add(
                "end_date",
                _(
                    "That is more than %(max)s meetings; choose an earlier end or "
                    "meet less often."
                )
                % {"max": MAX_SELF_RUN_MEETINGS},
            )
    if len(rotating_members(community)) < MIN_ROTATING_MEMBERS:
        problems.add("start_date", _too_few_to_rotate())
    return problems, clipped


@transaction.atomic
def start_self_run(
    *,
    community: Community,
    actor: User,
    start_date: date,
    end_date: date | None,
    interval_weeks: int,
    coach_every: int,
    part_of_day: str = PartOfDay.AFTERNOON,
    location: str = "",
    online_url: str = "",
    title: str = "",
) -> LearningPeriod:
    """Start a self-run period after the leergang: its meetings, agendas and roles.

    The meetings are every ``interval_weeks`` weeks from the start, numbered,
    without a Table-1 theme, each with the self-run agenda; a coach joins every
    ``coach_every``-th; the active participants take turns as chair and
    note-taker (:func:`~leerkring.meetings.rotation.rotate`). If the leergang's
    last session is held but its period still runs, the leergang now ends the
    day before. Refused with :class:`PlanError` (nothing saved).
    """
    community = Community.objects.select_for_update().get(pk=community.pk)
    problems, clipped = self_run_problems(
        community=community,
        start_date=start_date,
        end_date=end_date,
        interval_weeks=interval_weeks,
        coach_every=coach_every,
    )
    if problems:
        raise PlanError(problems)
    assert end_date is not None
    if clipped is not None:
        clipped.end_date = start_date - timedelta(days=1)
        clipped.save(update_fields=["end_date"])
    period = LearningPeriod.objects.create(
        community=community,
        kind=LearningPeriod.Kind.SELF_RUN,
        title=title
        or _("On our own %(start)s–%(end)s")
        % {"start": start_date.year, "end": end_date.year},
        start_date=start_date,
        end_date=end_date,
    )
    carry_over(period, actor)
    schedule = SelfRunSchedule.objects.create(
        period=period, interval_weeks=interval_weeks, coach_every=coach_every
    )
    meetings = []
    items = []
    for number, day in enumerate(
        self_run_dates(start_date, end_date, interval_weeks), start=1
    ):
        meeting = Meeting(
            period=period,
            number=number,
            date=day,
            part_of_day=part_of_day,
            location=location,
            online_url=online_url,
            method_step=None,
            with_coach=schedule.joins(number),
        )
        agenda = method_agenda_items(meeting)
        # The community runs itself: nobody holds its agenda back as a draft.
        meeting.set_published_agenda(agenda)
        meeting.save()
        meetings.append(meeting)
        items += agenda
    AgendaItem.objects.bulk_create(items)
    members = rotating_members(community)
    plan = rotation.rotate(members, len(meetings))
    MeetingRole.objects.bulk_create(
        MeetingRole(meeting=meeting, role=role, membership=holder)
        for meeting, roles in zip(meetings, plan, strict=True)
        for role, holder in roles.items()
    )
    audit.record(
        AuditAction.LEERGANG_CREATED,
        actor=actor,
        target=period,
        community=community.pk,
        kind=LearningPeriod.Kind.SELF_RUN,
        sessions=len(meetings),
        leergang_shortened=clipped.pk if clipped else None,
    )
    return period


@transaction.atomic
def update_self_run(
    *,
    schedule: SelfRunSchedule,
    actor: User,
    version: int,
    title: str,
    coach_every: int,
    today: date | None = None,
) -> SelfRunSchedule:
    """Change the period's title and how often a coach joins.

    The coach's meetings are marked again from today on; meetings already
    held keep what they were.
    """
    today = today or timezone.localdate()
    if not 1 <= coach_every <= MAX_COACH_EVERY:
        raise MeetingError(_coach_every_problem())
    claim(schedule, version)
    schedule.coach_every = coach_every
    schedule.save(update_fields=["coach_every", "version"])
    period = schedule.period
    if title.strip():
        period.title = title.strip()
        period.save(update_fields=["title"])
    upcoming = Meeting.objects.filter(period=period, date__gte=today)
    joined = [m.pk for m in upcoming.only("number") if schedule.joins(m.number)]
    upcoming.exclude(pk__in=joined).update(with_coach=False)
    upcoming.filter(pk__in=joined).update(with_coach=True)
    return schedule


@transaction.atomic
def redistribute_roles(
    *,
    schedule: SelfRunSchedule,
    actor: User,
    version: int,
    today: date | None = None,
) -> int:
    """Share the roles of the meetings from today on again, fairly, over the
    participants who are active now (after someone left or joined).

    The rotation continues from the roles they already held in this period.
    Every changed row gets a new version, so a swap someone was about to make
    is refused instead of undoing this. Returns the number of meetings.
    """
    today = today or timezone.localdate()
    period = schedule.period
    members = rotating_members(period.community)
    if len(members) < MIN_ROTATING_MEMBERS:
        raise MeetingError(_too_few_to_rotate())
    claim(schedule, version)
    held: dict[Membership, dict[str, int]] = {}
    by_pk = {m.pk: m for m in members}
    past = MeetingRole.objects.for_period(period).filter(
        meeting__date__lt=today, membership__in=members
    )
    for membership_id, role in past.values_list("membership_id", "role"):
        counts = held.setdefault(by_pk[membership_id], {})
        counts[role] = counts.get(role, 0) + 1
    meetings = list(Meeting.objects.for_period(period).filter(date__gte=today))
    plan = rotation.rotate(members, len(meetings), held=held)
    rows = MeetingRole.objects.filter(meeting__in=meetings)
    # Vacate first, so "one role per member per meeting" holds at every step.
    rows.update(membership=None, version=F("version") + 1)
    existing = {(row.meeting_id, row.role): row for row in rows}
    changed, missing = [], []
    for meeting, roles in zip(meetings, plan, strict=True):
        for role, holder in roles.items():
            row = existing.get((meeting.pk, role))
            if row is None:
                missing.append(
                    MeetingRole(meeting=meeting, role=role, membership=holder)
                )
            else:
                row.membership = holder
                changed.append(row)
    MeetingRole.objects.bulk_update(changed, ["membership"])
    MeetingRole.objects.bulk_create(missing)
    audit.record(
        AuditAction.ROLE_CHANGED,
        actor=actor,
        target=period,
        meeting_roles="redistributed",
        meetings=len(meetings),
    )
    return len(meetings)


@transaction.atomic
def swap_roles(
    *,
    role: MeetingRole,
    other: MeetingRole,
    actor: User,
    version: int,
    other_version: int,
    today: date | None = None,
) -> None:
    """Swap the holders of two roles of the same self-run period.

    A swap never changes how many roles anyone holds, so the fair share stays.
    Refused (:class:`MeetingError`, nothing changed) for a meeting already held,
    roles of different periods, or a swap that would make someone chair and
    note-taker of one meeting; :class:`Stale` when either role changed
    since the member looked.
    """
    today = today or timezone.localdate()
    role = MeetingRole.objects.select_related("meeting").get(pk=role.pk)
    other = MeetingRole.objects.select_related("meeting").get(pk=other.pk)
    if role.pk == other.pk:
        raise MeetingError(_("Choose another role to swap with."))
    if role.meeting.period_id != other.meeting.period_id:
        raise MeetingError(_("Swap only with a role in the same period."))
    if role.meeting.date < today or other.meeting.date < today:
        raise MeetingError(_("This meeting is over; its roles no longer change."))
    if role.meeting_id != other.meeting_id:
        pairs = ((role, other.membership_id), (other, role.membership_id))
        for here, newcomer in pairs:
            if newcomer is None:
                continue
            clash = MeetingRole.objects.filter(
                meeting_id=here.meeting_id, membership_id=newcomer
            ).exclude(pk=here.pk)
            if clash.exists():
                raise MeetingError(
                    _("That would make one person chair and note-taker of %(meeting)s.")
                    % {"meeting": here.meeting}
                )
    claim(role, version)
    claim(other, other_version)
    mine, theirs = role.membership_id, other.membership_id
    # Through "open", so one role per member per meeting holds at every step.
    MeetingRole.objects.filter(pk=role.pk).update(membership=None)
    MeetingRole.objects.filter(pk=other.pk).update(membership_id=mine)
    MeetingRole.objects.filter(pk=role.pk).update(membership_id=theirs)
    audit.record(
        AuditAction.ROLE_CHANGED,
        actor=actor,
        target=role,
        meeting_roles="swapped",
        other=other.pk,
    )
