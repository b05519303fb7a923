"""Planning a coached leergang: its period, sessions, themes and agendas.

The date rules themselves are pure (:mod:`.scheduling`); this module checks
a plan against the community's other periods and saves it in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from leerkring.accounts.models import User
from leerkring.agreements.continuation import stopped
from leerkring.communities.models import Community, LearningPeriod
from leerkring.communities.variants import fit_problem
from leerkring.core import audit
from leerkring.core.models import AuditAction
from leerkring.tracks.continuity import carry_over

from .agenda import method_agenda_items
from .method import (
    MAX_SESSIONS,
    MIN_SESSIONS,
    theme_steps,
)
from .models import AgendaItem, Meeting
from .scheduling import (
    DEFAULT_PERIOD_DAYS,
    PlanError,
    PlanProblems,
    SessionPlan,
    format_day,
    is_over,
    session_problems,
)


def overlap_message(period: LearningPeriod) -> str:
    return _(
        "This period overlaps with “%(period)s” of this community "
        "(%(start)s – %(end)s). Choose dates after it ends."
    ) % {
        "period": period,
        "start": format_day(period.start_date),
        "end": format_day(period.end_date),
    }


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
    misfit = fit_problem(len(sessions), (end_date - start_date).days // 7)
    if misfit:
        problems.add("count", misfit)
    overlapping = community.periods.filter(
        start_date__lte=end_date, end_date__gte=start_date
    ).first()
    if overlapping is not None:
        problems.add("start_date", overlap_message(overlapping))
    for index, message in session_problems(
        start_date=start_date, end_date=end_date, slots=sessions
    ):
        problems.add("date", message, index)
    return problems


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
    (:func:`~leerkring.meetings.method.theme_steps`), in the community's language;
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
    with translation.override(community.language):
        default_title = _("Leergang %(start)s–%(end)s") % {
            "start": start_date.year,
            "end": end_date.year,
        }
    period = LearningPeriod.objects.create(
        community=community,
        kind=LearningPeriod.Kind.LEERGANG,
        title=title or default_title,
        start_date=start_date,
        end_date=end_date,
    )
    carry_over(period, actor)
    steps = rows_for(community, len(sessions))
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


def rows_for(community: Community, count: int) -> list[int]:
    """Which row of Table 1 each of ``count`` sessions gets: the variant's rows
    when it has them for this number, else the method's spread."""
    rows = community.preset.rows
    return list(rows) if len(rows) == count else theme_steps(count)


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
    leergang, last = found
    return is_over(leergang.end_date, last, today)
