"""How long an organisation keeps private content after a learning period ends,
and what retention did for each period (notified, expired, how many of what)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leerkring.communities.models import LearningPeriod, Organisation

MIN_MONTHS = 1
MAX_MONTHS = 120


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day where it is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class RetentionPolicy(models.Model):
    """An organisation's choice; without a row the default (12 months) holds."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="retention_policy"
    )
    months = models.PositiveSmallIntegerField(
        _("months after a period ends"),
        help_text=_(
            "Journal entries, intake notes and check-in answers of a period are "
            "removed this many months after the period's last day."
        ),
    )
    version = models.PositiveIntegerField(default=1)
    changed_at = models.DateTimeField(auto_now=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("retention policy")
        verbose_name_plural = _("retention policies")
        constraints = [
            models.CheckConstraint(
                condition=Q(months__gte=MIN_MONTHS, months__lte=MAX_MONTHS),
                name="retention_months_in_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.months}"


def months_for(organisation: Organisation) -> int:
    """The retention in force (load ``retention_policy`` with the organisation)."""
    policy = getattr(organisation, "retention_policy", None)
    return policy.months if policy else settings.RETENTION_DEFAULT_MONTHS


class PeriodRetention(models.Model):
    """Retention's log for one period: when its members were told, when its
    private content went and how many of each kind (never the content)."""

    period = models.OneToOneField(
        LearningPeriod, on_delete=models.CASCADE, related_name="retention"
    )
    removal_on = models.DateField(_("private content removed on"))
    notified_at = models.DateTimeField(null=True, blank=True)
    expired_at = models.DateTimeField(null=True, blank=True)
    removed = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("retention of a period")
        verbose_name_plural = _("retention of periods")
        ordering = ["removal_on"]

    def __str__(self) -> str:
        return f"{self.period}: {self.removal_on}"

    @property
    def removes_on(self) -> date:
        """The day the content really goes: the removal day, but never sooner
        than the notice time after the members were told."""
        if self.notified_at is None:
            return self.removal_on
        told = timezone.localdate(self.notified_at)
        return max(
            self.removal_on, told + timedelta(days=settings.RETENTION_NOTICE_DAYS)
        )
