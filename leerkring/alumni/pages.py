"""What the coaching pages show: a fixed number of queries however many people."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from leerkring.communities.models import Community, Membership, Organisation

from .asking import question_open
from .forms import CoachingInterestForm
from .models import Answer, CoachingInterest


def is_asked(community: Community) -> bool:
    """Has the question opened in this community (session 7 has come, or later)?"""
    today = timezone.localdate()
    return (
        Community.objects.filter(pk=community.pk)
        .filter(question_open("pk", today))
        .exists()
    )


def own_interest(membership: Membership) -> CoachingInterest | None:
    return CoachingInterest.objects.filter(membership=membership).first()


def form_for(interest: CoachingInterest | None) -> CoachingInterestForm:
    if interest is None:
        return CoachingInterestForm()
    return CoachingInterestForm(
        initial={
            "answer": interest.answer,
            "note": interest.note,
            "version": interest.version,
        }
    )


def question(
    community: Community,
    membership: Membership,
    form: CoachingInterestForm | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """The participant's side: the question, their answer, the form."""
    interest = own_interest(membership)
    return {
        "community": community,
        "asked": is_asked(community),
        "interest": interest,
        "form": form or form_for(interest),
        **extra,
    }


@dataclass(frozen=True)
class Counts:
    yes: int
    maybe: int
    no: int = 0
    open: int = 0


def participants_answers(community: Community) -> dict[str, Any]:
    """The coaches' side: every active participant and their answer (if any)."""
    participants = list(
        Membership.objects.active()
        .participants()
        .filter(community=community)
        .select_related("user", "coaching_interest")
        .order_by("user__display_name", "pk")
    )
    rows = [(m, getattr(m, "coaching_interest", None)) for m in participants]
    tally = Counter(interest.answer if interest else None for _m, interest in rows)
    counts = Counts(
        yes=tally[Answer.YES],
        maybe=tally[Answer.MAYBE],
        no=tally[Answer.NO],
        open=tally[None],
    )
    return {
        "community": community,
        "rows": rows,
        "counts": counts,
        "asked": is_asked(community),
    }


def organisation_alumni(organisation: Organisation) -> dict[str, Any]:
    """The programme lead's list: who said yes or maybe, newest first."""
    interests = list(
        CoachingInterest.objects.interested()
        .in_organisation(organisation.pk)
        .select_related("membership__user", "membership__community")
        .order_by("-answered_at", "-pk")
    )
    tally = Counter(interest.answer for interest in interests)
    return {
        "organisation": organisation,
        "interests": interests,
        "counts": Counts(yes=tally[Answer.YES], maybe=tally[Answer.MAYBE]),
    }
