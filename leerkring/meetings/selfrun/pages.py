"""What the pages show of a self-run period: the schedule, how the roles are
spread, the equality guard's notices and trend, the community's role set with
its proposal, and the roles of one meeting with the swaps the viewer may make."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from leerkring.communities.models import LearningPeriod, Membership
from leerkring.pulses.aggregates import MIN_ANSWERS

from ..forms import RoleSwapForm
from ..models import Meeting
from . import rotation
from .attention import last_attention
from .forms import RoleForm
from .guard import guard
from .models import MeetingRole, RoleDefinition, SelfRunSchedule
from .roles import KEPT_ROLES, definitions, outlook, rotating_members, specs


def self_run_context(
    period: LearningPeriod, membership: Membership | None, meetings: Any
) -> dict[str, Any]:
    """A self-run period's schedule and, for its members only, who holds which
    role, how the roles are spread, the equality guard's notices and the
    equal-space trend (a programme lead sees none of it)."""
    schedule = getattr(period, "self_run_schedule", None)
    today = timezone.localdate()
    attention = {
        "last_coach_visit": last_attention([period.community_id], today).get(
            period.community_id
        ),
    }
    if membership is None:
        listed = list(meetings)
        return {
            "schedule": schedule,
            "meetings": listed,
            "held": sum(m.date < today or m.is_closed for m in listed),
            **attention,
        }
    meetings = list(
        meetings.prefetch_related(
            Prefetch(
                "roles",
                queryset=MeetingRole.objects.select_related("membership__user"),
            )
        )
    )
    people = rotating_members(period.community)
    defined = definitions(period)
    keys = [d.key for d in defined]
    rotating = {d.key for d in defined if d.rotates}
    roles = [role for meeting in meetings for role in meeting.roles.all()]
    counts = rotation.spread(
        ((r.membership, r.role) for r in roles if not r.is_open), people, keys
    )
    # The fair share is of the rotating roles, over the people they go round.
    pool = rotation.rotating_people(people, specs(defined, people))
    share = rotation.fair_share(sum(r.role in rotating for r in roles), len(pool))
    spread = []
    for person, tally in counts.items():
        total = sum(n for key, n in tally.items() if key in rotating)
        spread.append(
            {
                "membership": person,
                "counts": [tally.get(key, 0) for key in keys],
                "total": total,
                "over": total > share,
                "active": person in people,
            }
        )
    watch = guard(period)
    return {
        "schedule": schedule,
        "meetings": meetings,
        "role_definitions": defined,
        "held": sum(m.date < today or m.is_closed for m in meetings),
        **attention,
        "spread": spread,
        "fair_share": share,
        "over_share": [row for row in spread if row["over"]],
        "open_roles": sum(r.is_open for r in roles if r.meeting.date >= _today()),
        "notices": watch.notices,
        "trend": watch.trend,
        "min_answers": MIN_ANSWERS,
    }


def _today() -> Any:
    return timezone.localdate()


def roles_page_context(
    period: LearningPeriod,
    membership: Membership,
    *,
    schedule: SelfRunSchedule,
    new_form: RoleForm | None = None,
    bound: RoleForm | None = None,
) -> dict[str, Any]:
    """The role-set page: each role with its edit form (the one just sent keeps
    what was typed), whether the viewer declined it, a form to add one, and the
    proposal for the meetings to come."""
    members = rotating_members(period.community)
    defined = definitions(period)
    version = {"version": schedule.roles_version}
    rows = [
        {
            "role": role,
            "form": bound
            if bound is not None and bound.role == role
            else _edit_form(role, members, version),
            "declined": any(d.pk == membership.pk for d in role.declined_by.all()),
            "kept": role.key in KEPT_ROLES,
        }
        for role in defined
    ]
    coming = list(
        Meeting.objects.for_period(period)
        .filter(date__gte=_today())
        .prefetch_related(
            Prefetch(
                "roles",
                queryset=MeetingRole.objects.select_related("membership__user"),
            )
        )
    )
    return {
        "community": period.community,
        "period": period,
        "schedule": schedule,
        "membership": membership,
        "rows": rows,
        "new_form": new_form
        or RoleForm(members=members, prefix="new", initial=version),
        "proposal": [
            {
                "meeting": meeting,
                "cells": [
                    {r.role: r for r in meeting.roles.all()}.get(d.key) for d in defined
                ],
            }
            for meeting in coming
        ],
        "notes": outlook(defined, members, len(coming)).notes(),
    }


def _edit_form(
    role: RoleDefinition, members: list[Membership], version: dict[str, int]
) -> RoleForm:
    form = RoleForm(members=members, role=role)
    form.initial.update(version)
    return form


def roles_context(meeting: Meeting, membership: Membership) -> list[dict[str, Any]]:
    """The meeting's roles, each with a swap form where the viewer may swap it
    (their own role; a coach any) while the meeting is still to come."""
    roles = list(
        MeetingRole.objects.filter(meeting=meeting).select_related("membership__user")
    )
    mine = [
        r for r in roles if membership.is_coaching or r.membership_id == membership.pk
    ]
    options: list[MeetingRole] = []
    if mine and meeting.status() != "past":
        options = list(
            MeetingRole.objects.filter(
                meeting__period_id=meeting.period_id,
                meeting__date__gte=timezone.localdate(),
            )
            .select_related("meeting", "membership__user")
            .order_by("meeting__number", "role")
        )
    return [
        {
            "role": role,
            "form": RoleSwapForm(
                role=role, options=options, own=role.membership_id == membership.pk
            )
            if role in mine and options
            else None,
        }
        for role in roles
    ]


def my_tasks(roles: list[dict[str, Any]], membership: Membership) -> list[str]:
    """The roles the viewer holds at this meeting (``chair``, ``note_taker``):
    the page says what each asks of them."""
    return [e["role"].role for e in roles if e["role"].membership_id == membership.pk]
