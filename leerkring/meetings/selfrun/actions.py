"""Workflows of a self-run period: starting it after the leergang, its
settings, sharing out the roles again, and members swapping roles.

Every write is one transaction; the schedule and each role carry a version, so
two people cannot save over each other.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from leerkring.accounts.models import User
from leerkring.agreements.continuation import stopped
from leerkring.communities.models import Community, LearningPeriod
from leerkring.core import audit
from leerkring.core.concurrency import claim
from leerkring.core.models import AuditAction
from leerkring.tracks.continuity import carry_over

from ..actions import MeetingError
from ..agenda import method_agenda_items
from ..leergang import last_leergang, overlap_message
from ..models import AgendaItem, Meeting, MeetingRole, PartOfDay, SelfRunSchedule
from ..scheduling import (
    MAX_COACH_EVERY,
    MAX_INTERVAL_WEEKS,
    MAX_SELF_RUN_MEETINGS,
    MIN_INTERVAL_WEEKS,
    PlanError,
    PlanProblems,
    clips_leergang,
    format_day,
    is_over,
    self_run_dates,
)
from .roles import create_default_roles, propose, rotating_members

MIN_ROTATING_MEMBERS = 2


def _coach_every_problem() -> str:
    return _("A coach joins every 1 to %(max)s meetings.") % {"max": MAX_COACH_EVERY}


def _too_few_to_rotate() -> str:
    return _(
        "A self-run period needs at least two active participants to share "
        "the roles of chair and note-taker."
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
    if not is_over(leergang.end_date, last, today):
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
            % {"date": format_day(last)},
        )
        return problems, None
    clipped = (
        leergang
        if clips_leergang(leergang.start_date, leergang.end_date, start_date)
        else None
    )
    others = community.periods.filter(
        start_date__lte=end_date, end_date__gte=start_date
    )
    if clipped is not None:
        others = others.exclude(pk=clipped.pk)
    overlapping = others.first()
    if overlapping is not None:
        problems.add("start_date", overlap_message(overlapping))
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
    ``coach_every``-th; the default roles (chair, note-taker, case-bringer) go
    round the active participants (:func:`~leerkring.meetings.selfrun.roles.propose`).
    If the leergang's
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
    with translation.override(community.language):
        default_title = _("On our own %(start)s–%(end)s") % {
            "start": start_date.year,
            "end": end_date.year,
        }
    period = LearningPeriod.objects.create(
        community=community,
        kind=LearningPeriod.Kind.SELF_RUN,
        title=title or default_title,
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
    create_default_roles(period)
    propose(period, today=start_date)
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
    participants who are active now (after someone left or joined); see
    :func:`~leerkring.meetings.selfrun.roles.propose`. Returns the number of
    meetings."""
    if len(rotating_members(schedule.period.community)) < MIN_ROTATING_MEMBERS:
        raise MeetingError(_too_few_to_rotate())
    claim(schedule, version)
    proposal = propose(schedule.period, today=today)
    audit.record(
        AuditAction.ROLE_CHANGED,
        actor=actor,
        target=schedule.period,
        meeting_roles="redistributed",
        meetings=proposal.meetings,
    )
    return proposal.meetings


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
    roles of different periods, or a swap that would give someone two roles at
    one meeting; :class:`~leerkring.core.concurrency.Stale` when
    either role changed
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
                    _("That would give one person two roles at %(meeting)s.")
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
