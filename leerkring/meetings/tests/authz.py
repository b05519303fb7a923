"""Who may use each session URL. Session content is for the community's members;
in a leergang running and editing are for its coaches; in a self-run period for
every member; the coach notes always for the coaches only (DESIGN.md §5)."""

from datetime import timedelta
from typing import Any

from django.urls import reverse

from leerkring.communities.models import LearningPeriod
from leerkring.communities.tests.factories import LearningPeriodFactory
from leerkring.core.tests.matrix import (
    ANON,
    COACHING,
    LEAD,
    LOGIN,
    MEMBERS,
    PARTICIPANT,
    SUPERUSER,
    Row,
    World,
    allow,
    everyone,
    posts,
)
from leerkring.meetings.intervision.tests import authz as intervision
from leerkring.meetings.models import MeetingRole, RoleDefinition, SelfRunSchedule
from leerkring.meetings.tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    OpenSpaceProposalFactory,
)


def extend(world: World) -> None:
    extend_self_run(world)
    intervision.extend(world)
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
    Row(
        "meetings:agenda-reset",
        _meeting_url("agenda-reset"),
        allow(*COACHING),
    ),
    Row(
        "meetings:agenda-publish",
        _meeting_url("agenda-publish"),
        allow(*COACHING),
        method="post",
        data=_version,
        htmx=True,
    ),
    Row(
        "meetings:agenda-publish",
        _meeting_url("agenda-publish"),
        {**everyone(405), ANON: LOGIN},
    ),
    Row("meetings:meeting-run", _meeting_url("meeting-run"), allow(*COACHING)),
    Row(
        "meetings:meeting-run",
        _meeting_url("meeting-run"),
        allow(*COACHING),
        htmx=True,
    ),
    Row("meetings:coach-panel", _meeting_url("coach-panel"), allow(*COACHING)),
    Row(
        "meetings:coach-panel",
        _meeting_url("coach-panel"),
        {**everyone(405), ANON: LOGIN},
        method="post",
        data=lambda w: {},
    ),
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


# After the leergang: a self-run period of community A, after its leergang, whose
# first meeting the participant chairs (the note-taker's place is open).


def extend_self_run(world: World) -> None:
    start = world.period.end_date + timedelta(days=1)
    period = LearningPeriodFactory(
        community=world.community,
        kind=LearningPeriod.Kind.SELF_RUN,
        start_date=start,
        end_date=start + timedelta(weeks=24),
    )
    SelfRunSchedule.objects.create(period=period, interval_weeks=6, coach_every=3)
    first = MeetingFactory(period=period, number=1, date=start, method_step=None)
    second = MeetingFactory(
        period=period, number=2, date=start + timedelta(weeks=6), method_step=None
    )
    world.extra["self_run_period"] = period
    world.extra["self_run_meeting"] = first
    world.extra["self_run_item"] = AgendaItemFactory(meeting=first, position=1)
    AgendaItemFactory(meeting=first, position=2)
    world.extra["self_run_chair"] = MeetingRole.objects.create(
        meeting=first,
        role=MeetingRole.Role.CHAIR,
        membership=world.participant_membership,
    )
    MeetingRole.objects.create(meeting=first, role=MeetingRole.Role.NOTE_TAKER)
    world.extra["self_run_open_role"] = MeetingRole.objects.create(
        meeting=second, role=MeetingRole.Role.CHAIR
    )
    world.extra["self_run_note_taker"] = MeetingRole.objects.create(
        meeting=second,
        role=MeetingRole.Role.NOTE_TAKER,
        membership=world.participant_membership,
    )
    world.extra["self_run_role_definition"] = RoleDefinition.objects.create(
        period=period, key="tijdbewaker", name="Tijdbewaker", position=4
    )


def _period_url(name: str) -> Any:
    return lambda w: reverse(f"meetings:{name}", args=[w.self_run_period.pk])


ROWS += [
    Row(
        "meetings:self-run-create",
        lambda w: reverse("meetings:self-run-create", args=[w.community.pk]),
        allow(*COACHING),
    ),
    Row(
        "meetings:self-run-create",
        lambda w: reverse("meetings:self-run-create", args=[w.community.pk]),
        allow(*COACHING),
        method="post",
        data=lambda w: {"start_date": "", "interval_weeks": "6"},
    ),
    Row(
        "meetings:period-overview",
        lambda w: (
            reverse("meetings:period-overview", args=[w.community.pk])
            + f"?period={w.self_run_period.pk}"
        ),
        allow(*MEMBERS, LEAD, SUPERUSER),
    ),
    Row(
        "meetings:self-run-settings", _period_url("self-run-settings"), allow(*COACHING)
    ),
    Row(
        "meetings:self-run-settings",
        _period_url("self-run-settings"),
        allow(*COACHING, ok=302),
        method="post",
        data=lambda w: {"title": "Op eigen kracht", "coach_every": "2", "version": "1"},
    ),
    Row(
        "meetings:roles-redistribute",
        _period_url("roles-redistribute"),
        allow(*COACHING, ok=302),
        method="post",
        data=lambda w: {"version": "1"},
    ),
    Row(
        "meetings:role-swap",
        lambda w: reverse("meetings:role-swap", args=[w.self_run_chair.pk]),
        allow(*COACHING, PARTICIPANT, ok=302),
        method="post",
        data=lambda w: {
            f"role-{w.self_run_chair.pk}-version": "1",
            f"role-{w.self_run_chair.pk}-other": f"{w.self_run_open_role.pk}:1",
        },
    ),
    Row(
        "meetings:meeting-detail",
        lambda w: reverse("meetings:meeting-detail", args=[w.self_run_meeting.pk]),
        allow(*MEMBERS),
    ),
    Row(
        "meetings:summary-edit",
        lambda w: reverse(
            "meetings:summary-edit", args=[w.self_run_note_taker.meeting_id]
        ),
        allow(*COACHING, PARTICIPANT),
    ),
]

# The roles the community chooses: every member shapes them (no extra rights
# for coaches or role holders); a participant may decline a rotating role; the
# anonymous equal-space question is for the participants.


def _definition_url(name: str) -> Any:
    return lambda w: reverse(f"meetings:{name}", args=[w.self_run_role_definition.pk])


ROWS += [
    Row("meetings:self-run-roles", _period_url("self-run-roles"), allow(*MEMBERS)),
    Row(
        "meetings:self-run-roles",
        _period_url("self-run-roles"),
        allow(*MEMBERS),
        method="post",
        data=lambda w: {"new-version": "1", "new-name": ""},
    ),
    Row(
        "meetings:role-definition-edit",
        _definition_url("role-definition-edit"),
        allow(*MEMBERS),
        method="post",
        data=lambda w: {"version": "1"},
    ),
    Row(
        "meetings:role-definition-remove",
        _definition_url("role-definition-remove"),
        allow(*MEMBERS, ok=302),
        method="post",
        data=lambda w: {"version": "1"},
    ),
    Row(
        "meetings:role-definition-decline",
        _definition_url("role-definition-decline"),
        allow(PARTICIPANT, ok=302),
        method="post",
        data=lambda w: {"version": "1", "declined": "1"},
    ),
    Row(
        "meetings:equal-space",
        lambda w: reverse("meetings:equal-space", args=[w.self_run_meeting.pk]),
        allow(PARTICIPANT),
    ),
    Row(
        "meetings:equal-space",
        lambda w: reverse("meetings:equal-space", args=[w.self_run_meeting.pk]),
        allow(PARTICIPANT),
        method="post",
        data=lambda w: {"score": "9"},
    ),
]


# In a self-run period every member runs the meeting (the rows above, on a
# leergang session, prove the coaches still lead there); the coach panel and
# notes stay the coaches'; a visiting coach writes an observation.


def _self_run_url(name: str) -> Any:
    return lambda w: reverse(f"meetings:{name}", args=[w.self_run_meeting.pk])


def _self_run_item_url(name: str) -> Any:
    return lambda w: reverse(f"meetings:{name}", args=[w.self_run_item.pk])


def _self_run_version(w: World) -> dict[str, Any]:
    return {"version": w.self_run_meeting.agenda_version}


ROWS += [
    Row("meetings:meeting-edit", _self_run_url("meeting-edit"), allow(*MEMBERS)),
    Row(
        "meetings:agenda-item-edit",
        _self_run_item_url("agenda-item-edit"),
        allow(*MEMBERS),
    ),
    Row(
        "meetings:observation-edit",
        _self_run_url("observation-edit"),
        allow(*COACHING),
    ),
    Row("meetings:agenda-edit", _self_run_url("agenda-edit"), allow(*MEMBERS)),
    Row(
        "meetings:agenda-item-new",
        _self_run_url("agenda-item-new"),
        allow(*MEMBERS, ok=302),
        method="post",
        data=lambda w: {
            "kind": "custom",
            "title": "Pauze",
            "minutes": "10",
            **_self_run_version(w),
        },
    ),
    Row(
        "meetings:agenda-item-move",
        _self_run_item_url("agenda-item-move"),
        allow(*MEMBERS),
        method="post",
        data=lambda w: {"direction": "down", **_self_run_version(w)},
        htmx=True,
    ),
    Row(
        "meetings:agenda-item-delete",
        _self_run_item_url("agenda-item-delete"),
        allow(*MEMBERS, ok=302),
        method="post",
        data=_self_run_version,
    ),
    Row("meetings:agenda-reset", _self_run_url("agenda-reset"), allow(*MEMBERS)),
    Row(
        "meetings:agenda-reset",
        _self_run_url("agenda-reset"),
        allow(*MEMBERS, ok=302),
        method="post",
        data=_self_run_version,
    ),
    Row(
        "meetings:agenda-publish",
        _self_run_url("agenda-publish"),
        allow(*MEMBERS),
        method="post",
        data=_self_run_version,
        htmx=True,
    ),
    Row("meetings:meeting-run", _self_run_url("meeting-run"), allow(*MEMBERS)),
    Row(
        "meetings:meeting-run",
        _self_run_url("meeting-run"),
        allow(*MEMBERS),
        htmx=True,
    ),
    Row(
        "meetings:meeting-advance",
        _self_run_url("meeting-advance"),
        allow(*MEMBERS),
        method="post",
        data=lambda w: {"item": "next"},
        htmx=True,
    ),
    Row(
        "meetings:attendance-save",
        _self_run_url("attendance-save"),
        allow(*MEMBERS, ok=302),
        method="post",
        data=lambda w: {"present": [str(w.participant_membership.pk)]},
    ),
    Row("meetings:coach-panel", _self_run_url("coach-panel"), allow(*COACHING)),
    Row(
        "meetings:notes-save",
        _self_run_url("notes-save"),
        allow(*COACHING),
        method="post",
        data=lambda w: {"coach_notes": "Let op de stilte.", "version": "1"},
        htmx=True,
    ),
    Row("meetings:summary-edit", _self_run_url("summary-edit"), allow(*MEMBERS)),
    Row(
        "meetings:summary-edit",
        _self_run_url("summary-edit"),
        allow(*MEMBERS, ok=302),
        method="post",
        data=lambda w: {"summary": "We spraken af...", "version": "1"},
    ),
    Row(
        "meetings:observation-edit",
        _self_run_url("observation-edit"),
        allow(*COACHING, ok=302),
        method="post",
        data=lambda w: {"coach_observation": "Een open gesprek.", "version": "1"},
    ),
    # A leergang session has no visiting coach: nobody writes an observation.
    Row(
        "meetings:observation-edit",
        _meeting_url("observation-edit"),
        allow(),
    ),
    Row(
        "meetings:observation-edit",
        _meeting_url("observation-edit"),
        allow(),
        method="post",
        data=lambda w: {"coach_observation": "Een open gesprek.", "version": "1"},
    ),
]
ROWS += intervision.ROWS

# Each form's POST path: the same people, refused alike (an empty form is shown
# again with its errors).
ROWS += posts(ROWS, "meetings:agenda-item-edit", "meetings:meeting-edit")
