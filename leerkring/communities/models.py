"""Organisations, their learning communities, who belongs to them, and periods."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leerkring.accounts.models import Language

from . import variants
from .variants import Preset

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from leerkring.accounts.models import User

MAX_PARTICIPANTS = 12
MAX_COACHES = 2


class Sharing(models.TextChoices):
    """Who besides the owner and the coaches may read a private item.

    The community-wide vocabulary of tracks, assignments and reports.
    """

    COACHES = "coaches", _("Only me and the coaches")
    COMMUNITY = "community", _("The community")


class Organisation(models.Model):
    """A university or other organisation that runs Community leren."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # A self-run community needs periodic attention from a coach against
    # "selective blindness" (seed §2.3): after this long without, the
    # programme leads get a to-do item.
    coach_attention_months = models.PositiveSmallIntegerField(
        _("months without a coach before the programme leads are told"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
        help_text=_(
            "For communities that run on their own after the leergang: how long "
            "they may go without a coach's visit."
        ),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Variant(models.Model):
    """An organisation's own variant of the leergang, made from a built-in one
    (:mod:`.variants`); what it leaves empty comes from that one."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="variants"
    )
    base = models.CharField(
        _("made from"),
        max_length=32,
        choices=variants.CHOICES,
        default=variants.DEFAULT,
    )
    name = models.CharField(_("name"), max_length=200)
    sessions = models.PositiveSmallIntegerField(_("number of sessions"))
    weeks = models.PositiveSmallIntegerField(_("over how many weeks"))
    language = models.CharField(
        _("language"), max_length=8, choices=Language, blank=True
    )
    emphasis = models.TextField(_("what the agenda emphasises"), blank=True)
    goal_prompt = models.TextField(_("prompt for the goals"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("variant")
        verbose_name_plural = _("variants")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="unique_variant_name"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def as_preset(self) -> Preset:
        base = variants.built_in(self.base)
        return Preset(
            key=f"own:{self.pk}",
            name=self.name,
            sessions=self.sessions,
            weeks=self.weeks,
            language=self.language or base.language,
            rows=base.rows if len(base.rows) == self.sessions else (),
            emphasis=self.emphasis or base.emphasis,
            goal_prompt=self.goal_prompt or base.goal_prompt,
        )


class OrganisationRole(models.Model):
    """A role someone holds in an organisation as a whole (roles are rows)."""

    class Role(models.TextChoices):
        PROGRAMME_LEAD = "programme_lead", _("Programme lead")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="roles"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="organisation_roles",
    )
    role = models.CharField(_("role"), max_length=32, choices=Role)

    class Meta:
        verbose_name = _("organisation role")
        verbose_name_plural = _("organisation roles")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user", "role"], name="unique_org_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} ({self.organisation})"


class CommunityQuerySet(models.QuerySet["Community"]):
    def visible_to(self, user: User | AnonymousUser) -> CommunityQuerySet:
        """Communities whose page the user may open."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(
            Q(
                memberships__user=user,
                memberships__status=Membership.Status.ACTIVE,
            )
            | Q(
                organisation__roles__user=user,
                organisation__roles__role=OrganisationRole.Role.PROGRAMME_LEAD,
            )
        ).distinct()

    def with_counts(self) -> CommunityQuerySet:
        """By name, with the places taken. (The ordering is spelled out: Django drops
        ``Meta.ordering`` from a query that groups for the counts.)"""
        active = Q(memberships__status__in=Membership.HOLDS_A_PLACE)
        return self.annotate(
            participant_count=models.Count(
                "memberships",
                filter=active & Q(memberships__role=Membership.Role.PARTICIPANT),
            ),
            coach_count=models.Count(
                "memberships",
                filter=active & Q(memberships__role=Membership.Role.COACH),
            ),
        ).order_by("name", "pk")


class Community(models.Model):
    """A learning community: at most 12 participants and, in a leergang, 2 coaches."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="communities"
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    # The language its method texts are written in (issue 17): Table-1 themes
    # and default agenda items; everyone's menus and buttons stay in their own.
    language = models.CharField(
        _("language of the community"),
        max_length=8,
        choices=Language,
        default=Language.DUTCH,
        help_text=_(
            "The method's texts (session themes, default agenda items) are written "
            "in this language. Menus and buttons stay in each person's own language."
        ),
    )
    # The variant it was created as (issue 17): a built-in one, or one the
    # organisation defined from it.
    variant = models.CharField(
        _("variant"), max_length=32, choices=variants.CHOICES, default=variants.DEFAULT
    )
    own_variant = models.ForeignKey(
        "Variant",
        verbose_name=_("the organisation's variant"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="communities",
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CommunityQuerySet.as_manager()

    class Meta:
        verbose_name = _("learning community")
        verbose_name_plural = _("learning communities")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="unique_community_name"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def current_period(self, today: date | None = None) -> LearningPeriod | None:
        """The running period, else the next one, else the last one."""
        return current_among(list(self.periods.all()), today)

    @property
    def preset(self) -> Preset:
        """What its variant presets (the organisation's own, else the built-in)."""
        if self.own_variant is not None:
            return self.own_variant.as_preset()
        return variants.built_in(self.variant)

    @property
    def runs_on_its_own(self) -> bool:
        """Its current period is self-run: one coach's periodic attention is
        enough there; a leergang needs two coaches."""
        period = self.current_period()
        return period is not None and not period.is_leergang


def current_among(
    periods: list[LearningPeriod], today: date | None = None
) -> LearningPeriod | None:
    """Of one community's ``periods``: the running one, else the next, else the
    last."""
    today = today or timezone.localdate()
    for period in periods:
        if period.start_date <= today <= period.end_date:
            return period
    upcoming = [p for p in periods if p.start_date > today]
    if upcoming:
        return min(upcoming, key=lambda p: p.start_date)
    return max(periods, key=lambda p: p.end_date, default=None)


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> MembershipQuerySet:
        return self.filter(status=Membership.Status.ACTIVE)

    def holding_a_place(self) -> MembershipQuerySet:
        return self.filter(status__in=Membership.HOLDS_A_PLACE)

    def participants(self) -> MembershipQuerySet:
        return self.filter(role=Membership.Role.PARTICIPANT)

    def coaching(self) -> MembershipQuerySet:
        return self.filter(role__in=Membership.COACHING_ROLES)


class Membership(models.Model):
    """Someone's place in a community, with a role and a status."""

    class Role(models.TextChoices):
        PARTICIPANT = "participant", _("Participant")
        COACH = "coach", _("Coach")
        APPRENTICE_COACH = "apprentice_coach", _("Apprentice coach")

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        ACTIVE = "active", _("Active")
        LEFT = "left", _("Left")

    HOLDS_A_PLACE = (Status.INVITED, Status.ACTIVE)
    COACHING_ROLES = (Role.COACH, Role.APPRENTICE_COACH)

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role)
    status = models.CharField(
        _("status"), max_length=16, choices=Status, default=Status.INVITED
    )
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coaching approved by"),
        help_text=_(
            "For a programme lead of the organisation in a coaching role: the other "
            "programme lead or coach who approved it (the community sees this)."
        ),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["role", "user__display_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "user"], name="one_membership_per_community"
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True)
                | Q(joined_on__isnull=True)
                | Q(left_on__gte=models.F("joined_on")),
                name="membership_left_after_joined",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} ({self.community})"

    @property
    def is_coaching(self) -> bool:
        return self.role in self.COACHING_ROLES

    @property
    def is_participant(self) -> bool:
        return self.role == self.Role.PARTICIPANT

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE


def running_on(day: date, period: str = "") -> Q:
    """A learning period that runs on ``day``, reached through the ``period`` path
    (``"periods"`` from a community, ``"agreement__period"``, …; empty: itself)."""
    prefix = f"{period}__" if period else ""
    return Q(**{f"{prefix}start_date__lte": day, f"{prefix}end_date__gte": day})


class LearningPeriod(models.Model):
    """A learning period with a clear start and a fixed end."""

    class Kind(models.TextChoices):
        LEERGANG = "leergang", _("Coached leergang")
        SELF_RUN = "self_run", _("Self-run period")

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="periods"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind)
    title = models.CharField(_("title"), max_length=200, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("learning period")
        verbose_name_plural = _("learning periods")
        ordering = ["start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gt=models.F("start_date")),
                name="period_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title or f"{self.get_kind_display()} {self.start_date:%Y}"

    @property
    def is_leergang(self) -> bool:
        return self.kind == self.Kind.LEERGANG


class Invitation(models.Model):
    """An e-mailed, signed, expiring, single-use link to a membership."""

    membership = models.OneToOneField(
        Membership, on_delete=models.CASCADE, related_name="invitation"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    nonce = models.CharField(max_length=32, unique=True)
    sent_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return str(self.membership)


class RoleChangeQuerySet(models.QuerySet["RoleChange"]):
    def pending(self) -> RoleChangeQuerySet:
        return self.filter(status=RoleChange.Status.PENDING)

    def awaiting_consent_of(self, user: User) -> RoleChangeQuerySet:
        return self.pending().filter(user=user, consented_at__isnull=True)

    def awaiting_approval(self) -> RoleChangeQuerySet:
        return self.pending().filter(needs_approval=True, approved_by__isnull=True)


class RoleChange(models.Model):
    """A proposed role for someone in a community (DESIGN.md §5: rights follow
    roles, roles need consent).

    It takes effect only when the person has consented (they asked, or they
    accepted) and — for a programme lead of the community's organisation taking a
    coaching role — when another programme lead or a coach of the community has
    approved it. Until then it is pending, and shown on the community page.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DONE = "done", _("Taken effect")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="role_changes"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    role = models.CharField(_("new role"), max_length=32, choices=Membership.Role)
    reason = models.CharField(_("why"), max_length=500)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    consented_at = models.DateTimeField(null=True, blank=True)
    needs_approval = models.BooleanField(default=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(max_length=16, choices=Status, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RoleChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("role change")
        verbose_name_plural = _("role changes")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "user"],
                condition=Q(status="pending"),
                name="one_pending_role_change",
            ),
            models.CheckConstraint(
                condition=~Q(status="done")
                | (
                    Q(consented_at__isnull=False)
                    & (Q(needs_approval=False) | Q(approved_by__isnull=False))
                ),
                name="role_change_done_only_with_consent_and_approval",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.get_role_display()} ({self.community})"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    @property
    def awaits_consent(self) -> bool:
        return self.is_pending and self.consented_at is None

    @property
    def awaits_approval(self) -> bool:
        return self.is_pending and self.needs_approval and self.approved_by_id is None
