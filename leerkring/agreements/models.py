"""Agreements, goals on three aspects with their evaluation, consent and hours.

* ``Agreement`` — the group's agreements ("afspraken") for one learning period, as
  numbered ``AgreementVersion`` rows. A version without confirmations is a draft
  and is edited in place; an edit after the first confirmation starts a new
  version that everyone confirms again (``AgreementConfirmation``).
* ``CollectiveGoal`` (aspects 1 and 3) and ``PersonalGoal`` (aspect 2, one per
  participant, private to its owner and the coaches unless shared), each with the
  evaluation at the end of the period.
* ``TimeEntry`` — preparation and assignment time logged by hand; sessions count
  automatically (see ``hours.py``).

Every editable row carries a ``version`` that is claimed on save
(``leerkring.core.concurrency``): the second of two concurrent saves is refused,
never lost. On ``Agreement`` it counts edits; the numbered versions of its text
are ``AgreementVersion`` rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leerkring.communities.models import Community, LearningPeriod, Membership
from leerkring.communities.roles import membership_of
from leerkring.tracks.models import PersonSetting

if TYPE_CHECKING:
    from leerkring.accounts.models import User

# The method asks about 50 hours of each participant, preparation included.
METHOD_HOURS = 50


class Agreement(models.Model):
    """The agreements of one learning period; its content lives in versions."""

    period = models.OneToOneField(
        LearningPeriod, on_delete=models.CASCADE, related_name="agreement"
    )
    version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("agreements")
        verbose_name_plural = _("agreements")

    def __str__(self) -> str:
        return str(_("Agreements of %(period)s") % {"period": self.period})

    def current_version(self) -> AgreementVersion | None:
        return self.versions.order_by("-number").first()


SECTIONS: list[tuple[str, Any]] = [
    ("duration", _("Duration")),
    ("frequency", _("Meeting frequency")),
    ("goals", _("Goals")),
    ("attendance", _("Attendance")),
    ("effort", _("Effort (hours)")),
    ("conduct", _("How we treat each other")),
    ("confidentiality", _("Confidentiality")),
    ("other", _("Other agreements")),
]
SECTION_NAMES = [name for name, _label in SECTIONS]


class AgreementVersion(models.Model):
    """One numbered version of the agreements, section by section."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    duration = models.TextField(_("duration"), blank=True)
    frequency = models.TextField(_("meeting frequency"), blank=True)
    goals = models.TextField(_("goals"), blank=True)
    attendance = models.TextField(_("attendance"), blank=True)
    effort = models.TextField(_("effort (hours)"), blank=True)
    conduct = models.TextField(_("how we treat each other"), blank=True)
    confidentiality = models.TextField(_("confidentiality"), blank=True)
    other = models.TextField(_("other agreements"), blank=True)
    change_note = models.CharField(
        _("what changed and why"), max_length=300, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("agreements version")
        verbose_name_plural = _("agreements versions")
        ordering = ["agreement", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "number"], name="unique_agreement_version"
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="agreement_version_from_1"
            ),
        ]

    def __str__(self) -> str:
        return str(_("Version %(number)s") % {"number": self.number})

    def sections(self) -> list[tuple[str, Any, str]]:
        """(field name, label, text) for every section, in the document's order."""
        return [(name, label, getattr(self, name)) for name, label in SECTIONS]

    def section_texts(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in SECTION_NAMES}


class AgreementConfirmation(models.Model):
    """A member's confirmation of one version, with the moment they confirmed."""

    version = models.ForeignKey(
        AgreementVersion, on_delete=models.CASCADE, related_name="confirmations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="agreement_confirmations",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"))

    class Meta:
        verbose_name = _("confirmation")
        verbose_name_plural = _("confirmations")
        ordering = ["confirmed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "user"], name="one_confirmation_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.version}"


class Aspect(models.TextChoices):
    """The three aspects of a period's goals; the third matters most."""

    CONTENT = "content", _("Collective content")
    PERSONAL = "personal", _("Individual professional-personal")
    LEARNING_YIELD = "learning_yield", _("Learning yield")


class Reached(models.TextChoices):
    YES = "yes", _("Reached")
    PARTLY = "partly", _("Partly reached")
    NO = "no", _("Not reached")


class Evaluation(models.Model):
    """What counts as success, set with the goal ("waarmee zijn we na afloop
    tevreden?"), and what was established at the end of the period."""

    criteria = models.TextField(_("success criteria"), blank=True)
    reached = models.CharField(_("reached"), max_length=8, choices=Reached, blank=True)
    satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction (1–5)"), null=True, blank=True
    )
    evidence = models.TextField(_("evidence"), blank=True)
    validated_by = models.CharField(
        _("externally validated by"), max_length=200, blank=True
    )
    validation = models.TextField(_("what was validated, and the finding"), blank=True)
    learned = models.TextField(_("learning yield"), blank=True)
    evaluated_at = models.DateTimeField(_("evaluated at"), null=True, blank=True)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(satisfaction__isnull=True)
                | Q(satisfaction__gte=1, satisfaction__lte=5),
                name="%(app_label)s_%(class)s_satisfaction_1_5",
            ),
            models.CheckConstraint(
                condition=Q(evaluated_at__isnull=True) | ~Q(reached=""),
                name="%(app_label)s_%(class)s_evaluated_says_reached",
            ),
        ]

    @property
    def is_evaluated(self) -> bool:
        return self.evaluated_at is not None


class CollectiveGoal(Evaluation):
    """Aspect 1 (collective content) or 3 (learning yield) of a period's goals."""

    COLLECTIVE_ASPECTS = (Aspect.CONTENT, Aspect.LEARNING_YIELD)

    period = models.ForeignKey(
        LearningPeriod, on_delete=models.CASCADE, related_name="collective_goals"
    )
    aspect = models.CharField(_("aspect"), max_length=16, choices=Aspect)
    text = models.TextField(_("goal"))
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta(Evaluation.Meta):
        verbose_name = _("collective goal")
        verbose_name_plural = _("collective goals")
        ordering = ["period", "aspect"]
        constraints = [
            *Evaluation.Meta.constraints,
            models.UniqueConstraint(
                fields=["period", "aspect"], name="one_collective_goal_per_aspect"
            ),
            models.CheckConstraint(
                condition=Q(aspect__in=["content", "learning_yield"]),
                name="collective_goal_aspect",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_aspect_display()} ({self.period})"

    @property
    def given_verdicts(self) -> list[ExternalValidation]:
        """The external verdicts on this goal (uses prefetched validations)."""
        return [v for v in self.validations.all() if v.verdict_at]


class PersonalGoalQuerySet(models.QuerySet["PersonalGoal"]):
    def visible_to(self, user: User, community: Community) -> PersonalGoalQuerySet:
        """The goals in ``community`` that ``user`` may read.

        Owner: always. Coaches: those of active members. Other participants: those
        an active owner shared. Someone who left keeps their goal to themselves,
        unless they shared it and agreed that the shared history keeps their name
        (``tracks.PersonSetting``); then the members still read it.
        """
        goals = self.filter(period__community=community)
        if not user.is_authenticated:
            return goals.none()
        viewer = membership_of(user, community)
        own = Q(owner=user)
        if viewer is None:
            return goals.filter(own)
        members = Membership.objects.filter(community=community)
        still_here = Q(owner__in=members.active().values("user"))
        kept = Q(
            shared=True,
            owner__in=members.filter(status=Membership.Status.LEFT).values("user"),
        ) & Q(
            owner__in=PersonSetting.objects.filter(
                keep_name_in_shared_history=True
            ).values("user")
        )
        if viewer.is_coaching:
            return goals.filter(own | still_here | kept)
        return goals.filter(own | (still_here & Q(shared=True)) | kept)


class PersonalGoal(Evaluation):
    """Aspect 2: what one participant wants to reach professionally-personally."""

    period = models.ForeignKey(
        LearningPeriod, on_delete=models.CASCADE, related_name="personal_goals"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="personal_goals",
    )
    text = models.TextField(_("my goal"))
    shared = models.BooleanField(_("share with the community"), default=False)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonalGoalQuerySet.as_manager()

    class Meta(Evaluation.Meta):
        verbose_name = _("personal goal")
        verbose_name_plural = _("personal goals")
        ordering = ["period", "owner__display_name"]
        constraints = [
            *Evaluation.Meta.constraints,
            models.UniqueConstraint(
                fields=["period", "owner"], name="one_personal_goal_per_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.owner} ({self.period})"


class TimeKind(models.TextChoices):
    PREPARATION = "preparation", _("Preparation")
    ASSIGNMENT = "assignment", _("Integration assignment")
    INTAKE = "intake", _("Intake")
    OTHER = "other", _("Other")


class TimeEntryQuerySet(models.QuerySet["TimeEntry"]):
    def totals_by_user(self) -> dict[int, dict[str, int]]:
        """Minutes per user per kind, in one query."""
        totals: dict[int, dict[str, int]] = {}
        rows = self.values("user_id", "kind").annotate(
            minutes_sum=models.Sum("minutes")
        )
        for row in rows:
            totals.setdefault(row["user_id"], {})[row["kind"]] = row["minutes_sum"]
        return totals


MAX_ENTRY_MINUTES = 12 * 60


class TimeEntry(models.Model):
    """Time a participant spent outside the sessions, logged by hand."""

    period = models.ForeignKey(
        LearningPeriod, on_delete=models.CASCADE, related_name="time_entries"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="time_entries"
    )
    date = models.DateField(_("date"))
    minutes = models.PositiveSmallIntegerField(_("minutes"))
    kind = models.CharField(_("kind"), max_length=16, choices=TimeKind)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TimeEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("time entry")
        verbose_name_plural = _("time entries")
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gte=1, minutes__lte=MAX_ENTRY_MINUTES),
                name="time_entry_minutes_in_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.date} {self.minutes}′"


class ExternalValidation(models.Model):
    """An external assessor or client (opdrachtgever) invited to judge a collective
    goal: a signed, expiring, revocable link to a read-only view of the goal, its
    success criteria and the parts the community marks for it; one verdict with a
    comment, no account (DESIGN.md §5, last row)."""

    VALID_DAYS = 30

    class Role(models.TextChoices):
        ASSESSOR = "assessor", _("External assessor")
        CLIENT = "client", _("Client (opdrachtgever)")

    class Verdict(models.TextChoices):
        MET = "met", _("Meets the criteria")
        PARTLY = "partly", _("Partly meets the criteria")
        NOT_MET = "not_met", _("Does not meet the criteria")

    goal = models.ForeignKey(
        CollectiveGoal, on_delete=models.CASCADE, related_name="validations"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("as"), max_length=16, choices=Role)
    show_result = models.BooleanField(
        _("show what was reached and the evidence"), default=True
    )
    show_yield = models.BooleanField(_("show the learning yield"), default=False)
    nonce = models.CharField(max_length=32)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    invited_at = models.DateTimeField(_("invited at"), default=timezone.now)
    expires_at = models.DateTimeField(_("valid until"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    verdict = models.CharField(_("verdict"), max_length=16, choices=Verdict, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    verdict_at = models.DateTimeField(_("verdict given at"), null=True, blank=True)

    class Meta:
        verbose_name = _("external validation")
        verbose_name_plural = _("external validations")
        ordering = ["goal", "invited_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(verdict_at__isnull=True) | ~Q(verdict=""),
                name="validation_verdict_given",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.goal}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    def shown_fields(self) -> tuple[str, ...]:
        """The goal's fields the assessor reads: the goal and its criteria, and
        what the community marked."""
        shown: tuple[str, ...] = ("text", "criteria")
        if self.show_result:
            shown += ("reached", "evidence")
        if self.show_yield:
            shown += ("learned",)
        return shown

    @property
    def is_open(self) -> bool:
        """The link still works and waits for a verdict."""
        return not (self.is_revoked or self.is_expired or self.verdict_at)


class GoOn(models.TextChoices):
    """The community's decision at the harvest (seed §1.4: "een volgende
    leerperiode … desgewenst in een nieuwe samenstelling")."""

    STOP = "stop", _("We stop")
    AS_IS = "as_is", _("We go on as we are (on our own or in a new coached course)")
    NEW_COMPOSITION = "new_composition", _("We go on in a new composition")


class Staying(models.TextChoices):
    """What one member says about the next period."""

    STAYS = "stays", _("I stay")
    LEAVES = "leaves", _("I leave")
    OTHER_COMMUNITY = "other_community", _("I would like another community")


class ContinuationDecision(models.Model):
    """What the community decided at the harvest of a period; its effects apply
    when the next period starts (``agreements.continuation``)."""

    period = models.OneToOneField(
        LearningPeriod, on_delete=models.CASCADE, related_name="continuation"
    )
    choice = models.CharField(_("our decision"), max_length=20, choices=GoOn)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("decision to go on")
        verbose_name_plural = _("decisions to go on")

    def __str__(self) -> str:
        return f"{self.period}: {self.get_choice_display()}"


class MemberIntention(models.Model):
    """One member's own word about the next period; only they record it."""

    period = models.ForeignKey(
        LearningPeriod, on_delete=models.CASCADE, related_name="member_intentions"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    choice = models.CharField(_("next period"), max_length=20, choices=Staying)
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("intention for the next period")
        verbose_name_plural = _("intentions for the next period")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "user"], name="one_intention_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_choice_display()}"
