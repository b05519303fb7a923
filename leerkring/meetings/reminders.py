"""The reminders about sessions: two days before, every member; and the period's
progress in the coaches' weekly digest (``reports.reminders`` sends them), with
the equality guard's notices before a self-run meeting a coach joins."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from leerkring.communities.models import Community, LearningPeriod, Membership
from leerkring.reports.models import ReminderKind, local_datetime
from leerkring.reports.reminders import (
    LAST_CALL,
    PLAN_AHEAD_DAYS,
    SEND_HOUR,
    Kind,
    Occasion,
    about_session,
    people_by_community,
)

from .models import Meeting
from .scheduling import format_day
from .selfrun.guard import guard

SESSION_SOON_DAYS = 2


def reminded_sessions(now: datetime, days_before: int) -> list[Meeting]:
    """The sessions a reminder ``days_before`` them is planned for now: within
    that many days (and a day to plan ahead), not starting within ``LAST_CALL``."""
    today = timezone.localdate(now)
    meetings = Meeting.objects.filter(
        date__gte=today, date__lte=today + timedelta(days=days_before + PLAN_AHEAD_DAYS)
    ).select_related("period")
    return [m for m in meetings if now < m.starts_at - LAST_CALL]


def _session_soon(now: datetime) -> list[Occasion]:
    """Two days before each session: every active member."""
    meetings = reminded_sessions(now, SESSION_SOON_DAYS)
    members = people_by_community(
        Membership.objects.active(), (m.period.community_id for m in meetings)
    )
    return [
        Occasion(
            kind=ReminderKind.SESSION_SOON,
            subject=f"meeting:{m.pk}",
            scheduled_for=m.date,
            community_id=m.period.community_id,
            meeting_id=m.pk,
            send_after=local_datetime(
                m.date - timedelta(days=SESSION_SOON_DAYS), SEND_HOUR
            ),
            recipients=members.get(m.period.community_id, []),
        )
        for m in meetings
    ]


KINDS = [Kind(ReminderKind.SESSION_SOON, plan=_session_soon, context=about_session)]


def digest_lines(community: Community, since: datetime, now: datetime) -> list[str]:
    """Active participants, and sessions held of the current period; in a
    self-run period the next meeting a coach joins as a guest."""
    today = timezone.localdate(now)
    period = community.current_period(today)
    if period is None:
        return []
    rows = list(
        Meeting.objects.filter(period=period)
        .order_by("date")
        .values_list("date", "with_coach", "number")
    )
    numbers = [day for day, _with_coach, _number in rows]
    held = sum(1 for day in numbers if day < today)
    visit = next(
        (
            (day, number)
            for day, with_coach, number in rows
            if with_coach and day >= today
        ),
        None,
    )
    participants = (
        Membership.objects.active().participants().filter(community=community)
    )
    return [
        ngettext(
            "%(count)s active participant",
            "%(count)s active participants",
            participants.count(),
        )
        % {"count": participants.count()},
        _("%(held)s of %(total)s sessions held")
        % {"held": held, "total": len(numbers)},
        *(
            [
                _("A coach joins self-run meeting %(number)s on %(date)s")
                % {"number": visit[1], "date": formats.date_format(visit[0], "l j F")}
            ]
            if visit is not None and not period.is_leergang
            else []
        ),
        *_before_a_visit(period, today),
    ]


VISIT_AHEAD = timedelta(days=14)  # a weekly digest, and a week to spare


def _before_a_visit(period: LearningPeriod, today: date) -> list[str]:
    """Before a self-run meeting a coach joins: what the equality guard notices
    (the same notices the community reads; never a name, never a score)."""
    if period.kind != LearningPeriod.Kind.SELF_RUN:
        return []
    visit = (
        Meeting.objects.filter(
            period=period,
            with_coach=True,
            date__gte=today,
            date__lte=today + VISIT_AHEAD,
        )
        .order_by("date")
        .first()
    )
    if visit is None:
        return []
    notices = guard(period, today).notices
    heading = _("Before %(meeting)s on %(date)s, which you join:") % {
        "meeting": visit,
        "date": format_day(visit.date),
    }
    if not notices:
        return [heading + " " + _("the equality guard notices nothing.")]
    return [heading + " " + _("the equality guard notices:"), *notices]
