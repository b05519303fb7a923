"""Check-ins, check-outs and the safety-climate questionnaire.

A ``PulseWindow`` is the check-in (or check-out) of one session: coaches open and
close it. A ``Pulse`` is one participant's answer in it — one per person per
window (a second answer replaces the first). A ``SafetyResponse`` is one person's
answers to Edmondson's seven items at one administration (after a session).

Individual rows are visible to the person and the community's coaches only
(``visible_to``); everything else sees aggregates (``aggregates.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leerkring.communities.models import Membership
from leerkring.meetings.models import Meeting

from . import safety

if TYPE_CHECKING:
    from leerkring.accounts.models import User


class Moment(models.TextChoices):
    CHECK_IN = "check_in", _("Check-in")
    CHECK_OUT = "check_out", _("Check-out")


class PulseWindow(models.Model):
    """The check-in or check-out of one session; answers only while it is open."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="pulse_windows"
    )
    moment = models.CharField(_("moment"), max_length=16, choices=Moment)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("check-in window")
        verbose_name_plural = _("check-in windows")
        ordering = ["meeting__number", "-moment"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "moment"], name="one_window_per_meeting_moment"
            ),
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True) | Q(opened_at__isnull=False),
                name="window_closed_only_after_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} — {self.get_moment_display()}"

    @property
    def is_open(self) -> bool:
        return self.opened_at is not None and self.closed_at is None

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    def open(self, by: User | None = None) -> None:
        """Open (or reopen) for answers."""
        self.opened_at = self.opened_at or timezone.now()
        self.opened_by = by
        self.closed_at = None
        self.save(update_fields=["opened_at", "opened_by", "closed_at"])

    def close(self) -> None:
        if self.opened_at is None:
            self.opened_at = timezone.now()
        self.closed_at = timezone.now()
        self.save(update_fields=["opened_at", "closed_at"])


class PulseQuerySet(models.QuerySet["Pulse"]):
    def visible_to(self, user: Any) -> PulseQuerySet:
        """Individual answers: the person's own, and those in communities they coach."""
        if not user.is_authenticated:
            return self.none()
        coached = Membership.objects.active().coaching().filter(user=user)
        return self.filter(
            Q(user=user)
            | Q(window__meeting__period__community__in=coached.values("community"))
        )


def checked_in(meeting: Meeting) -> set[int]:
    """Who answered the session's check-in (a sign of presence for the room)."""
    answers = Pulse.objects.filter(
        window__meeting=meeting, window__moment=Moment.CHECK_IN, user__isnull=False
    )
    return set(answers.values_list("user_id", flat=True))


def _scale(field: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": 1, f"{field}__lte": 5}),
        name=f"pulse_{field}_1_to_5",
    )


class Pulse(models.Model):
    """One participant's check-in or check-out answer.

    ``user`` is emptied (with the word and note) when the person erases their data:
    the numbers stay so the group's arc does not change, nothing links them back.
    """

    window = models.ForeignKey(
        PulseWindow, on_delete=models.CASCADE, related_name="pulses"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pulses",
    )
    energy = models.PositiveSmallIntegerField(_("energy"))
    safety = models.PositiveSmallIntegerField(_("safety in the group"))
    collective_tension = models.PositiveSmallIntegerField(
        _("tension on the collective track")
    )
    personal_tension = models.PositiveSmallIntegerField(_("tension on my own track"))
    word = models.CharField(_("one word"), max_length=40, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PulseQuerySet.as_manager()

    class Meta:
        verbose_name = _("check-in answer")
        verbose_name_plural = _("check-in answers")
        ordering = ["window", "created_at"]
        constraints = [
            # One answer per meeting × moment × person (a window is one meeting ×
            # moment); anonymised rows (user NULL) do not collide.
            models.UniqueConstraint(
                fields=["window", "user"], name="one_pulse_per_person_per_window"
            ),
            _scale("energy"),
            _scale("safety"),
            _scale("collective_tension"),
            _scale("personal_tension"),
        ]

    def __str__(self) -> str:
        return f"{self.window} — {self.user_id or '—'}"


class SafetyResponseQuerySet(models.QuerySet["SafetyResponse"]):
    def visible_to(self, user: Any) -> SafetyResponseQuerySet:
        """Only the person's own: the safety climate is reported anonymously."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)


def _item_constraint(item: int) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"item{item}__gte": 1, f"item{item}__lte": safety.POINTS}),
        name=f"safety_item{item}_1_to_7",
    )


class SafetyResponse(models.Model):
    """One person's answers to the seven safety-climate items after a session."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="safety_responses"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="safety_responses",
    )
    item1 = models.PositiveSmallIntegerField()
    item2 = models.PositiveSmallIntegerField()
    item3 = models.PositiveSmallIntegerField()
    item4 = models.PositiveSmallIntegerField()
    item5 = models.PositiveSmallIntegerField()
    item6 = models.PositiveSmallIntegerField()
    item7 = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SafetyResponseQuerySet.as_manager()

    ITEM_FIELDS = tuple(f"item{i}" for i in range(1, safety.ITEM_COUNT + 1))

    class Meta:
        verbose_name = _("safety-climate answer")
        verbose_name_plural = _("safety-climate answers")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"], name="one_safety_response_per_person"
            ),
            *(_item_constraint(i) for i in range(1, safety.ITEM_COUNT + 1)),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} — {self.user_id or '—'}"

    @property
    def answers(self) -> list[int]:
        return [getattr(self, name) for name in self.ITEM_FIELDS]

    @property
    def score(self) -> float:
        return safety.score(self.answers)
