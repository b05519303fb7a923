"""Answering the coaching question: one atomic action, audited."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from leerkring.accounts.models import User
from leerkring.communities.models import Membership
from leerkring.core import audit
from leerkring.core.concurrency import claim
from leerkring.core.models import AuditAction

from .models import NOTE_MAX_LENGTH, Answer, CoachingInterest


class CoachingAnswerError(Exception):
    """The answer is refused; the message is translated."""


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
    a first answer); a newer one refuses the change (``Stale``). Nothing is
    written on refusal.
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
        if (current.answer, current.note, current.version) == (answer, note, version):
            return current
        claim(current, version)
        current.answer, current.note = answer, note
        current.answered_at = timezone.now()
        current.save()
        interest = current
    audit.record(
        AuditAction.COACHING_INTEREST_ANSWERED,
        actor=actor,
        target=interest,
        version=interest.version,
    )
    return interest
