"""Workflows on agreements and goals: each atomic, each claiming the version
the editor started from, so that a concurrent edit is refused instead of lost."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from leerkring.accounts.models import User
from leerkring.communities.models import LearningPeriod
from leerkring.core import audit
from leerkring.core.concurrency import Stale, claim
from leerkring.core.models import AuditAction

from .models import (
    SECTION_NAMES,
    Agreement,
    AgreementConfirmation,
    AgreementVersion,
    CollectiveGoal,
    PersonalGoal,
)


class AgreementError(Exception):
    """A rule refuses this change; the message is translated."""


@transaction.atomic
def save_agreements(
    *,
    period: LearningPeriod,
    actor: User,
    version: int,
    sections: dict[str, str],
    change_note: str = "",
) -> AgreementVersion:
    """Save the agreements text.

    While nobody has confirmed the current version it is a draft and changes in
    place; once someone has confirmed it, the edit becomes a new version that
    everyone confirms again.
    """
    Agreement.objects.get_or_create(period=period)
    agreement = Agreement.objects.select_for_update().get(period=period)
    claim(agreement, version)
    current = agreement.current_version()
    texts = {name: sections.get(name, "").strip() for name in SECTION_NAMES}
    if current is not None and texts == current.section_texts():
        raise AgreementError(_("Nothing changed: the agreements are as they were."))
    if current is None and not any(texts.values()):
        raise AgreementError(_("Write at least one agreement."))
    if current is None or current.confirmations.exists():
        number = current.number + 1 if current else 1
        saved = AgreementVersion(agreement=agreement, number=number, created_by=actor)
    else:
        saved = current
    for name, text in texts.items():
        setattr(saved, name, text)
    saved.change_note = change_note.strip()
    saved.updated_by = actor
    saved.save()
    return saved


@transaction.atomic
def confirm_agreements(
    *, period: LearningPeriod, actor: User, version_number: int
) -> AgreementConfirmation:
    """Record that ``actor`` agrees to the current version, with the moment."""
    agreement = Agreement.objects.select_for_update().filter(period=period).first()
    current = agreement.current_version() if agreement else None
    if current is None:
        raise AgreementError(_("There are no agreements to confirm yet."))
    if current.number != version_number:
        raise AgreementError(
            _(
                "Version %(old)s is no longer current: version %(new)s replaced it. "
                "Read what changed and confirm version %(new)s."
            )
            % {"old": version_number, "new": current.number}
        )
    confirmation, created = AgreementConfirmation.objects.get_or_create(
        version=current, user=actor, defaults={"confirmed_at": timezone.now()}
    )
    if not created:
        raise AgreementError(
            _("You already confirmed version %(number)s.") % {"number": current.number}
        )
    audit.record(
        AuditAction.AGREEMENTS_CONFIRMED,
        actor=actor,
        target=current,
        version=current.number,
    )
    return confirmation


def _first(version: int) -> int:
    """A goal nobody has saved yet is version 0 in the form; anything else means
    it was saved (and removed) meanwhile."""
    if version != 0:
        raise Stale(None)
    return 1


@transaction.atomic
def save_collective_goal(
    *,
    period: LearningPeriod,
    actor: User,
    aspect: str,
    text: str,
    criteria: str,
    version: int,
) -> CollectiveGoal:
    """Set or change the goal of aspect 1 (content) or 3 (learning yield)."""
    if aspect not in CollectiveGoal.COLLECTIVE_ASPECTS:
        raise AgreementError(_("This aspect is not a collective goal."))
    goal = (
        CollectiveGoal.objects.select_for_update()
        .filter(period=period, aspect=aspect)
        .first()
    )
    if goal is None:
        goal = CollectiveGoal(period=period, aspect=aspect, version=_first(version))
    else:
        claim(goal, version)
    goal.text = text.strip()
    goal.criteria = criteria.strip()
    goal.updated_by = actor
    goal.save()
    return goal


@transaction.atomic
def save_personal_goal(
    *,
    period: LearningPeriod,
    owner: User,
    text: str,
    criteria: str,
    shared: bool,
    version: int,
) -> PersonalGoal:
    """Set or change one's own aspect-2 goal and whether the community sees it."""
    goal = (
        PersonalGoal.objects.select_for_update()
        .filter(period=period, owner=owner)
        .first()
    )
    if goal is None:
        goal = PersonalGoal(period=period, owner=owner, version=_first(version))
    else:
        claim(goal, version)
    goal.text = text.strip()
    goal.criteria = criteria.strip()
    goal.shared = shared
    goal.save()
    return goal


EVALUATION_FIELDS = (
    "reached",
    "satisfaction",
    "evidence",
    "validated_by",
    "validation",
    "learned",
)


@transaction.atomic
def evaluate_goal(
    *,
    goal: CollectiveGoal | PersonalGoal,
    actor: User,
    version: int,
    evaluation: dict[str, Any],
) -> CollectiveGoal | PersonalGoal:
    """Record what was reached, how satisfied we are, the evidence and yield."""
    locked: CollectiveGoal | PersonalGoal
    if isinstance(goal, CollectiveGoal):
        locked = CollectiveGoal.objects.select_for_update().get(pk=goal.pk)
    else:
        locked = PersonalGoal.objects.select_for_update().get(pk=goal.pk)
    claim(locked, version)
    for name in EVALUATION_FIELDS:
        value = evaluation.get(name)
        setattr(locked, name, value.strip() if isinstance(value, str) else value)
    locked.evaluated_at = timezone.now()
    if isinstance(locked, CollectiveGoal):
        locked.updated_by = actor
    locked.save()
    return locked
