"""The intake: each participant's preparation and the intake conversations.

Before the leergang every participant has a one-hour conversation with the
coaches: share expectations, establish readiness and commitment, and ask for a
first idea of a concrete outcome. Only "yes" makes a participant committed.

Privacy (DESIGN.md §5): the preparation is seen by the participant and the
community's coaches only; the coaches' notes by the coaches only — the
participant receives them in their data export.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from leerkring.communities.models import Membership


class Commitment(models.TextChoices):
    YES = "yes", _("Yes, committed")
    NOT_YET = "not_yet", _("Not yet")
    NO = "no", _("No")


class IntakePreparation(models.Model):
    """What a participant writes before the intake conversation."""

    membership = models.OneToOneField(
        Membership, on_delete=models.CASCADE, related_name="intake_preparation"
    )
    expectations = models.TextField(
        _("What do you expect from the leergang?"), blank=True
    )
    learning_wish = models.TextField(_("What do you want to learn?"), blank=True)
    concrete_outcome = models.TextField(
        _("A first idea of a concrete outcome"),
        blank=True,
        help_text=_("Something the community could work on together."),
    )
    qualities = models.TextField(_("What do you bring? Your qualities"), blank=True)
    constraints = models.TextField(
        _("Practical constraints"),
        blank=True,
        help_text=_("Dates you cannot make, working hours, anything we should know."),
    )
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("intake preparation")
        verbose_name_plural = _("intake preparations")

    def __str__(self) -> str:
        return str(_("Intake preparation of %(name)s") % {"name": self.membership.user})

    @property
    def is_filled(self) -> bool:
        return any(
            getattr(self, name).strip()
            for name in (
                "expectations",
                "learning_wish",
                "concrete_outcome",
                "qualities",
                "constraints",
            )
        )


class IntakeQuerySet(models.QuerySet["Intake"]):
    def latest_per_membership(self) -> IntakeQuerySet:
        return self.order_by("membership_id", "-held_on", "-id")


class Intake(models.Model):
    """One intake conversation, recorded by a coach. The latest one counts."""

    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="intakes"
    )
    held_on = models.DateField(_("date of the conversation"))
    expectations_shared = models.BooleanField(_("expectations shared"), default=False)
    commitment = models.CharField(
        _("readiness and commitment"), max_length=16, choices=Commitment
    )
    notes = models.TextField(
        _("notes"),
        blank=True,
        help_text=_(
            "Only the coaches read these; the participant receives them in their "
            "data export."
        ),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = IntakeQuerySet.as_manager()

    class Meta:
        verbose_name = _("intake")
        verbose_name_plural = _("intakes")
        ordering = ["membership", "held_on", "id"]

    def __str__(self) -> str:
        return f"{self.membership.user} — {self.held_on}"

    @property
    def is_committed(self) -> bool:
        return self.commitment == Commitment.YES


def with_commitment(
    memberships: models.QuerySet[Membership],
) -> models.QuerySet[Membership]:
    """Annotate each membership with its latest intake's commitment (or None)."""
    latest = Intake.objects.filter(membership=OuterRef("pk")).order_by(
        "-held_on", "-id"
    )
    return memberships.annotate(
        commitment=Subquery(latest.values("commitment")[:1]),
        last_intake_on=Subquery(latest.values("held_on")[:1]),
    )


def committed_participants(community_id: int) -> models.QuerySet[Membership]:
    """Participants (invited or active) whose latest intake said yes."""
    return (
        with_commitment(
            Membership.objects.holding_a_place()
            .participants()
            .filter(community_id=community_id)
        ).filter(commitment=Commitment.YES)  # type: ignore[misc]  # annotated above
    )


def awaiting_intake(*community_ids: int) -> models.QuerySet[Membership]:
    """Participants (invited or active) without any recorded intake conversation, in
    these communities: the ones the intake overview still shows without a date."""
    return (
        Membership.objects.holding_a_place()
        .participants()
        .filter(community_id__in=community_ids)
        .filter(~Exists(Intake.objects.filter(membership=OuterRef("pk"))))
    )
