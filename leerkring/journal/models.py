"""The reflection journal: entries, their readers, coach feedback, comments,
autosaved drafts and the reflection mirror's assessments.

Who may read an entry (DESIGN.md §5) is decided by its ``visibility``: only the
author (the default), the author and the community's coaches, or the whole
community. Programme leads and superusers are never among the readers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leerkring.communities.models import Community, Membership

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from leerkring.accounts.models import User

MAX_BODY_CHARS = 50_000


class Visibility(models.TextChoices):
    PRIVATE = "private", _("Only me")
    COACHES = "coaches", _("Me and the coaches")
    COMMUNITY = "community", _("The whole community")


SHARED_WITH_COACHES = (Visibility.COACHES, Visibility.COMMUNITY)


def _coached(user: Any) -> models.QuerySet[Membership, Any]:
    return (
        Membership.objects.active().coaching().filter(user=user).values("community_id")
    )


def _member_of(user: Any) -> models.QuerySet[Membership, Any]:
    return Membership.objects.active().filter(user=user).values("community_id")


def _has_published_feedback() -> models.Exists:
    return models.Exists(
        CoachFeedback.objects.filter(
            reflection=models.OuterRef("pk"), status=CoachFeedback.Status.PUBLISHED
        )
    )


class ReflectionQuerySet(models.QuerySet["Reflection"]):
    def visible_to(self, user: User | AnonymousUser) -> ReflectionQuerySet:
        """Entries the user may read: their own, shared with them as coach, or
        shared with a community they are an active member of."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            Q(author=user)
            | Q(visibility__in=SHARED_WITH_COACHES, community__in=_coached(user))
            | Q(visibility=Visibility.COMMUNITY, community__in=_member_of(user))
        )

    def shared_with(self, user: User) -> ReflectionQuerySet:
        """Other people's entries the user may read."""
        return self.visible_to(user).exclude(author=user)

    def for_list(self) -> ReflectionQuerySet:
        """Newest first, with what a list shows. (The ordering is spelled out: Django
        drops ``Meta.ordering`` from a query that groups for the count.)"""
        return (
            self.select_related("author", "meeting")
            .annotate(comment_count=models.Count("comments", distinct=True))
            .order_by("-created_at", "-id")
        )

    def awaiting_feedback(self) -> ReflectionQuerySet:
        """Entries no coach has published feedback on yet."""
        return self.exclude(_has_published_feedback())

    def awaiting_feedback_first(self) -> ReflectionQuerySet:
        """For a coach: entries without published feedback first (``answered``
        False), each part newest first."""
        return self.annotate(answered=_has_published_feedback()).order_by(
            "answered", "-created_at", "-id"
        )


class Reflection(models.Model):
    """One journal entry ("reflectie") of a participant in a community."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflections"
    )
    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="reflections"
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("session"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reflections",
    )
    assignment = models.ForeignKey(
        "assignments.IntegrationAssignment",
        verbose_name=_("integration assignment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reflections",
    )
    learning_question = models.ForeignKey(
        "tracks.LearningQuestion",
        verbose_name=_("learning question"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reflections",
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("your reflection"), max_length=MAX_BODY_CHARS)
    visibility = models.CharField(
        _("who can read this"),
        max_length=16,
        choices=Visibility,
        default=Visibility.PRIVATE,
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = ReflectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("reflection")
        verbose_name_plural = _("reflections")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["author", "community", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(visibility__in=Visibility.values),
                name="reflection_visibility_known",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="reflection_has_title"),
            models.CheckConstraint(
                condition=Q(version__gte=1), name="reflection_version_from_1"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_private(self) -> bool:
        return self.visibility == Visibility.PRIVATE

    @property
    def is_shared_with_coaches(self) -> bool:
        return self.visibility in SHARED_WITH_COACHES

    @property
    def is_shared_with_community(self) -> bool:
        return self.visibility == Visibility.COMMUNITY


class JournalSetting(models.Model):
    """One person's choices about the reflection mirror."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="journal_setting",
    )
    mirror_enabled = models.BooleanField(
        _("hold up the reflection mirror to my entries"), default=True
    )
    coaches_see_mirror = models.BooleanField(
        _("my coaches may see the mirror on entries I share with them"),
        default=False,
    )

    class Meta:
        verbose_name = _("journal setting")
        verbose_name_plural = _("journal settings")

    def __str__(self) -> str:
        return str(self.user)

    @classmethod
    def for_user(cls, user: Any) -> JournalSetting:
        """The saved setting, or the defaults (unsaved) for someone without one."""
        return cls.objects.filter(user=user).first() or cls(user=user)


class AssessmentQuerySet(models.QuerySet["ReflectionAssessment"]):
    def current_for(self, reflection: Reflection) -> ReflectionAssessment | None:
        """The newest assessment of the entry's present text, if any."""
        return (
            self.filter(reflection=reflection, reflection_version=reflection.version)
            .order_by("-created_at", "-id")
            .first()
        )


class ReflectionAssessment(models.Model):
    """What the reflection mirror saw in one version of an entry.

    ``outcome`` is ``ok`` with a level, or the mirror's reason why it could not
    read the text (too short, unsupported language …) without one.
    """

    class Outcome(models.TextChoices):
        OK = "ok", _("Assessed")
        EMPTY = "empty", _("Empty")
        TOO_SHORT = "too_short", _("Too short")
        TOO_LONG = "too_long", _("Too long")
        UNSUPPORTED_LANGUAGE = "unsupported_language", _("Unsupported language")
        UNREADABLE = "unreadable", _("Not readable")

    reflection = models.ForeignKey(
        Reflection, on_delete=models.CASCADE, related_name="assessments"
    )
    reflection_version = models.PositiveIntegerField()
    outcome = models.CharField(max_length=24, choices=Outcome, default=Outcome.OK)
    level = models.PositiveSmallIntegerField(null=True, blank=True)
    language = models.CharField(max_length=8, blank=True)
    evidence = models.JSONField(default=list, blank=True)
    next_prompt = models.TextField(blank=True)
    # How sure the mirror is ("clear", "mixed", "thin") and the same in words, in
    # the entry's language; blank for assessments made before the mirror said so.
    certainty = models.CharField(max_length=8, blank=True)
    summary = models.TextField(blank=True)
    model_version = models.CharField(max_length=100)
    created_at = models.DateTimeField(default=timezone.now)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("reflection assessment")
        verbose_name_plural = _("reflection assessments")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(outcome="ok") & Q(level__gte=1) & Q(level__lte=4))
                | (~Q(outcome="ok") & Q(level__isnull=True)),
                name="assessment_level_only_when_ok",
            ),
            models.UniqueConstraint(
                fields=["reflection", "reflection_version", "model_version"],
                name="one_assessment_per_version_and_model",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reflection_id} v{self.reflection_version}: {self.outcome}"

    @property
    def is_ok(self) -> bool:
        return self.outcome == self.Outcome.OK


class CoachFeedback(models.Model):
    """A coach's feedback on an entry shared with them: a draft, then published."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    reflection = models.ForeignKey(
        Reflection, on_delete=models.CASCADE, related_name="feedback"
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = models.TextField(_("feedback"), max_length=10_000)
    status = models.CharField(max_length=16, choices=Status, default=Status.DRAFT)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("coach feedback")
        verbose_name_plural = _("coach feedback")
        ordering = ["published_at", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["reflection", "coach"],
                condition=Q(status="draft"),
                name="one_feedback_draft_per_coach",
            ),
            models.CheckConstraint(
                condition=Q(status="draft", published_at__isnull=True)
                | Q(status="published", published_at__isnull=False),
                name="feedback_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reflection_id}: {self.status}"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class Comment(models.Model):
    """A community member's comment on an entry shared with the community.

    When the entry stops being shared with the community its comments are hidden
    (kept, seen by the entry's author only) and come back when it is shared again.
    """

    reflection = models.ForeignKey(
        Reflection, on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = models.TextField(_("comment"), max_length=4_000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(body=""), name="comment_has_body")
        ]

    def __str__(self) -> str:
        return f"{self.reflection_id}: {self.author_id}"


class Draft(models.Model):
    """Autosaved text of an entry being written: one per person and entry (or new
    entry per community). ``version`` detects a second tab writing to it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="+")
    reflection = models.ForeignKey(
        Reflection, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(max_length=200, blank=True)
    body = models.TextField(blank=True, max_length=MAX_BODY_CHARS)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("draft")
        verbose_name_plural = _("drafts")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "reflection"],
                condition=Q(reflection__isnull=False),
                name="one_draft_per_entry",
            ),
            models.UniqueConstraint(
                fields=["user", "community"],
                condition=Q(reflection__isnull=True),
                name="one_new_entry_draft_per_community",
            ),
        ]

    def __str__(self) -> str:
        return self.title or str(_("Untitled draft"))

    @property
    def is_empty(self) -> bool:
        return not (self.title.strip() or self.body.strip())
