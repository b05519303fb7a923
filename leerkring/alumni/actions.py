"""Answering the coaching question: one atomic action, audited."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from leerkring.accounts.models import User
from leerkring.communities.models import Membership
from leerkring.core import audit
from leerkring.core.models import AuditAction

from .models import NOTE_MAX_LENGTH, Answer, CoachingInterest


class CoachingAnswerError(Exception):
    """The answer is refused; the message is translated."""


class StaleAnswer(CoachingAnswerError):
    """The answer changed in another window since ``version``; ``current`` is it."""

    def __init__(self, current: CoachingInterest) -> None:
        super().__init__(
            _(
                "Your answer was changed in another window in the meantime. The "
                "saved answer is shown above; your choice is still in the form. "
                "Send it again to replace it."
            )
        )
        self.current = current


@transaction.atomic
def answer_coaching_question(
    *,
    membership: Membership,
    actor: User,
    answer: str,
    note: str,
    version: int | None,
) -> CoachingInterest:
    """Save (or change) ``actor``'s answer in the community of ``membership``.

    ``version`` is the version of the answer the form was filled in from (None for
    a first answer); a newer one refuses the change. Nothing is written on refusal.
    """
    locked = Membership.objects.select_for_update().get(pk=membership.pk)
    if locked.user_id != actor.pk or not (locked.is_participant and locked.is_active):
        raise CoachingAnswerError(_("Only participants of the community answer this."))
    if answer not in Answer.values:
        raise CoachingAnswerError(_("Choose one of the answers."))
    note = note.strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise CoachingAnswerError(
            _("Keep the note to %(limit)s characters.") % {"limit": NOTE_MAX_LENGTH}
        )
    current = CoachingInterest.objects.filter(membership=locked).first()
    if current is None:
        if version is not None:
            raise CoachingAnswerError(_("This answer no longer exists; answer again."))
        interest = CoachingInterest.objects.create(
            membership=locked, answer=answer, note=note, answered_at=timezone.now()
        )
    else:
        if version != current.version:
            raise StaleAnswer(current)
        if (current.answer, current.note) == (answer, note):
            return current
        current.answer, current.note = answer, note
        current.answered_at = timezone.now()
        current.version += 1
        current.save()
        interest = current
    audit.record(
        AuditAction.COACHING_INTEREST_ANSWERED,
        actor=actor,
        target=interest,
        version=interest.version,
    )
    return interest
