"""Intake workflows: the participant's preparation and the coaches' record."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from leerkring.accounts.models import User
from leerkring.communities.models import Membership
from leerkring.core import audit
from leerkring.core.concurrency import claim
from leerkring.core.models import AuditAction

from .models import Intake, IntakePreparation

PREPARATION_FIELDS = (
    "expectations",
    "learning_wish",
    "concrete_outcome",
    "qualities",
    "constraints",
)


@transaction.atomic
def save_preparation(
    *, membership: Membership, version: int, answers: dict[str, str]
) -> IntakePreparation:
    """Save the participant's own preparation; an older version is refused
    (:class:`~leerkring.core.concurrency.Stale`)."""
    preparation, created = IntakePreparation.objects.get_or_create(
        membership=membership
    )
    if not created:
        claim(preparation, version)
    for name in PREPARATION_FIELDS:
        setattr(preparation, name, answers.get(name, ""))
    preparation.save()
    return preparation


@transaction.atomic
def record_intake(
    *,
    membership: Membership,
    actor: User,
    held_on: date,
    expectations_shared: bool,
    commitment: str,
    notes: str = "",
) -> Intake:
    """Record one intake conversation. The latest conversation decides whether
    the participant is committed (only "yes" does); an earlier "not yet" stays
    in the history. Audited: who recorded whose intake, never what was said."""
    intake = Intake.objects.create(
        membership=membership,
        held_on=held_on,
        expectations_shared=expectations_shared,
        commitment=commitment,
        notes=notes,
        recorded_by=actor,
    )
    audit.record(
        AuditAction.INTAKE_RECORDED,
        actor=actor,
        target=intake,
        membership=membership.pk,
    )
    return intake
