"""Intake material: the participant themself and the community's coaches only;
never other participants, the programme lead or superusers (DESIGN.md §5)."""

from django.urls import reverse

from leerkring.core.tests.matrix import (
    ANON,
    APPRENTICE,
    COACH,
    LOGIN,
    PARTICIPANT,
    Row,
    World,
    allow,
    everyone,
)
from leerkring.intake.tests.factories import IntakeFactory, IntakePreparationFactory


def extend(world: World) -> None:
    IntakePreparationFactory(membership=world.participant_membership)
    IntakeFactory(membership=world.participant_membership)


def _participant(w: World) -> str:
    return reverse("intake:participant", args=[w.participant_membership.pk])


ROWS = [
    Row(
        "intake:overview",
        lambda w: reverse("intake:overview", args=[w.community.pk]),
        allow(COACH, APPRENTICE),
    ),
    Row(
        "intake:preparation",
        lambda w: reverse("intake:preparation", args=[w.community.pk]),
        allow(PARTICIPANT),
    ),
    Row(
        "intake:preparation",
        lambda w: reverse("intake:preparation", args=[w.community.pk]),
        allow(PARTICIPANT, ok=302),
        method="post",
        data=lambda w: {"expectations": "Samen leren.", "version": "1"},
    ),
    Row(
        "intake:welcome",
        lambda w: reverse("intake:welcome", args=[w.community.pk]),
        allow(PARTICIPANT, COACH, APPRENTICE),
    ),
    Row(
        "intake:welcome",
        lambda w: reverse("intake:welcome", args=[w.community.pk]),
        {**everyone(405), ANON: LOGIN},
        method="post",
    ),
    Row("intake:participant", _participant, allow(COACH, APPRENTICE)),
    Row(
        "intake:participant",
        _participant,
        allow(COACH, APPRENTICE, ok=302),
        method="post",
        data=lambda w: {
            "held_on": "2026-01-10",
            "expectations_shared": "on",
            "commitment": "yes",
            "notes": "Gemotiveerd.",
        },
    ),
]
