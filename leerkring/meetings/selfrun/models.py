"""A self-run period's models: its schedule, and who holds which role.

They keep the ``meetings`` app label (``meetings/models.py`` imports them), so
their tables and migrations stay where they are.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from leerkring.communities.models import LearningPeriod, Membership

from . import rotation

# "a coach joins every third meeting": an ordinal per possible ``coach_every``.
COACH_RHYTHMS = {
    1: _("a coach joins every meeting"),
    2: _("a coach joins every second meeting"),
    3: _("a coach joins every third meeting"),
    4: _("a coach joins every fourth meeting"),
    5: _("a coach joins every fifth meeting"),
    6: _("a coach joins every sixth meeting"),
    7: _("a coach joins every seventh meeting"),
    8: _("a coach joins every eighth meeting"),
    9: _("a coach joins every ninth meeting"),
    10: _("a coach joins every tenth meeting"),
    11: _("a coach joins every eleventh meeting"),
    12: _("a coach joins every twelfth meeting"),
}


class SelfRunSchedule(models.Model):
    """How a self-run period meets: its rhythm and how often a coach joins.

    One per self-run period. ``version`` guards the settings and the roles'
    redistribution against two coaches saving over each other.
    """

    period = models.OneToOneField(
        LearningPeriod, on_delete=models.CASCADE, related_name="self_run_schedule"
    )
    interval_weeks = models.PositiveSmallIntegerField(_("weeks between meetings"))
    coach_every = models.PositiveSmallIntegerField(
        _("a coach joins every how many meetings")
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("self-run schedule")
        verbose_name_plural = _("self-run schedules")
        constraints = [
            models.CheckConstraint(
                condition=Q(interval_weeks__gte=1, interval_weeks__lte=12),
                name="self_run_interval_range",
            ),
            models.CheckConstraint(
                condition=Q(coach_every__gte=1, coach_every__lte=12),
                name="self_run_coach_every_range",
            ),
        ]

    def __str__(self) -> str:
        return str(self.period)

    @property
    def coach_rhythm(self) -> str:
        """The rhythm in words: "a coach joins every third meeting"."""
        return str(COACH_RHYTHMS[self.coach_every])

    def joins(self, number: int) -> bool:
        """Does a coach join meeting ``number`` (every ``coach_every``-th)?"""
        return number % self.coach_every == 0


class MeetingRoleQuerySet(models.QuerySet["MeetingRole"]):
    def for_period(self, period: LearningPeriod) -> MeetingRoleQuerySet:
        return self.filter(meeting__period=period)


class MeetingRole(models.Model):
    """Who chairs a self-run meeting, and who takes the notes.

    Roles rotate over the active participants (``rotation.rotate``) and members
    may swap them; ``version`` guards each row against two swaps at once. The
    holder is None when the role is open (the member left).
    """

    class Role(models.TextChoices):
        CHAIR = rotation.CHAIR, _("Chair")
        NOTE_TAKER = rotation.NOTE_TAKER, _("Note-taker")

    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role)
    membership = models.ForeignKey(
        Membership,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_roles",
    )
    version = models.PositiveIntegerField(default=1)

    objects = MeetingRoleQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting role")
        verbose_name_plural = _("meeting roles")
        ordering = ["meeting__number", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "role"], name="one_holder_per_meeting_role"
            ),
            models.UniqueConstraint(
                fields=["meeting", "membership"], name="one_role_per_member_meeting"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} — {self.get_role_display()}"

    def holder_name(self) -> str:
        if self.membership is None:
            return str(_("open"))
        return str(self.membership.user.display_name)
