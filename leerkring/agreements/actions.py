"""Workflows on agreements and goals: each atomic, each checking the revision
the editor started from, so that a concurrent edit is refused instead of lost."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from leerkring.accounts.models import User
from leerkring.communities.models import LearningPeriod
from leerkring.core import audit
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


class StaleEdit(AgreementError):
    """Someone saved in between; ``current`` is what they saved."""

    def __init__(self, message: str, current: Any) -> None:
        super().__init__(message)
        self.current = current


def _stale_message() -> str:
    return _(
        "Someone else saved a change while you were editing. Their version is "
        "shown below; your text is still in the form. Compare, adjust and save again."
    )


@transaction.atomic
def save_agreements(
    *,
    period: LearningPeriod,
    actor: User,
    expected_revision: int,
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
    current = agreement.current_version()
    if agreement.revision != expected_revision:
        raise StaleEdit(_stale_message(), current)
    texts = {name: sections.get(name, "").strip() for name in SECTION_NAMES}
    if current is not None and texts == current.section_texts():
        raise AgreementError(_("Nothing changed: the agreements are as they were."))
    if current is None and not any(texts.values()):
        raise AgreementError(_("Write at least one agreement."))
    if current is None or current.confirmations.exists():
        number = current.number + 1 if current else 1
        version = AgreementVersion(agreement=agreement, number=number, created_by=actor)
    else:
        version = current
    for name, text in texts.items():
        setattr(version, name, text)
    version.change_note = change_note.strip()
    version.updated_by = actor
    version.save()
    agreement.revision += 1
    agreement.save(update_fields=["revision"])
    return version


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


@transaction.atomic
def save_collective_goal(
    *,
    period: LearningPeriod,
    actor: User,
    aspect: str,
    text: str,
    criteria: str,
    expected_revision: int,
) -> CollectiveGoal:
    """Set or change the goal of aspect 1 (content) or 3 (learning yield)."""
    if aspect not in CollectiveGoal.COLLECTIVE_ASPECTS:
        raise AgreementError(_("This aspect is not a collective goal."))
    goal = (
        CollectiveGoal.objects.select_for_update()
        .filter(period=period, aspect=aspect)
        .first()
    )
    if (goal.revision if goal else 0) != expected_revision:
        raise StaleEdit(_stale_message(), goal)
    if goal is None:
        goal = CollectiveGoal(period=period, aspect=aspect, revision=0)
    goal.text = text.strip()
    goal.criteria = criteria.strip()
    goal.updated_by = actor
    goal.revision += 1
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
    expected_revision: int,
) -> PersonalGoal:
    """Set or change one's own aspect-2 goal and whether the community sees it."""
    goal = (
        PersonalGoal.objects.select_for_update()
        .filter(period=period, owner=owner)
        .first()
    )
    if (goal.revision if goal else 0) != expected_revision:
        raise StaleEdit(_stale_message(), goal)
    if goal is None:
        goal = PersonalGoal(period=period, owner=owner, revision=0)
    goal.text = text.strip()
    goal.criteria = criteria.strip()
    goal.shared = shared
    goal.revision += 1
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
    expected_revision: int,
    evaluation: dict[str, Any],
) -> CollectiveGoal | PersonalGoal:
    """Record what was reached, how satisfied we are, the evidence and yield."""
    locked: CollectiveGoal | PersonalGoal
    if isinstance(goal, CollectiveGoal):
        locked = CollectiveGoal.objects.select_for_update().get(pk=goal.pk)
    else:
        locked = PersonalGoal.objects.select_for_update().get(pk=goal.pk)
    if locked.revision != expected_revision:
        raise StaleEdit(_stale_message(), locked)
    for name in EVALUATION_FIELDS:
        value = evaluation.get(name)
        setattr(locked, name, value.strip() if isinstance(value, str) else value)
    locked.evaluated_at = timezone.now()
    locked.revision += 1
    if isinstance(locked, CollectiveGoal):
        locked.updated_by = actor
    locked.save()
    return locked
