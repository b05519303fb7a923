"""Who may use each intervision URL: the community's members read cases and
record the group's advice; its participants register cases; only the bringer
changes a case and records the take-away; whoever runs the meeting (the coaches
in a leergang, every member in a self-run period) chooses the format and moves
through its steps. Programme leads and other communities: never.

``meetings/tests/authz.py`` adds these rows and calls ``extend``.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from leerkring.core.tests.matrix import (
    COACHING,
    MEMBERS,
    PARTICIPANT,
    Row,
    World,
    allow,
)
from leerkring.meetings.method import ItemKind
from leerkring.meetings.models import IntervisionCase
from leerkring.meetings.tests.factories import AgendaItemFactory


def extend(world: World) -> None:
    """An intervision item on the leergang's meeting and on the self-run
    meeting, and the participant's case for the self-run meeting."""
    for name, meeting in (
        ("intervision_item", world.meeting),
        ("self_run_intervision_item", world.self_run_meeting),
    ):
        world.extra[name] = AgendaItemFactory(
            meeting=meeting, position=10, kind=ItemKind.INTERVISION
        )
    world.extra["intervision_case"] = IntervisionCase.objects.create(
        meeting=world.self_run_meeting,
        membership=world.participant_membership,
        question="Hoe geef ik lastige feedback?",
        context="Een student die dichtklapt.",
        advice="Vraag eerst wat zij zelf ziet.",
        takeaway="Ik vraag eerst wat zij zelf ziet.",
    )


def _self_run(name: str) -> Any:
    return lambda w: reverse(f"meetings:{name}", args=[w.self_run_meeting.pk])


def _leergang(name: str) -> Any:
    return lambda w: reverse(f"meetings:{name}", args=[w.meeting.pk])


def _case(name: str) -> Any:
    return lambda w: reverse(f"meetings:{name}", args=[w.intervision_case.pk])


def _format(item: str, meeting: str) -> Any:
    return lambda w: {
        "item": str(w.extra[item].pk),
        "format": "incident",
        "version": str(getattr(w, meeting).agenda_version),
    }


ROWS = [
    Row("meetings:intervision", _self_run("intervision"), allow(*MEMBERS)),
    Row("meetings:intervision", _leergang("intervision"), allow(*MEMBERS)),
    Row(
        "meetings:intervision",
        _self_run("intervision"),
        allow(PARTICIPANT, ok=302),
        method="post",
        data=lambda w: {"question": "Hoe houd ik de regie in een groep?"},
    ),
    Row(
        "meetings:intervision-format",
        _self_run("intervision-format"),
        allow(*MEMBERS, ok=302),
    ),
    Row(
        "meetings:intervision-format",
        _self_run("intervision-format"),
        allow(*MEMBERS, ok=302),
        method="post",
        data=_format("self_run_intervision_item", "self_run_meeting"),
    ),
    # In the leergang the coaches lead.
    Row(
        "meetings:intervision-format",
        _leergang("intervision-format"),
        allow(*COACHING, ok=302),
        method="post",
        data=_format("intervision_item", "meeting"),
    ),
    Row(
        "meetings:intervision-step",
        _self_run("intervision-step"),
        allow(*MEMBERS),
        method="post",
        data=lambda w: {"step": "next"},
        htmx=True,
    ),
    Row(
        "meetings:intervision-step",
        _leergang("intervision-step"),
        allow(*COACHING),
        method="post",
        data=lambda w: {"step": "next"},
        htmx=True,
    ),
    Row("meetings:intervision-case", _case("intervision-case"), allow(*MEMBERS)),
    Row(
        "meetings:intervision-case-edit",
        _case("intervision-case-edit"),
        allow(PARTICIPANT, ok=302),
        method="post",
        data=lambda w: {
            "meeting": str(w.self_run_meeting.pk),
            "question": "Hoe houd ik de regie?",
            "version": "1",
        },
    ),
    Row(
        "meetings:intervision-advice",
        _case("intervision-advice"),
        allow(*MEMBERS, ok=302),
        method="post",
        data=lambda w: {"advice": "Begin met een vraag.", "version": "1"},
    ),
    Row(
        "meetings:intervision-takeaway",
        _case("intervision-takeaway"),
        allow(PARTICIPANT, ok=302),
        method="post",
        data=lambda w: {"takeaway": "Eerst vragen.", "sharing": "", "version": "1"},
    ),
]
