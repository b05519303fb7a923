"""Sessions ("bijeenkomsten") of a learning period.

Called ``Meeting`` in code so it never clashes with HTTP sessions.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leerkring.communities.models import LearningPeriod


class PartOfDay(models.TextChoices):
    MORNING = "morning", _("Morning")
    AFTERNOON = "afternoon", _("Afternoon")
    EVENING = "evening", _("Evening")


# A "dagdeel": when each part of the day starts and how long it lasts (minutes).
PART_OF_DAY_TIMES: dict[str, tuple[time, int]] = {
    PartOfDay.MORNING: (time(9, 0), 210),
    PartOfDay.AFTERNOON: (time(13, 30), 210),
    PartOfDay.EVENING: (time(18, 30), 210),
}


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def upcoming(self, today: date | None = None) -> MeetingQuerySet:
        return self.filter(date__gte=today or timezone.localdate())

    def next_per_community(
        self, community_ids: Iterable[int], today: date | None = None
    ) -> dict[int, Meeting]:
        """The next session of each community, in one query."""
        nearest: dict[int, Meeting] = {}
        meetings = (
            self.upcoming(today)
            .filter(period__community_id__in=list(community_ids))
            .select_related("period")
            .order_by("date", "number")
        )
        for meeting in meetings:
            nearest.setdefault(meeting.period.community_id, meeting)
        return nearest


class Meeting(models.Model):
    """One session of a learning period: a half day ("dagdeel") on a date."""

    period = models.ForeignKey(
        LearningPeriod, on_delete=models.CASCADE, related_name="meetings"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    date = models.DateField(_("date"))
    part_of_day = models.CharField(
        _("part of day"), max_length=16, choices=PartOfDay, default=PartOfDay.AFTERNOON
    )
    location = models.CharField(_("location"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), blank=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["period", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "number"], name="unique_meeting_number"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="meeting_number_1"),
        ]

    def __str__(self) -> str:
        return _("Session %(number)s") % {"number": self.number}

    @property
    def starts_at(self) -> datetime:
        start, _minutes = PART_OF_DAY_TIMES[self.part_of_day]
        return timezone.make_aware(datetime.combine(self.date, start))

    @property
    def duration_minutes(self) -> int:
        return PART_OF_DAY_TIMES[self.part_of_day][1]
