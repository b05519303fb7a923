"""The two tracks of a learning period (DESIGN.md §1, the "spanningsboog").

The **collective result track** belongs to the community: an ambition (4a), a
concrete goal and the assignment statement "dit staat ons te doen … en dit is het
concrete resultaat" (4b). Every edit is a new ``CollectiveTrackVersion``; progress
entries make its timeline.

The **individual development track** belongs to one participant: qualities and
pitfalls (optionally Ofman's core quadrant), a learning question that sharpens over
time (``LearningQuestionVersion``) and a personal mission. Each private item has its
own ``sharing``: only the owner and the community's coaches, or the community.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leerkring.communities.models import LearningPeriod, Membership, Sharing

if TYPE_CHECKING:
    from leerkring.meetings.models import Meeting


class SDG(models.IntegerChoices):
    """The United Nations' 17 Sustainable Development Goals."""

    NO_POVERTY = 1, _("1 No poverty")
    ZERO_HUNGER = 2, _("2 Zero hunger")
    HEALTH = 3, _("3 Good health and well-being")
    EDUCATION = 4, _("4 Quality education")
    GENDER = 5, _("5 Gender equality")
    WATER = 6, _("6 Clean water and sanitation")
    ENERGY = 7, _("7 Affordable and clean energy")
    WORK = 8, _("8 Decent work and economic growth")
    INDUSTRY = 9, _("9 Industry, innovation and infrastructure")
    INEQUALITY = 10, _("10 Reduced inequalities")
    CITIES = 11, _("11 Sustainable cities and communities")
    CONSUMPTION = 12, _("12 Responsible consumption and production")
    CLIMATE = 13, _("13 Climate action")
    WATER_LIFE = 14, _("14 Life below water")
    LAND_LIFE = 15, _("15 Life on land")
    PEACE = 16, _("16 Peace, justice and strong institutions")
    PARTNERSHIPS = 17, _("17 Partnerships for the goals")


def coached_communities(user: Any) -> models.QuerySet[Membership, Any]:
    """Ids of the communities the user actively coaches (as a subquery)."""
    return (
        Membership.objects.active().coaching().filter(user=user).values("community_id")
    )


def member_communities(user: Any) -> models.QuerySet[Membership, Any]:
    """Ids of the communities the user is an active member of (as a subquery)."""
    return Membership.objects.active().filter(user=user).values("community_id")


def private_visibility(user: Any, owner: str, community: str, sharing: str) -> Q:
    """DESIGN.md §5 for one private item, as a filter.

    The owner always; the community's (apprentice) coaches while the owner is a
    member; other active members when the owner shares with the community;
    programme leads and superusers never (they are not named here).
    """
    # Someone who left keeps their private items: coaches no longer see what was
    # only for them; what the owner shared with the community stays shared.
    owner_still_member = Q(
        Exists(
            Membership.objects.filter(
                community=OuterRef(community),
                user=OuterRef(owner),
                status__in=Membership.HOLDS_A_PLACE,
            )
        )
    )
    return (
        Q(**{owner: user})
        | (owner_still_member & Q(**{f"{community}__in": coached_communities(user)}))
        | Q(
            **{
                sharing: Sharing.COMMUNITY,
                f"{community}__in": member_communities(user),
            }
        )
    )


class PersonSetting(models.Model):
    """One person's choices about their contributions, independent of memberships.

    ``keep_name_in_shared_history``: when they leave a community or delete their
    account, the collective history (track versions, progress entries, shared
    assignments) keeps their name only if this is set; otherwise it says "a former
    member". Default off: privacy by default.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    keep_name_in_shared_history = models.BooleanField(
        _("keep my name in the shared history when I leave"), default=False
    )
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)

    class Meta:
        verbose_name = _("personal setting")
        verbose_name_plural = _("personal settings")

    def __str__(self) -> str:
        return str(self.user)


class CollectiveTrack(models.Model):
    """The community's collective result track for one learning period."""

    period = models.OneToOneField(
        LearningPeriod, on_delete=models.CASCADE, related_name="collective_track"
    )
    version = models.PositiveIntegerField(_("version"), default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("collective result track")
        verbose_name_plural = _("collective result tracks")

    def __str__(self) -> str:
        return str(_("Collective track of %(period)s") % {"period": self.period})


class CollectiveTrackVersion(models.Model):
    """One version of the collective track: who changed what, when."""

    FIELDS = (
        "ambition",
        "goal",
        "assignment_do",
        "assignment_result",
        "strategic_goal",
    )

    track = models.ForeignKey(
        CollectiveTrack, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    ambition = models.TextField(
        _("collective ambition"),
        help_text=_(
            "A lasting change in your organisation's practice. Think in "
            "opportunities for the future, not in today's limitations."
        ),
    )
    goal = models.TextField(
        _("concrete goal for this period"),
        blank=True,
        help_text=_("Concrete and ambitious, reachable in this learning period."),
    )
    assignment_do = models.TextField(
        _("this is what we must do"),
        blank=True,
        help_text=_("The first half of the assignment: “dit staat ons te doen …”"),
    )
    assignment_result = models.TextField(
        _("and this is the concrete result"),
        blank=True,
        help_text=_("“… en dit is het concrete resultaat”"),
    )
    strategic_goal = models.TextField(
        _("organisational strategic goal"),
        blank=True,
        help_text=_("Optional: the strategic goal of your organisation this serves."),
    )
    sdgs = models.JSONField(_("Sustainable Development Goals"), default=list)
    note = models.CharField(_("why this change"), max_length=300, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    author_name = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("collective track version")
        verbose_name_plural = _("collective track versions")
        ordering = ["track", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["track", "number"], name="unique_collective_version"
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="collective_version_from_1"
            ),
            models.CheckConstraint(
                condition=~Q(ambition=""), name="collective_version_has_ambition"
            ),
        ]

    def __str__(self) -> str:
        return str(_("Version %(number)s") % {"number": self.number})

    def sdg_labels(self) -> list[str]:
        return [str(SDG(n).label) for n in self.sdgs if n in SDG.values]


class ProgressEntryQuerySet(models.QuerySet["ProgressEntry"]):
    def for_look_back(self, meeting: Meeting) -> ProgressEntryQuerySet:
        """What happened since the previous session, for ``meeting``'s look back.

        Entries made in the previous session, and entries made in between (not tied
        to a session) dated after it up to this session's date.
        """
        previous = meeting.previous()
        between = Q(meeting__isnull=True, happened_on__lte=meeting.date)
        if previous is None:
            return self.filter(track__period=meeting.period_id).filter(between)
        return self.filter(track__period=meeting.period_id).filter(
            Q(meeting=previous) | (between & Q(happened_on__gt=previous.date))
        )


class ProgressEntry(models.Model):
    """A success, setback, decision or question on the collective track."""

    class Kind(models.TextChoices):
        SUCCESS = "success", _("Success")
        SETBACK = "setback", _("Setback")
        DECISION = "decision", _("Decision")
        QUESTION = "question", _("Question")

    track = models.ForeignKey(
        CollectiveTrack, on_delete=models.CASCADE, related_name="progress"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind)
    text = models.TextField(_("what happened"))
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("session"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave empty for something that happened between sessions."),
    )
    happened_on = models.DateField(_("date"), default=timezone.localdate)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    author_name = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ProgressEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("progress entry")
        verbose_name_plural = _("progress entries")
        ordering = ["-happened_on", "-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="progress_has_text"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:40]}"


class PersonalTrackQuerySet(models.QuerySet["PersonalTrack"]):
    def visible_to(self, user: Any) -> PersonalTrackQuerySet:
        """Tracks whose page the user may open: their own, as coach, as co-member.

        The page itself shows another participant only the items they shared.
        """
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            Q(owner=user)
            | Q(period__community__in=coached_communities(user))
            | Q(period__community__in=member_communities(user))
        )


class PersonalTrack(models.Model):
    """One participant's individual development track in one learning period."""

    period = models.ForeignKey(
        LearningPeriod, on_delete=models.CASCADE, related_name="personal_tracks"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    mission = models.TextField(
        _("personal mission or ambition"),
        blank=True,
        help_text=_("What you want to contribute to, further than this period."),
    )
    mission_sharing = models.CharField(
        _("who may read this"), max_length=16, choices=Sharing, default=Sharing.COACHES
    )
    mission_updated_at = models.DateTimeField(null=True, blank=True)
    carried_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The track of the previous period this one started from."),
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = PersonalTrackQuerySet.as_manager()

    class Meta:
        verbose_name = _("individual development track")
        verbose_name_plural = _("individual development tracks")
        ordering = ["period", "owner__display_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "owner"], name="one_personal_track_per_period"
            )
        ]

    def __str__(self) -> str:
        return str(_("Track of %(name)s") % {"name": self.owner})

    @property
    def community_id(self) -> int:
        return self.period.community_id

    def mission_visible_to(self, user: Any, *, is_coach: bool) -> bool:
        """The mission follows the same rule as every private item."""
        return (
            self.owner_id == user.pk
            or is_coach
            or self.mission_sharing == Sharing.COMMUNITY
        )


class QualityPitfallQuerySet(models.QuerySet["QualityPitfall"]):
    def visible_to(self, user: Any) -> QualityPitfallQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            private_visibility(
                user,
                "personal_track__owner",
                "personal_track__period__community",
                "sharing",
            )
        )


class QualityPitfall(models.Model):
    """A quality and its pitfall — as Ofman's core quadrant when all four are given.

    Quality → (too much of it) pitfall → (the positive opposite) challenge →
    (too much of that) allergy.
    """

    personal_track = models.ForeignKey(
        PersonalTrack, on_delete=models.CASCADE, related_name="qualities"
    )
    quality = models.CharField(_("core quality"), max_length=200)
    pitfall = models.CharField(
        _("pitfall"),
        max_length=200,
        blank=True,
        help_text=_("Too much of your quality."),
    )
    challenge = models.CharField(
        _("challenge"),
        max_length=200,
        blank=True,
        help_text=_("The positive opposite of your pitfall."),
    )
    allergy = models.CharField(
        _("allergy"),
        max_length=200,
        blank=True,
        help_text=_("Too much of your challenge, what irritates you in others."),
    )
    sharing = models.CharField(
        _("who may read this"), max_length=16, choices=Sharing, default=Sharing.COACHES
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = QualityPitfallQuerySet.as_manager()

    class Meta:
        verbose_name = _("quality and pitfall")
        verbose_name_plural = _("qualities and pitfalls")
        ordering = ["personal_track", "created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(quality=""), name="quality_not_empty"),
        ]

    def __str__(self) -> str:
        return self.quality

    @property
    def is_core_quadrant(self) -> bool:
        return all((self.quality, self.pitfall, self.challenge, self.allergy))


class LearningQuestionQuerySet(models.QuerySet["LearningQuestion"]):
    def visible_to(self, user: Any) -> LearningQuestionQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            private_visibility(
                user,
                "personal_track__owner",
                "personal_track__period__community",
                "sharing",
            )
        )

    def with_history(self) -> LearningQuestionQuerySet:
        return self.select_related("personal_track__owner").prefetch_related("versions")


class LearningQuestion(models.Model):
    """A participant's personal learning question; it sharpens through versions."""

    personal_track = models.OneToOneField(
        PersonalTrack, on_delete=models.CASCADE, related_name="learning_question"
    )
    version = models.PositiveIntegerField(_("version"), default=0)
    sharing = models.CharField(
        _("who may read this"), max_length=16, choices=Sharing, default=Sharing.COACHES
    )
    carried_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The previous period's question this one grew from."),
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = LearningQuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("personal learning question")
        verbose_name_plural = _("personal learning questions")

    def __str__(self) -> str:
        current = self.current
        return current.text if current else ""

    @property
    def history(self) -> list[LearningQuestionVersion]:
        """Oldest first (uses prefetched versions when there are any)."""
        return sorted(self.versions.all(), key=lambda v: v.number)

    @property
    def current(self) -> LearningQuestionVersion | None:
        history = self.history
        return history[-1] if history else None

    @property
    def owner_id(self) -> int:
        return self.personal_track.owner_id


class LearningQuestionVersion(models.Model):
    """One wording of the learning question, with why it changed."""

    question = models.ForeignKey(
        LearningQuestion, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("learning question"))
    note = models.CharField(
        _("why it changed"),
        max_length=500,
        blank=True,
        help_text=_("Optional: what made you sharpen your question."),
    )
    created_at = models.DateTimeField(_("date"), default=timezone.now)

    class Meta:
        verbose_name = _("learning question version")
        verbose_name_plural = _("learning question versions")
        ordering = ["question", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["question", "number"], name="unique_question_version"
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="question_version_from_1"
            ),
            models.CheckConstraint(
                condition=~Q(text=""), name="question_version_has_text"
            ),
        ]

    def __str__(self) -> str:
        return self.text
