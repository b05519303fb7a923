"""Who may use the coaching question's URLs (DESIGN.md §5): the participant
answers their own; the community's coaches and the organisation's programme leads
read the answers; nobody else, superusers included."""

from django.urls import reverse

from leerkring.alumni.models import Answer
from leerkring.alumni.tests.factories import CoachingInterestFactory
from leerkring.core.tests.matrix import (
    APPRENTICE,
    COACH,
    LEAD,
    OTHER_PARTICIPANT,
    PARTICIPANT,
    Row,
    World,
    allow,
)


def extend(world: World) -> None:
    world.extra["coaching_interest"] = CoachingInterestFactory(
        membership=world.participant_membership, note="alleen voor coaches"
    )
    CoachingInterestFactory(
        membership=world.memberships[OTHER_PARTICIPANT], answer=Answer.MAYBE
    )


def _coaching(w: World) -> str:
    return reverse("alumni:coaching", args=[w.community.pk])


def _answer(w: World) -> dict[str, object]:
    return {"answer": Answer.MAYBE.value, "note": "", "version": 1}


ROWS = [
    Row("alumni:coaching", _coaching, allow(PARTICIPANT, COACH, APPRENTICE)),
    Row(
        "alumni:coaching",
        _coaching,
        allow(PARTICIPANT, COACH, APPRENTICE),
        htmx=True,
    ),
    Row(
        "alumni:coaching",
        _coaching,
        allow(PARTICIPANT, ok=302),
        method="post",
        data=_answer,
    ),
    Row(
        "alumni:coaching",
        _coaching,
        allow(PARTICIPANT),
        method="post",
        data=_answer,
        htmx=True,
    ),
    Row(
        "alumni:organisation-alumni",
        lambda w: reverse("alumni:organisation-alumni", args=[w.organisation.pk]),
        allow(LEAD),
    ),
]
