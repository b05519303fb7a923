"""A self-run period's models: its schedule, and who holds which role.

They keep the ``meetings`` app label (``meetings/models.py`` imports them), so
their tables and migrations stay where they are.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
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
    redistribution against two coaches saving over each other, ``roles_version``
    the community's role set (:class:`RoleDefinition`) against two members.
    """

    period = models.OneToOneField(
        LearningPeriod, on_delete=models.CASCADE, related_name="self_run_schedule"
    )
    interval_weeks = models.PositiveSmallIntegerField(_("weeks between meetings"))
    coach_every = models.PositiveSmallIntegerField(
        _("a coach joins every how many meetings")
    )
    version = models.PositiveIntegerField(default=1)
    roles_version = models.PositiveIntegerField(default=1)

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


class RoleDefinition(models.Model):
    """A role the community of a self-run period chose, with its task.

    Each role either rotates over the members (fair share, ``rotation.rotate``)
    or has a fixed ``holder`` for the period. The defaults (chair, note-taker,
    case-bringer) keep ``name`` and ``task`` empty and show their text in the
    reader's language; a role a member adds, or renames, keeps what they typed.
    Members who would rather not take a rotating role are in ``declined_by``.
    The schedule's ``roles_version`` guards the role set against two members
    saving over each other.
    """

    period = models.ForeignKey(
        LearningPeriod, on_delete=models.CASCADE, related_name="role_definitions"
    )
    key = models.SlugField(_("key"), max_length=32)
    name = models.CharField(_("name"), max_length=80, blank=True)
    task = models.TextField(_("task"), max_length=1000, blank=True)
    rotates = models.BooleanField(_("rotates"), default=True)
    holder = models.ForeignKey(
        Membership,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="fixed_roles",
        verbose_name=_("fixed holder"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    declined_by = models.ManyToManyField(
        Membership, blank=True, related_name="declined_roles"
    )

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["period", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "key"], name="one_role_key_per_period"
            ),
            models.CheckConstraint(
                condition=Q(rotates=False) | Q(holder__isnull=True),
                name="rotating_role_has_no_fixed_holder",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.name or str(DEFAULT_NAMES.get(self.key, self.key))

    @property
    def task_text(self) -> str:
        return self.task or str(DEFAULT_TASKS.get(self.key, ""))


class RoleKey(models.TextChoices):
    """The default roles (every new self-run period starts with them)."""

    CHAIR = rotation.CHAIR, _("Chair")
    NOTE_TAKER = rotation.NOTE_TAKER, _("Note-taker")
    CASE_BRINGER = rotation.CASE_BRINGER, _("Case-bringer")


DEFAULT_NAMES: dict[str, Any] = dict(RoleKey.choices)
DEFAULT_TASKS: dict[str, Any] = {
    rotation.CHAIR: _(
        "Leads the meeting: opens the room, keeps to the agenda and the time, "
        "and makes sure everyone gets the same space."
    ),
    rotation.NOTE_TAKER: _(
        "Writes the summary of the meeting and publishes it for the community."
    ),
    rotation.CASE_BRINGER: _(
        "Brings a case from their own work for the intervision and records "
        "their take-away afterwards."
    ),
}


class MeetingRoleQuerySet(models.QuerySet["MeetingRole"]):
    def for_period(self, period: LearningPeriod) -> MeetingRoleQuerySet:
        return self.filter(meeting__period=period)


class MeetingRoleManager(models.Manager["MeetingRole"]):
    def get_queryset(self) -> MeetingRoleQuerySet:
        # The role's name is on its definition: always in the same query.
        return MeetingRoleQuerySet(self.model, using=self._db).select_related(
            "definition"
        )

    def for_period(self, period: LearningPeriod) -> MeetingRoleQuerySet:
        return self.get_queryset().for_period(period)


class MeetingRole(models.Model):
    """Who holds one of the community's roles at a self-run meeting.

    Rotating roles go round the active participants (``rotation.rotate``) and
    members may swap them; ``version`` guards each row against two swaps at
    once. The holder is None when the role is open (nobody could take it, or
    the member left); a holder who left the community counts as open too.
    ``role`` is the definition's key (``Role`` names the two every period has).
    """

    Role = RoleKey

    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(_("role"), max_length=32)
    definition = models.ForeignKey(
        RoleDefinition,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_roles",
    )
    membership = models.ForeignKey(
        Membership,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_roles",
    )
    version = models.PositiveIntegerField(default=1)

    objects = MeetingRoleManager()

    class Meta:
        verbose_name = _("meeting role")
        verbose_name_plural = _("meeting roles")
        ordering = ["meeting__number", "definition__position", "role"]
        base_manager_name = "objects"
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

    def get_role_display(self) -> str:
        """The role's name: the community's, or the default's in the reader's
        language."""
        if self.definition is not None:
            return self.definition.label
        return str(DEFAULT_NAMES.get(self.role, self.role))

    @property
    def is_open(self) -> bool:
        return self.membership is None or not self.membership.is_active

    def holder_name(self) -> str:
        if self.membership is None or self.is_open:
            return str(_("open"))
        return str(self.membership.user.display_name)


class EqualSpaceAnswer(models.Model):
    """One participant's anonymous check-out answer to "Did everyone have the
    same space today?" (1–5) at a self-run meeting.

    Nobody but the person sees it: the community and its coaches see the
    meeting's mean only from ``aggregates.MIN_ANSWERS`` people on. ``user`` is
    emptied when the person erases their data (the number stays in the trend).
    """

    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="equal_space"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="equal_space_answers",
    )
    score = models.PositiveSmallIntegerField(_("same space for everyone"))
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("equal-space answer")
        verbose_name_plural = _("equal-space answers")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"], name="one_equal_space_answer_per_person"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5), name="equal_space_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} — {self.pk}"
