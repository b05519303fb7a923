"""What the pages show of a self-run period: the schedule and how the roles are
spread, and the roles of one meeting with the swaps the viewer may make."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from leerkring.communities.models import LearningPeriod, Membership

from ..forms import RoleSwapForm
from ..models import Meeting
from . import rotation
from .actions import rotating_members
from .attention import last_attention
from .models import MeetingRole


def self_run_context(
    period: LearningPeriod, membership: Membership | None, meetings: Any
) -> dict[str, Any]:
    """A self-run period's schedule and, for its members only, who holds which
    role and how the roles are spread (a programme lead sees neither)."""
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
                "roles", queryset=MeetingRole.objects.select_related("membership__user")
            )
        )
    )
    people = rotating_members(period.community)
    roles = [role for meeting in meetings for role in meeting.roles.all()]
    counts = rotation.spread(
        ((r.membership, r.role) for r in roles if r.membership is not None), people
    )
    share = rotation.fair_share(len(roles), len(people))
    spread = [
        {
            "membership": person,
            "chair": tally[rotation.CHAIR],
            "note_taker": tally[rotation.NOTE_TAKER],
            "total": sum(tally.values()),
            "over": sum(tally.values()) > share,
            "active": person in people,
        }
        for person, tally in counts.items()
    ]
    return {
        "schedule": schedule,
        "meetings": meetings,
        "held": sum(m.date < today or m.is_closed for m in meetings),
        **attention,
        "spread": spread,
        "fair_share": share,
        "over_share": [row for row in spread if row["over"]],
        "open_roles": sum(r.membership is None for r in roles),
    }


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
