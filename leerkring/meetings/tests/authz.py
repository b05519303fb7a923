"""Who may use each session URL. Session content is for the community's members;
running, editing and the coach notes for its coaches only (DESIGN.md §5)."""

from typing import Any

from django.urls import reverse

from leerkring.core.tests.matrix import (
    COACHING,
    LEAD,
    MEMBERS,
    PARTICIPANT,
    SUPERUSER,
    Row,
    World,
    allow,
)
from leerkring.meetings.tests.factories import (
    AgendaItemFactory,
    OpenSpaceProposalFactory,
)


def extend(world: World) -> None:
    meeting = world.meeting
    world.extra["agenda_item"] = AgendaItemFactory(meeting=meeting, position=1)
    AgendaItemFactory(meeting=meeting, position=2)
    world.extra["open_space_proposal"] = OpenSpaceProposalFactory(
        meeting=meeting, author=world.users[PARTICIPANT]
    )


def _meeting_url(name: str) -> Any:
    return lambda w: reverse(f"meetings:{name}", args=[w.meeting.pk])


def _item_url(name: str) -> Any:
    return lambda w: reverse(f"meetings:{name}", args=[w.agenda_item.pk])


def _version(w: World) -> dict[str, Any]:
    return {"version": w.meeting.agenda_version}


ROWS = [
    Row(
        "meetings:period-overview",
        lambda w: reverse("meetings:period-overview", args=[w.community.pk]),
        allow(*MEMBERS, LEAD, SUPERUSER),
    ),
    Row(
        "meetings:leergang-create",
        lambda w: reverse("meetings:leergang-create", args=[w.community.pk]),
        allow(*COACHING, LEAD, SUPERUSER),
    ),
    Row(
        "meetings:leergang-create",
        lambda w: reverse("meetings:leergang-create", args=[w.community.pk]),
        allow(*COACHING, LEAD, SUPERUSER),
        method="post",
        data=lambda w: {"start_date": "2031-01-06", "count": "8", "propose": "1"},
        htmx=True,
    ),
    Row("meetings:meeting-detail", _meeting_url("meeting-detail"), allow(*MEMBERS)),
    Row("meetings:meeting-edit", _meeting_url("meeting-edit"), allow(*COACHING)),
    Row("meetings:agenda-edit", _meeting_url("agenda-edit"), allow(*COACHING)),
    Row(
        "meetings:agenda-item-new",
        _meeting_url("agenda-item-new"),
        allow(*COACHING, ok=302),
        method="post",
        data=lambda w: {
            "kind": "custom",
            "title": "Pauze",
            "minutes": "10",
            **_version(w),
        },
    ),
    Row(
        "meetings:agenda-reset",
        _meeting_url("agenda-reset"),
        allow(*COACHING, ok=302),
        method="post",
        data=_version,
    ),
    Row("meetings:agenda-item-edit", _item_url("agenda-item-edit"), allow(*COACHING)),
    Row(
        "meetings:agenda-item-move",
        _item_url("agenda-item-move"),
        allow(*COACHING),
        method="post",
        data=lambda w: {"direction": "down", **_version(w)},
        htmx=True,
    ),
    Row(
        "meetings:agenda-item-delete",
        _item_url("agenda-item-delete"),
        allow(*COACHING, ok=302),
        method="post",
        data=_version,
    ),
    Row(
        "meetings:proposal-new",
        _meeting_url("proposal-new"),
        allow(*MEMBERS, ok=302),
        method="post",
        data=lambda w: {"title": "Gastspreker over peerfeedback"},
    ),
    Row(
        "meetings:proposal-accept",
        lambda w: reverse("meetings:proposal-accept", args=[w.open_space_proposal.pk]),
        allow(*COACHING, ok=302),
        method="post",
        data=_version,
    ),
    Row("meetings:meeting-run", _meeting_url("meeting-run"), allow(*COACHING)),
    Row(
        "meetings:meeting-advance",
        _meeting_url("meeting-advance"),
        allow(*COACHING),
        method="post",
        data=lambda w: {"item": "next"},
        htmx=True,
    ),
    Row(
        "meetings:attendance-save",
        _meeting_url("attendance-save"),
        allow(*COACHING, ok=302),
        method="post",
        data=lambda w: {"present": [str(w.participant_membership.pk)]},
    ),
    Row(
        "meetings:notes-save",
        _meeting_url("notes-save"),
        allow(*COACHING),
        method="post",
        data=lambda w: {"coach_notes": "Let op de stilte.", "version": "1"},
        htmx=True,
    ),
    Row("meetings:summary-edit", _meeting_url("summary-edit"), allow(*COACHING)),
    Row(
        "meetings:summary-edit",
        _meeting_url("summary-edit"),
        allow(*COACHING, ok=302),
        method="post",
        data=lambda w: {"summary": "We spraken af...", "version": "1"},
    ),
]
