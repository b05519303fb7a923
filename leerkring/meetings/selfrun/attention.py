"""A coach's periodic attention to a community that runs on its own (seed §2.3:
against "selective blindness"). A meeting counts as coach attention when it was
held (today or before) and a coach was there: every session of a leergang (the
coaches lead it), or a self-run meeting where a coach was ticked present or
wrote an observation. Programme leads see the date, never who it was."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date

from django.db.models import Exists, Max, OuterRef, Q

from leerkring.communities.models import LearningPeriod, Membership

from ..models import Attendance, Meeting


def coached(today: date) -> Q:
    """The held meetings at which a coach was present."""
    coach_present = Attendance.objects.filter(
        meeting=OuterRef("pk"),
        present=True,
        membership__role__in=Membership.COACHING_ROLES,
    )
    return Q(date__lte=today) & (
        Q(period__kind=LearningPeriod.Kind.LEERGANG)
        | Q(Exists(coach_present))
        | ~Q(coach_observation="")
    )


def last_attention(community_ids: Iterable[int], today: date) -> dict[int, date]:
    """Per community, the date a coach was last there (one query; a community
    a coach never joined is missing)."""
    rows = (
        Meeting.objects.filter(period__community_id__in=list(community_ids))
        .filter(coached(today))
        .values("period__community_id")
        .annotate(last=Max("date"))
        .values_list("period__community_id", "last")
    )
    return dict(rows)


def months_before(day: date, months: int) -> date:
    """``day`` minus whole calendar months (the 31st becomes the month's last)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
