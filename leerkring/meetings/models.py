"""Sessions ("bijeenkomsten") of a learning period, their agendas and attendance.

Called ``Meeting`` in code so it never clashes with HTTP sessions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leerkring.communities.models import LearningPeriod, Membership

from .intervision.models import IntervisionCase as IntervisionCase
from .intervision.models import IntervisionPlan as IntervisionPlan
from .method import (
    ALL_PRACTICE_MEANINGS,
    METHOD_SESSIONS,
    THEME_FIELDS,
    ItemKind,
    ItemPlan,
    PracticeMeaning,
    agenda_for,
    theme_text,
)
from .scheduling import PART_OF_DAY_ORDER
from .selfrun.models import EqualSpaceAnswer as EqualSpaceAnswer
from .selfrun.models import MeetingRole as MeetingRole
from .selfrun.models import RoleDefinition as RoleDefinition
from .selfrun.models import SelfRunSchedule as SelfRunSchedule

if TYPE_CHECKING:
    from leerkring.accounts.models import User


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

    def for_period(self, period: LearningPeriod) -> MeetingQuerySet:
        """The period's sessions in order."""
        return self.filter(period=period).order_by("number")

    def with_agenda_minutes(self) -> MeetingQuerySet:
        return self.annotate(agenda_minutes=models.Sum("agenda_items__minutes"))

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
    """One session of a learning period: a half day ("dagdeel") on a date.

    Its themes come from Table 1 (``method_step`` is the row); the coaches may
    edit them, the row stays the "method default". A meeting of a self-run period
    (after the leergang) has no row and no themes (``method_step`` is None); it
    has a chair and a note-taker (:class:`MeetingRole`) and ``with_coach`` marks
    the meetings a coach joins. ``version`` guards the
    session's own fields and ``agenda_version`` its agenda against two coaches
    saving over each other.

    The coaches prepare the agenda (``agenda_items``) as a draft; members see
    the copy the coaches last published (``published_agenda``), never each
    intermediate edit. ``closed_at`` is set when the coaches end the session in
    the room.
    """

    class SummaryStatus(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

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

    method_step = models.PositiveSmallIntegerField(
        _("row of the method"), null=True, blank=True, default=1
    )
    stage = models.CharField(_("Theory U stage"), max_length=120, blank=True)
    professional_theme = models.CharField(
        _("professional theme"), max_length=200, blank=True
    )
    personal_theme = models.CharField(_("personal theme"), max_length=200, blank=True)
    personal_question = models.CharField(
        _("personal question"), max_length=200, blank=True
    )
    practice_meanings = models.JSONField(
        _("meaning for the work practice"), default=list, blank=True
    )
    goal = models.CharField(
        _("goal of this session"),
        max_length=300,
        blank=True,
        help_text=_("What do we want to have reached at the end of this session?"),
    )
    intention = models.CharField(
        _("shared intention"),
        max_length=300,
        blank=True,
        help_text=_("How do we want to be together in this session?"),
    )
    with_coach = models.BooleanField(_("with a coach"), default=False)

    version = models.PositiveIntegerField(default=1)
    agenda_version = models.PositiveIntegerField(default=1)
    current_item = models.ForeignKey(
        "AgendaItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    current_item_started_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    published_agenda = models.JSONField(_("published agenda"), default=list, blank=True)
    agenda_published_at = models.DateTimeField(null=True, blank=True)
    agenda_published_version = models.PositiveIntegerField(null=True, blank=True)
    coach_notes = models.TextField(_("coach notes"), blank=True)
    summary = models.TextField(_("summary"), blank=True)
    summary_status = models.CharField(
        _("summary status"),
        max_length=16,
        choices=SummaryStatus,
        default=SummaryStatus.DRAFT,
    )
    summary_published_at = models.DateTimeField(null=True, blank=True)
    # A self-run meeting: what a visiting coach observed, for the community (the
    # members read it; the coach notes above stay the coaches' own).
    coach_observation = models.TextField(_("observation for the community"), blank=True)
    observation_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    observation_at = models.DateTimeField(null=True, blank=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["period", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "number"], name="unique_meeting_number"
            ),
            models.UniqueConstraint(
                fields=["period", "date", "part_of_day"], name="unique_meeting_slot"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="meeting_number_1"),
            models.CheckConstraint(
                condition=Q(method_step__isnull=True)
                | Q(method_step__gte=1, method_step__lte=METHOD_SESSIONS),
                name="meeting_method_step_in_table",
            ),
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

    @property
    def slot(self) -> tuple[dt.date, int]:
        """Sort key: date, then morning before afternoon before evening."""
        return (self.date, PART_OF_DAY_ORDER[self.part_of_day])

    def status(self, today: dt.date | None = None) -> str:
        """``past``, ``today`` or ``upcoming``."""
        today = today or timezone.localdate()
        if self.date < today:
            return "past"
        return "today" if self.date == today else "upcoming"

    def previous(self) -> Meeting | None:
        """The session before this one in the same period (asked once per loaded
        meeting: a page's look-back and its navigation both want it)."""
        if "_previous" not in self.__dict__:
            self.__dict__["_previous"] = (
                Meeting.objects.filter(period_id=self.period_id, number__lt=self.number)
                .order_by("-number")
                .first()
            )
        previous: Meeting | None = self.__dict__["_previous"]
        return previous

    def next(self) -> Meeting | None:
        """The session after this one in the same period."""
        return (
            Meeting.objects.filter(period_id=self.period_id, number__gt=self.number)
            .order_by("number")
            .first()
        )

    # Themes: the method's row, and what the coaches made of it.

    @property
    def has_method_themes(self) -> bool:
        """Does the meeting follow a row of Table 1 (False: a self-run meeting)?"""
        return self.method_step is not None

    @property
    def method_language(self) -> str:
        """The language the method's texts are written in: the community's."""
        return self.period.community.language

    def method_default(self, field: str) -> str:
        """The method's text for a theme field, in the community's language."""
        if self.method_step is None:
            return ""
        return theme_text(self.method_step, field, self.method_language)

    def apply_method_themes(self) -> None:
        """Fill the theme fields from the method (community's language), unsaved."""
        for field in THEME_FIELDS:
            setattr(self, field, self.method_default(field))
        self.practice_meanings = (
            list(ALL_PRACTICE_MEANINGS) if self.has_method_themes else []
        )

    def method_agenda(self) -> tuple[ItemPlan, ...]:
        """The method's agenda for this session's row (a second session on the
        same row of the period deepens it)."""
        repeat = (
            self.method_step is not None
            and Meeting.objects.filter(
                period_id=self.period_id,
                method_step=self.method_step,
                number__lt=self.number,
            ).exists()
        )
        return agenda_for(self.method_step, repeat=repeat)

    def is_method_default(self, field: str) -> bool:
        """Is the field the method's text, in any of the site's languages?"""
        if not self.has_method_themes:
            return True
        assert self.method_step is not None
        value = getattr(self, field)
        step = self.method_step
        return value in {
            theme_text(step, field, code) for code, _n in settings.LANGUAGES
        }

    def themes(self) -> list[dict[str, Any]]:
        """Each theme field with its label, value and method default."""
        if not self.has_method_themes:
            return []
        return [
            {
                "name": field,
                "label": getattr(self._meta.get_field(field), "verbose_name", field),
                "value": getattr(self, field),
                "default": self.method_default(field),
                "is_default": self.is_method_default(field),
            }
            for field in THEME_FIELDS
        ]

    def practice_meaning_labels(self) -> list[str]:
        labels = dict(PracticeMeaning.choices)
        return [str(labels[key]) for key in self.practice_meanings if key in labels]

    # The agenda the members see.

    @property
    def agenda_is_published(self) -> bool:
        return self.agenda_published_at is not None

    @property
    def has_unpublished_changes(self) -> bool:
        """Did the coaches change the agenda since they last published it?"""
        return self.agenda_published_version != self.agenda_version

    def set_published_agenda(self, items: Iterable[AgendaItem]) -> None:
        """Make ``items`` (in order) the agenda members see, from now (unsaved)."""
        self.published_agenda = [item.published_fields() for item in items]
        self.agenda_published_at = timezone.now()
        self.agenda_published_version = self.agenda_version

    PUBLISHED_AGENDA_FIELDS = (
        "published_agenda",
        "agenda_published_at",
        "agenda_published_version",
    )

    def published_items(self) -> list[AgendaItem]:
        """The published agenda as unsaved items, in order."""
        return [
            AgendaItem(meeting=self, position=position, **fields)
            for position, fields in enumerate(self.published_agenda, start=1)
        ]

    @property
    def observation_author_name(self) -> str:
        user: User | None = self.observation_by
        return user.display_name if user else str(_("a former coach"))

    # In the room.

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    # Summary.

    @property
    def summary_is_published(self) -> bool:
        return self.summary_status == self.SummaryStatus.PUBLISHED


class AgendaItem(models.Model):
    """One item of a session's agenda, in the order of ``position``."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(
        _("kind"), max_length=16, choices=ItemKind, default=ItemKind.CUSTOM
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    minutes = models.PositiveSmallIntegerField(_("minutes"))
    # Who added it (None: the method's default items); the equality guard counts it.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"], name="unique_agenda_position"
            ),
            models.CheckConstraint(
                condition=Q(minutes__gte=1, minutes__lte=240),
                name="agenda_item_minutes_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    PUBLISHED_FIELDS = ("kind", "title", "description", "minutes")

    def published_fields(self) -> dict[str, Any]:
        """What members see of the item once the agenda is published."""
        return {name: getattr(self, name) for name in self.PUBLISHED_FIELDS}

    @property
    def kind_badge(self) -> str:
        """The kind's name for a badge beside the title, or "" where the title
        already says it ("Check-in", not "Check-in [Check-in]")."""
        kind = str(self.get_kind_display())
        return "" if kind.casefold() == self.title.strip().casefold() else kind


class AttendanceQuerySet(models.QuerySet["Attendance"]):
    def present(self) -> AttendanceQuerySet:
        return self.filter(present=True)


class Attendance(models.Model):
    """Whether a member was present at a session, ticked by a coach."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendances"
    )
    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="attendances"
    )
    present = models.BooleanField(_("present"), default=False)
    recorded_at = models.DateTimeField(auto_now=True)

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "membership"], name="one_attendance_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting} — {self.membership.user}"


class OpenSpaceProposal(models.Model):
    """A member's proposal for a session's open space; a coach may accept it."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="proposals"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="open_space_proposals",
    )
    title = models.CharField(_("proposal"), max_length=200)
    description = models.TextField(_("explanation"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("open space proposal")
        verbose_name_plural = _("open space proposals")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_accepted(self) -> bool:
        return self.accepted_at is not None

    def author_name(self) -> str:
        user: User | None = self.author
        return user.display_name if user else str(_("a former member"))
