"""When a participant is asked: from the leergang's session 7 on, and after it.

The question belongs to the end of the leergang (consolidation, seed text §2.3),
so it opens once the date of session 7 of a coached leergang has come, or, for a
leergang with fewer sessions, once the leergang is over. "Maybe later" asks again
in the next period: as soon as a period of the community has started after the
answer was given.

These are expressions over a community id (``OuterRef``), so one query answers
them for all of someone's communities at once.
"""

from __future__ import annotations

from datetime import date

from django.db.models import DateTimeField, Exists, ExpressionWrapper, OuterRef, Q
from django.db.models.functions import TruncDate

from leerkring.communities.models import LearningPeriod
from leerkring.meetings.models import Meeting

from .models import Answer

ASK_FROM_SESSION = 7


def question_open(community: str, today: date) -> Q:
    """The question is open in the community referred to by ``community``."""
    session_has_come = Meeting.objects.filter(
        period__community=OuterRef(community),
        period__kind=LearningPeriod.Kind.LEERGANG,
        number__gte=ASK_FROM_SESSION,
        date__lte=today,
    )
    leergang_over = LearningPeriod.objects.filter(
        community=OuterRef(community),
        kind=LearningPeriod.Kind.LEERGANG,
        end_date__lt=today,
    )
    return Q(Exists(session_has_come)) | Q(Exists(leergang_over))


def waiting_for_answer(interest: str, community: str, today: date) -> Q:
    """Not answered yet, or "maybe later" and a new period has begun since.

    ``interest`` is the path to the ``CoachingInterest`` (e.g.
    ``"coaching_interest"`` from a membership), ``community`` to the community.
    """
    new_period = LearningPeriod.objects.filter(
        community=OuterRef(community),
        start_date__gt=TruncDate(
            ExpressionWrapper(
                OuterRef(f"{interest}__answered_at"), output_field=DateTimeField()
            )
        ),
        start_date__lte=today,
    )
    return Q(**{f"{interest}__isnull": True}) | Q(
        Q(**{f"{interest}__answer": Answer.MAYBE}) & Q(Exists(new_period))
    )
